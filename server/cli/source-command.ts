import { readFileSync } from 'node:fs';
import { MappingTarget, SourceKind } from '../../lib/contract/index.ts';
import { describeDbTarget, parseDbTarget } from '../db/target.ts';
import { createSource } from '../sources/create.ts';
import { createHubspotSource } from '../sources/hubspot/create.ts';
import { DEFAULT_HISTORY_DAYS } from '../sources/hubspot/cursor.ts';
import { LEASE_MS, syncHolder, syncHubspotSource } from '../sources/hubspot/sync.ts';
import { loadSourceKey } from '../sources/source-key.ts';
import { openStore } from '../store/index.ts';
import { options as parsed, usage } from './cli-args.ts';

export const SOURCE_USAGE = {
  add: 'npm run server -- source add segment|mautic --name NAME [--url PUBLIC_URL] [--map "EVENT NAME=TYPE"]... [--max-event-age-hours N] [--source-key-file FILE] [--db FILE|URL]',
  addHubspot:
    'npm run server -- source add hubspot --name NAME --token-file FILE | --token TOKEN (or COALFACE_HUBSPOT_TOKEN) [--history-days N] [--source-key-file FILE] [--db FILE|URL]',
  sync: 'npm run server -- source sync SOURCE_ID [--db FILE|URL]',
  list: 'npm run server -- source list [--db FILE|URL]',
  remove: 'npm run server -- source remove SOURCE_ID [--db FILE|URL]',
} as const;

const DEFAULT_URL = 'http://127.0.0.1:8787';

/** Where each tool takes the URL and the secret. */
const WHERE = {
  segment:
    'Segment: Connections → Destinations → Webhooks → Settings: paste the URL as a Webhook URL and the secret as Shared Secret.\n' +
    'RudderStack: Webhook destination: the URL as Webhook URL, and a header "Authorization" with the value "Bearer <secret>".',
  mautic: 'Mautic: Settings → Webhooks → New: paste the URL as Webhook POST Url and the secret as Secret.',
} as const;

/** `--map "Trial Activated=trial_signup"` pairs; a string is the mistake to report. */
function mappingOf(pairs: readonly string[]): Record<string, MappingTarget> | string {
  const mapping: Record<string, MappingTarget> = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    const name = pair.slice(0, at).trim();
    const target = MappingTarget.safeParse(pair.slice(at + 1).trim());
    if (at < 1 || !name) return `--map takes "EVENT NAME=TYPE", not "${pair}"`;
    if (!target.success)
      return `--map ${name}: the type must be one of ${MappingTarget.options.flatMap((o) => ('options' in o ? o.options : [o.value])).join(', ')}`;
    mapping[name] = target.data;
  }
  return mapping;
}

async function add(args: string[], dbOf: (flag: string | undefined) => string): Promise<void> {
  const [kindArg, ...rest] = args;
  const kind = SourceKind.safeParse(kindArg);
  if (!kind.success)
    return usage(
      kindArg
        ? `Unknown source kind "${kindArg}" (segment, mautic or hubspot)`
        : 'source add needs segment, mautic or hubspot',
      SOURCE_USAGE.add,
    );
  if (kind.data === 'hubspot') return addHubspot(rest, dbOf);
  const opts = parsed(
    rest,
    {
      name: { type: 'string' },
      url: { type: 'string' },
      map: { type: 'string', multiple: true },
      'max-event-age-hours': { type: 'string' },
      'source-key-file': { type: 'string' },
      db: { type: 'string' },
    },
    SOURCE_USAGE.add,
  );
  if (!opts) return;
  const name = typeof opts.name === 'string' ? opts.name.trim() : '';
  if (!name) return usage('source add needs --name (which tool or workspace this is)', SOURCE_USAGE.add);
  if (name.length > 200) return usage('--name must be at most 200 characters', SOURCE_USAGE.add);
  const base = String(opts.url ?? process.env.COALFACE_PUBLIC_URL ?? DEFAULT_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+/.test(base))
    return usage(`--url must be the endpoint's public http(s) address, not "${base}"`, SOURCE_USAGE.add);
  const mapping = mappingOf((opts.map as string[] | undefined) ?? []);
  if (typeof mapping === 'string') return usage(mapping, SOURCE_USAGE.add);
  const ageText = opts['max-event-age-hours'] as string | undefined;
  const maxEventAgeHours = ageText === undefined ? undefined : Number(ageText);
  if (
    maxEventAgeHours !== undefined &&
    (!/^\d+$/.test(ageText ?? '') || maxEventAgeHours < 1 || maxEventAgeHours > 8760)
  ) {
    return usage(`--max-event-age-hours must be a whole number from 1 to 8760, not "${ageText}"`, SOURCE_USAGE.add);
  }
  const key = loadSourceKey(opts['source-key-file'] as string | undefined);
  if (!key.ok) {
    process.stderr.write(`Cannot add a source: ${key.problem}\n`);
    process.exitCode = 1;
    return;
  }
  const store = await openStore(dbOf(opts.db as string | undefined));
  try {
    const settings = { mapping, ...(maxEventAgeHours ? { maxEventAgeHours } : {}) };
    const made = await createSource(store, { kind: kind.data, name, settings }, key.key, new Date().toISOString());
    process.stdout.write(
      `Created ${kind.data} source "${name}" (${made.id}).\n${WHERE[kind.data]}\nURL:\n${base}${made.path}\n` +
        'Secret (shown only this once; the endpoint needs the same source key to check it):\n' +
        `${made.secret}\n`,
    );
  } finally {
    await store.close();
  }
}

