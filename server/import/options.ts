import { parseArgs } from 'node:util';
import { LifecycleStage } from '../../lib/contract/index.ts';
import { COLUMNS, type Field, type ImportKind, isField, normaliseName } from './columns.ts';
import { isTimeZone } from './dates.ts';
import type { ColumnMap } from './header.ts';
import { PRESETS, type Preset, presetNamed } from './presets/index.ts';
import type { StageMap } from './stages.ts';

/** Bad `import` options; the CLI prints it as a usage error. */
export class ImportOptionError extends Error {}

export interface ImportCommandOptions {
  db: string | undefined;
  map: ColumnMap;
  stageMap: StageMap;
  timeZone: string | undefined;
  preset: Preset | undefined;
}

/** `NAME=VALUE`, split at the last `=` (a column name may hold one; a field or stage never does). */
function pair(flag: string, text: string): [string, string] {
  const at = text.lastIndexOf('=');
  if (at <= 0) throw new ImportOptionError(`${flag} takes NAME=VALUE, not "${text}"`);
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

/** The options after `import leads|events FILE`. */
export function parseImportOptions(kind: ImportKind, args: string[]): ImportCommandOptions {
  let values: ReturnType<typeof read>;
  function read() {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        db: { type: 'string' },
        map: { type: 'string', multiple: true },
        'stage-map': { type: 'string', multiple: true },
        timezone: { type: 'string' },
        preset: { type: 'string' },
      },
    }).values;
  }
  try {
    values = read();
  } catch (error) {
    throw new ImportOptionError(
      error instanceof Error ? (error.message.split('\n')[0] ?? '').replace(/\.$/, '') : 'bad arguments',
    );
  }
  const map = new Map<string, Field | null>();
  for (const entry of values.map ?? []) {
    const [column, field] = pair('--map', entry);
    if (field !== '' && !isField(kind, field)) {
      throw new ImportOptionError(
        `--map "${entry}": ${kind} fields are ${COLUMNS[kind].all.join(', ')} (or nothing after = to leave the column out)`,
      );
    }
    map.set(normaliseName(column), field === '' ? null : (field as Field));
  }
  const stageMap = new Map<string, LifecycleStage | null>();
  for (const entry of values['stage-map'] ?? []) {
    const [value, stage] = pair('--stage-map', entry);
    const parsed = LifecycleStage.safeParse(stage.toLowerCase());
    if (stage !== '' && !parsed.success) {
      throw new ImportOptionError(
        `--stage-map "${entry}": the stage must be one of ${LifecycleStage.options.join(', ')} (or nothing after = to keep the stored stage)`,
      );
    }
    stageMap.set(normaliseName(value), parsed.success ? parsed.data : null);
  }
  if (values.timezone !== undefined && !isTimeZone(values.timezone)) {
    throw new ImportOptionError(
      `--timezone "${values.timezone}" is not a time zone; give an IANA name like Europe/Berlin or America/New_York`,
    );
  }
  let preset: Preset | undefined;
  if (values.preset !== undefined) {
    preset = presetNamed(values.preset);
    const fits = PRESETS.filter((p) => p.kind === kind).map((p) => p.name);
    if (!preset || preset.kind !== kind) {
      throw new ImportOptionError(
        `--preset "${values.preset}" is not a ${kind} preset; ${kind} presets are ${fits.join(', ')}`,
      );
    }
  }
  return { db: values.db, map, stageMap, timeZone: values.timezone, preset };
}
