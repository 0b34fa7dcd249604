import { IMPORT_COLUMNS, type ImportField, type ImportKind } from '../../lib/contract/imports.ts';

/** The fields an import fills, per kind (declared in the contract, which the console reads too). */
export const COLUMNS = IMPORT_COLUMNS;

export type { ImportKind };
export type LeadField = (typeof COLUMNS.leads.all)[number];
export type EventField = (typeof COLUMNS.events.all)[number];
export type Field = ImportField;

/** A file that cannot be imported at all (missing, unreadable, a header we cannot map). */
export class ImportError extends Error {}

export function isField(kind: ImportKind, name: string): name is Field {
  return (COLUMNS[kind].all as readonly string[]).includes(name);
}

/** How column names are compared: case, spaces and punctuation ignored (`Job Title` = `jobtitle` = `JOB_TITLE`). */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}