/** What a HubSpot source pulls, printed when it is added. */
const HUBSPOT_PULLS =
  'Each sync (serve, every --hubspot-sync-every minutes; or now with "source sync ID") pulls:\n' +
  '  marketing email events (opens → email_open, clicks → email_click; sent, delivered, bounced… counted as skipped)\n' +
  '  form submissions of every form (→ form_submit, titled with the form name)\n' +
  '  contacts with a lifecycle stage (name, job title, company, stage; their HubSpot contact id kept)';

/** The token from --token-file, --token or COALFACE_HUBSPOT_TOKEN, or what is wrong with it. */
function tokenOf(file: string | undefined, flag: string | undefined): { token: string } | { problem: string } {
  let token = flag ?? process.env.COALFACE_HUBSPOT_TOKEN;
  if (file !== undefined) {
    try {
      token = readFileSync(file, 'utf8');
    } catch (error) {
      const why = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
      return { problem: `The token file ${file} cannot be read (${why})` };
    }
  }
  const trimmed = token?.trim() ?? '';
  if (!trimmed)
    return {
      problem: 'source add hubspot needs the private app token: --token-file FILE, --token or COALFACE_HUBSPOT_TOKEN',
    };
  if (/\s/.test(trimmed) || trimmed.length > 512)
    return { problem: 'The HubSpot token must be one word (a private app access token, pat-…)' };
  return { token: trimmed };
}

async function addHubspot(args: string[], dbOf: (flag: string | undefined) => string): Promise<void> {
  const opts = parsed(
    args,
    {
      name: { type: 'string' },
      token: { type: 'string' },
      'token-file': { type: 'string' },
      'history-days': { type: 'string' },
      'source-key-file': { type: 'string' },
      db: { type: 'string' },
    },
    SOURCE_USAGE.addHubspot,
  );
  if (!opts) return;
  const name = typeof opts.name === 'string' ? opts.name.trim() : '';
  if (!name) return usage('source add needs --name (which tool or workspace this is)', SOURCE_USAGE.addHubspot);
  if (name.length > 200) return usage('--name must be at most 200 characters', SOURCE_USAGE.addHubspot);
  const daysText = (opts['history-days'] as string | undefined) ?? String(DEFAULT_HISTORY_DAYS);
  const historyDays = Number(daysText);
  if (!/^\d+$/.test(daysText) || historyDays < 1 || historyDays > 365)
    return usage(`--history-days must be a whole number from 1 to 365, not "${daysText}"`, SOURCE_USAGE.addHubspot);
  const token = tokenOf(opts['token-file'] as string | undefined, opts.token as string | undefined);
  if ('problem' in token) return usage(token.problem, SOURCE_USAGE.addHubspot);
  const key = loadSourceKey(opts['source-key-file'] as string | undefined);
  if (!key.ok) {
    process.stderr.write(`Cannot add a source: ${key.problem}\n`);
    process.exitCode = 1;
    return;
  }
  const store = await openStore(dbOf(opts.db as string | undefined));
  try {
    const made = await createHubspotSource(store, { name, token: token.token, historyDays }, key.key, new Date());
    process.stdout.write(
      `Created hubspot source "${name}" (${made.id}); its token is stored encrypted with the source key.\n` +
        `${HUBSPOT_PULLS}\nThe first sync reaches ${historyDays} days back. Check the token now with:\n` +
        `npm run server -- source sync ${made.id}\n`,
    );
  } finally {
    await store.close();
  }
}

