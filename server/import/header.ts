import { EVENT_ALIASES, LEAD_ALIASES } from './aliases.ts';
import { COLUMNS, type Field, ImportError, type ImportKind, isField, normaliseName } from './columns.ts';
import { detectPreset, type Preset } from './presets/index.ts';

/** How the header row's columns are read. */
export interface ColumnPlan {
  preset: Preset | undefined;
  /** Per column, the field it fills; null for a column not imported. */
  fields: readonly (Field | null)[];
  /** The columns as the file names them (trimmed). */
  names: readonly string[];
  /** Columns of a preset's file that are not imported, as named in the file. */
  ignored: readonly string[];
}

/** `--map` entries: a column name (normalised) and the field it fills, or null to leave it out. */
export type ColumnMap = ReadonlyMap<string, Field | null>;

const quote = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/** The header row read: its plan, and every reason the file cannot be imported as mapped. */
export interface HeaderReading extends ColumnPlan {
  /** In the order the import reports them: a `--map` naming no column, unknown columns, a field filled twice, a field missing. */
  problems: readonly string[];
}

/**
 * Matches each column of the header row to a field: `--map` first, then the detected (or named)
 * preset's columns, then aliases and the fields' own names. In a preset's file other columns are
 * left out and listed; in any other file an unknown column is a problem, so a misspelt column
 * never drops data silently.
 */
export function readHeader(
  kind: ImportKind,
  header: readonly string[],
  map: ColumnMap,
  forced?: Preset,
): HeaderReading {
  const names = header.map((h) => h.trim());
  const normal = names.map(normaliseName);
  const preset = forced ?? detectPreset(kind, normal);
  const problems: string[] = [];
  for (const key of map.keys()) {
    if (!normal.includes(key)) {
      problems.push(`--map names a column the header row does not have ("${key}"); the columns are ${quote(names)}`);
    }
  }
  const aliases: Readonly<Record<string, Field>> = kind === 'leads' ? LEAD_ALIASES : EVENT_ALIASES;
  const own = new Map<string, Field>(COLUMNS[kind].all.map((f) => [normaliseName(f), f]));
  const unknown: string[] = [];
  const ignored: string[] = [];
  const fields = normal.map((key, i): Field | null => {
    if (map.has(key)) return map.get(key) ?? null;
    if (preset && key in preset.columns) return preset.columns[key] ?? null;
    const field = own.get(key) ?? aliases[key];
    if (field && isField(kind, field)) return field;
    if (preset) ignored.push(names[i] ?? key);
    else unknown.push(names[i] ?? key);
    return null;
  });
  if (unknown.length > 0) {
    problems.push(
      `unknown column${unknown.length > 1 ? 's' : ''} ${quote(unknown)} in the header row; ` +
        `${kind} files may have ${COLUMNS[kind].all.join(', ')} (or a tool's own names, docs/import.md); ` +
        `--map "Column=field" maps a column, --map "Column=" leaves it out`,
    );
  }
  const repeated = [...new Set(fields.filter((f, i): f is Field => f !== null && fields.indexOf(f) !== i))];
  for (const field of repeated) {
    const columns = names.filter((_, i) => fields[i] === field);
    problems.push(`columns ${quote(columns)} both fill ${field}; leave one out with --map "${columns[1]}="`);
  }
  const missing = COLUMNS[kind].required.filter((entry) => !entry.split('|').some((f) => fields.includes(f as Field)));
  if (missing.length > 0) {
    problems.push(
      `the header row has no column for ${missing.map((m) => m.replace('|', ' or ')).join(', ')}` +
        `${preset ? ` (read as a ${preset.label})` : ''}; the first row must name the columns; ` +
        `--map "Column=field" says which column holds it`,
    );
  }
  return { preset, fields, names, ignored, problems };
}

/** The header row's plan; throws ImportError with the first problem when the file cannot be imported as mapped. */
export function planColumns(kind: ImportKind, header: readonly string[], map: ColumnMap, forced?: Preset): ColumnPlan {
  const { problems, ...plan } = readHeader(kind, header, map, forced);
  if (problems[0] !== undefined) throw new ImportError(problems[0]);
  return plan;
}
