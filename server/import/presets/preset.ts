import type { EventType } from '../../../lib/contract/index.ts';
import type { Field, ImportKind } from '../columns.ts';

/** One tool's export layout, recognised from its header row. */
export interface Preset {
  /** As `--preset` takes it and the import reports it: `hubspot-contacts`. */
  name: string;
  label: string;
  kind: ImportKind;
  /** Header rows as the tool writes them; each must be recognised as this preset (tested). */
  examples: readonly string[];
  /** Normalised column names that must all be in the header; `a|b` is met by either. */
  requires: readonly string[];
  /** When given, at least one of these must be in the header too. */
  anyOf?: readonly string[];
  /** The tool's column names, normalised, and the field each fills; `null`: known, not imported. */
  columns: Readonly<Record<string, Field | null>>;
  /** Cells holding exactly `null` are empty (Marketo writes it for every empty value). */
  nullLiteral?: boolean;
  /** The Salesforce object type of the file's id column, from its normalised column names. */
  salesforceType?: (names: readonly string[]) => string;
  /** The tool's event type values, normalised (`10` or `openemail` for Marketo's Open Email). */
  eventTypes?: Readonly<Record<string, EventType | null>>;
  /** A type value not listed: skipped (Marketo has hundreds of activity types) or a rejected row. */
  unknownTypes?: 'skip' | 'reject';
}