async function sync(args: string[], dbOf: (flag: string | undefined) => string): Promise<void> {
  const [id, ...rest] = args;
  if (!id || id.startsWith('--'))
    return usage('source sync needs the source id (src_…, see source list)', SOURCE_USAGE.sync);
  const opts = parsed(rest, { db: { type: 'string' } }, SOURCE_USAGE.sync);
  if (!opts) return;
  const store = await openStore(dbOf(opts.db as string | undefined));
  try {
    const logger = { info: () => {}, error: (line: string) => process.stderr.write(`${line}\n`) };
    const outcome = await syncHubspotSource(store, id, { holder: syncHolder(), logger });
    if (outcome.status === 'not-found') {
      process.stderr.write(`No HubSpot source has the id "${id}". Try: ${SOURCE_USAGE.list}\n`);
      process.exitCode = 1;
      return;
    }
    if (outcome.status === 'busy') {
      process.stderr.write(
        `Another instance is syncing ${id} now (its lease lasts up to ${LEASE_MS / 60_000} minutes); nothing was pulled.\n`,
      );
      process.exitCode = 1;
      return;
    }
    const t = outcome.tally;
    process.stdout.write(
      `Synced ${id}: ${t.received} received, ${t.stored} stored, ${t.duplicates} duplicates, ${t.unmapped} unmapped, ${t.skipped} skipped.\n`,
    );
    if (outcome.status === 'failing') {
      process.stderr.write(`${outcome.message}\n`);
      process.exitCode = 1;
    } else if (outcome.errors.length > 0) {
      process.stderr.write(`${outcome.errors.join('\n')}\n`);
      process.exitCode = 1;
    }
  } finally {
    await store.close();
  }
}

async function list(args: string[], dbOf: (flag: string | undefined) => string): Promise<void> {
  const opts = parsed(args, { db: { type: 'string' } }, SOURCE_USAGE.list);
  if (!opts) return;
  const store = await openStore(dbOf(opts.db as string | undefined));
  try {
    const sources = await store.sources.list();
    if (sources.length === 0) {
      process.stdout.write(`No sources yet. Add one with: ${SOURCE_USAGE.add}\n`);
      return;
    }
    process.stdout.write('id                    kind     received  stored  unmapped  last received             name\n');
    for (const s of sources) {
      process.stdout.write(
        `${s.id.padEnd(21)} ${s.kind.padEnd(8)} ${String(s.counters.received).padStart(8)}  ${String(s.counters.stored).padStart(6)}  ${String(s.counters.unmapped).padStart(8)}  ${(s.lastReceivedAt ?? '-').padEnd(24)}  ${s.name}\n`,
      );
    }
  } finally {
    await store.close();
  }
}

async function remove(args: string[], dbOf: (flag: string | undefined) => string): Promise<void> {
  const [id, ...rest] = args;
  if (!id || id.startsWith('--'))
    return usage('source remove needs the source id (src_…, see source list)', SOURCE_USAGE.remove);
  const opts = parsed(rest, { db: { type: 'string' } }, SOURCE_USAGE.remove);
  if (!opts) return;
  const target = parseDbTarget(dbOf(opts.db as string | undefined));
  const store = await openStore(target);
  try {
    if (!(await store.sources.remove(id))) {
      process.stderr.write(`No source has the id "${id}" in ${describeDbTarget(target)}. Try: ${SOURCE_USAGE.list}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`Removed ${id}: its URL answers 404 from now on; the leads and events it brought stay.\n`);
  } finally {
    await store.close();
  }
}

/** `source add|list|remove|sync`. */
export async function sourceCommand(args: string[], dbOf: (flag: string | undefined) => string): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'add') return add(rest, dbOf);
  if (sub === 'list') return list(rest, dbOf);
  if (sub === 'remove') return remove(rest, dbOf);
  if (sub === 'sync') return sync(rest, dbOf);
  return usage(
    sub ? `Unknown source command "${sub}"` : 'source needs a command',
    `${SOURCE_USAGE.add} | list | remove | sync`,
  );
}
