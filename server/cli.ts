import cluster from 'node:cluster';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Role } from '../lib/contract/index.ts';
import { failed } from './cli/cli-args.ts';
import { SESSION_USAGE, sessionCommand } from './cli/session-command.ts';
import { SOURCE_USAGE, sourceCommand } from './cli/source-command.ts';
import { SSO_USAGE, ssoCommand } from './cli/sso-command.ts';
import { DEFAULT_POOL_SIZE, DEFAULT_STATEMENT_TIMEOUT_MS } from './db/connect.ts';
import { type MigrateSummary, migrateTo, sourceProblem } from './db/migrate-to.ts';
import { describeDbTarget, parseDbTarget } from './db/target.ts';
import { normaliseEmail } from './email.ts';
import { COLUMNS, ImportError, type ImportKind } from './import/columns.ts';
import { ImportOptionError, parseImportOptions } from './import/options.ts';
import { importCsv, summaryLine } from './import/run.ts';
import { DEFAULT_STREAM_LIMITS } from './limits/stream-slots.ts';
import { stderrLogger } from './log.ts';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit.ts';
import { createDemoTokens, seedDemo } from './seed/demo.ts';
import { giveDemoStory, removeDemoStory, STORY_SOURCE } from './seed/demo-story.ts';
import { defaultWorkers, runPrimary, startServer, type WorkerMessage } from './serve.ts';
import { DEFAULT_SYNC_EVERY_MINUTES, startHubspotSchedule } from './sources/hubspot/schedule.ts';
import { openStore, type Store } from './store/index.ts';

const DEFAULT_DB = './data/coalface.db';

/** `--db`, else `DATABASE_URL`, else the default file: a SQLite path or a postgres:// URL. */
function dbOf(flag: string | undefined): string {
  return flag ?? process.env.DATABASE_URL ?? DEFAULT_DB;
}
const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 8787;

const USAGE = {
  serve:
    'npm run server -- serve [--port N] [--db FILE|URL] [--host H] [--workers N] [--trust-proxy] [--rate-limit N|off] [--rate-burst N] [--streams-per-token N] [--streams-max N] [--db-pool N] [--db-statement-timeout MS] [--hubspot-sync-every MINUTES]',
  seed: 'npm run server -- seed --demo [--db FILE|URL] [--if-empty] [--tokens-file FILE] [--as ADDRESS | --remove-as ADDRESS]',
  token: 'npm run server -- token create --role rep|manager|marketer|admin --name NAME [--db FILE|URL]',
  tokenRevoke: 'npm run server -- token revoke TOKEN_ID [--db FILE|URL]',
  tokenList: 'npm run server -- token list [--db FILE|URL]',
  import:
    'npm run server -- import leads|events FILE.csv [--db FILE|URL] [--map "Column=field"]… [--stage-map "Value=stage"]… [--timezone Area/City] [--preset NAME]',
  migrateTo: 'npm run server -- migrate-to URL [--db FILE] [--force]',
} as const;

const HELP = `Coalface endpoint

  ${USAGE.serve}
      Serve the API (default http://${DEFAULT_HOST}:${DEFAULT_PORT}, database ${DEFAULT_DB}; --port 0 picks a free port).
      --db (or DATABASE_URL) is a SQLite file path or a postgres:// URL, for every command.
  ${USAGE.seed}
      Load the demo campaigns, leads, events, talking points and eight weeks of reps' use and verdicts, and
      create one token per role. --as ADDRESS gives someone you correspond with a demo lead's story (seeding
      the demo first if it is not there), so the sidebar shows it on your own mailbox; --remove-as removes it.
  ${USAGE.token}
      Create an access token. It is printed once, alone on the last line.
  ${USAGE.tokenList}
      List tokens: id, role, name, created, revoked (never the token or its hash).
  ${USAGE.tokenRevoke}
      Revoke a token by its id (tok_…); a running server refuses it from the next request.
  ${USAGE.import}
      Import a CSV file as our columns (docs/csv-import.md) or as HubSpot, Salesforce, Mautic or Marketo
      export it (detected from the header row; docs/import.md), in batches of 5,000.
  ${USAGE.migrateTo}
      Copy the SQLite database (--db, else DATABASE_URL if it is a file, else ${DEFAULT_DB}) into the
      PostgreSQL database at URL (postgres://…), in one transaction, and check the counts; --force replaces its rows.
  ${SOURCE_USAGE.add}
      Connect Segment, RudderStack or Mautic: prints the URL to paste into the tool, then its secret alone
      on the last line (shown once). Needs the source key (COALFACE_SOURCE_KEY; docs/sources.md).
  ${SOURCE_USAGE.list}
  ${SOURCE_USAGE.remove}
      See sources with what each has sent; remove one (its URL answers 404 from then on).
  ${SOURCE_USAGE.addHubspot}
  ${SOURCE_USAGE.sync}
      Connect HubSpot with a private app token (stored encrypted); serve pulls it on a schedule, sync pulls now.
  ${SSO_USAGE.add}
      Let people sign in with an OpenID Connect provider (Google Workspace, Entra ID, Okta; docs/sso.md): its
      discovery document is checked first. --role-map maps a value of --role-claim to a role (highest wins).
  ${SSO_USAGE.list}
  ${SSO_USAGE.remove}
      See the connected providers; remove one (its ID tokens are refused from then on).
  ${SESSION_USAGE.list}
  ${SESSION_USAGE.revoke}
      Sessions of people signed in with a provider (one person's, or all live ones); revoke one by its id (ses_…).

  serve options: --workers N processes sharing the port (default ${defaultWorkers()}: one per CPU, at most 4;
  --workers 1 serves from this process alone); --trust-proxy when a TLS-terminating reverse proxy is in front (HSTS, X-Forwarded-For);
  --rate-limit N units per second per token for each of lookups, writes and reads, a request
  costing one and a lookup one per lead (default ${DEFAULT_RATE_LIMIT.perSecond}, "off" to disable; env COALFACE_RATE_LIMIT), --rate-burst N
  (default ${DEFAULT_RATE_LIMIT.burst}; env COALFACE_RATE_BURST). COALFACE_TRUST_PROXY=1 = --trust-proxy.
  --streams-per-token N open GET /v1/stream connections per token (default ${DEFAULT_STREAM_LIMITS.perToken}), --streams-max N
  in all, per process on SQLite and across every instance on PostgreSQL (default ${DEFAULT_STREAM_LIMITS.total}).
  PostgreSQL: --db-pool N connections per process (default ${DEFAULT_POOL_SIZE}; env COALFACE_DB_POOL), --db-statement-timeout MS
  cancels a statement running longer (default ${DEFAULT_STATEMENT_TIMEOUT_MS}; env COALFACE_DB_STATEMENT_TIMEOUT_MS).
  --hubspot-sync-every MINUTES: how often HubSpot sources are pulled (default ${DEFAULT_SYNC_EVERY_MINUTES}; one instance at a time).
`;

class UsageError extends Error {}

function fail(message: string, usage: string): never {
  throw new UsageError(`${message}. Try: ${usage}`);
}

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

function parse<T extends OptionSpec>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]?.replace(/\.$/, '') : 'Bad arguments';
    return fail(message ?? 'Bad arguments', usage);
  }
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535)
    fail(`--port must be a number from 0 to 65535, not "${value}"`, USAGE.serve);
  return port;
}

function parseCount(flag: string, value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0) fail(`${flag} must be a positive number, not "${value}"`, USAGE.serve);
  return n;
}

function parseWhole(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) fail(`${flag} must be a whole number from 1, not "${value}"`, USAGE.serve);
  return n;
}

/** Set by the primary of `serve --workers N` for its workers: the port they all listen on. */
const WORKER_PORT_ENV = 'COALFACE_WORKER_PORT';

function parseWorkers(value: string | undefined): number {
  if (value === undefined) return defaultWorkers();
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 64)
    fail(`--workers must be a whole number from 1 to 64, not "${value}"`, USAGE.serve);
  return n;
}

/** Flags win over the environment; `--rate-limit off` (or 0) turns the limit off. */
function parseRateLimit(rate: string | undefined, burst: string | undefined): RateLimit | false {
  const r = rate ?? process.env.COALFACE_RATE_LIMIT;
  const b = burst ?? process.env.COALFACE_RATE_BURST;
  if (r === 'off' || r === '0') return false;
  const perSecond = r === undefined ? DEFAULT_RATE_LIMIT.perSecond : parseCount('--rate-limit', r);
  const fallback = r === undefined ? DEFAULT_RATE_LIMIT.burst : Math.max(1, Math.ceil(perSecond * 3));
  return { perSecond, burst: b === undefined ? fallback : parseCount('--rate-burst', b) };
}

async function serve(args: string[]): Promise<void> {
  const opts = parse(
    args,
    {
      port: { type: 'string' },
      db: { type: 'string' },
      host: { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      'rate-limit': { type: 'string' },
      'rate-burst': { type: 'string' },
      'streams-per-token': { type: 'string' },
      'streams-max': { type: 'string' },
      'db-pool': { type: 'string' },
      'db-statement-timeout': { type: 'string' },
      workers: { type: 'string' },
      'hubspot-sync-every': { type: 'string' },
    },
    USAGE.serve,
  );
  const port = parsePort(opts.port);
  const workers = parseWorkers(opts.workers);
  const rateLimit = parseRateLimit(opts['rate-limit'], opts['rate-burst']);
  const streams = {
    perToken: parseWhole('--streams-per-token', opts['streams-per-token'], DEFAULT_STREAM_LIMITS.perToken),
    total: parseWhole('--streams-max', opts['streams-max'], DEFAULT_STREAM_LIMITS.total),
  };
  const syncEvery = parseWhole('--hubspot-sync-every', opts['hubspot-sync-every'], DEFAULT_SYNC_EVERY_MINUTES);
  const trustProxy = opts['trust-proxy'] === true || process.env.COALFACE_TRUST_PROXY === '1';
  const host = opts.host ?? DEFAULT_HOST;
  if (!host) fail('--host must not be empty', USAGE.serve);
  const file = dbOf(opts.db);
  const database = {
    poolSize: parseWhole('--db-pool', opts['db-pool'] ?? process.env.COALFACE_DB_POOL, DEFAULT_POOL_SIZE),
    statementTimeoutMs: parseWhole(
      '--db-statement-timeout',
      opts['db-statement-timeout'] ?? process.env.COALFACE_DB_STATEMENT_TIMEOUT_MS,
      DEFAULT_STATEMENT_TIMEOUT_MS,
    ),
  };
  const cannotListen = (code: string, message: string) => {
    const why = code === 'EADDRINUSE' ? `port ${port} is already in use (try --port 0)` : message;
    process.stderr.write(`Coalface could not listen on ${host}:${port}: ${why}\n`);
    process.exitCode = 1;
  };
  if (cluster.isPrimary && workers > 1) {
    // Migrate once, here, before any worker opens the database.
    await (await openStore(file, { ...database, poolSize: 1 })).close();
    await runPrimary({
      host,
      port,
      workers,
      portEnv: WORKER_PORT_ENV,
      onListening: (url) => process.stdout.write(`Coalface endpoint listening on ${url}\n`),
      onListenFailed: cannotListen,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    return;
  }
  const worker = cluster.isWorker ? process.env[WORKER_PORT_ENV] : undefined;
  const store = await openStore(file, database);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    const listenPort = worker === undefined ? port : Number(worker);
    server = await startServer(store, { host, port: listenPort, logger: stderrLogger, rateLimit, streams, trustProxy });
  } catch (error) {
    await store.close();
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (cluster.isWorker) {
      process.send?.({ type: 'coalface:listen-failed', code, message: String(error) } satisfies WorkerMessage);
      process.exit(1);
    }
    cannotListen(code, String(error));
    return;
  }
  if (cluster.isWorker) process.send?.({ type: 'coalface:listening', url: server.url } satisfies WorkerMessage);
  else process.stdout.write(`Coalface endpoint listening on ${server.url}\n`);
  const hubspot = startHubspotSchedule(store, { everyMinutes: syncEvery, logger: stderrLogger });
  let stopping = false;
  // SIGTERM drains (readiness 503, streams told to reconnect, requests in flight finish) and exits
  // within 10 s whatever happens, as a load balancer's rolling restart expects.
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), 10_000).unref();
    await server.drain(8_000);
    await hubspot.stop();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function seed(args: string[]): Promise<void> {
  const opts = parse(
    args,
    {
      demo: { type: 'boolean' },
      db: { type: 'string' },
      'if-empty': { type: 'boolean' },
      'tokens-file': { type: 'string' },
      as: { type: 'string' },
      'remove-as': { type: 'string' },
    },
    USAGE.seed,
  );
  if (!opts.demo) fail('seed needs --demo (the demo data set is the only one)', USAGE.seed);
  if (opts.as !== undefined && opts['remove-as'] !== undefined) fail('give --as or --remove-as, not both', USAGE.seed);
  const file = dbOf(opts.db);
  const target = parseDbTarget(file);
  const where = describeDbTarget(target);
  const store = await openStore(target);
  try {
    if (opts['remove-as'] !== undefined) return await removeStory(store, opts['remove-as']);
    const demoThere = opts.as !== undefined && (await store.leads.find({ email: STORY_SOURCE.lead.email })) !== null;
    if (opts.as !== undefined && demoThere) return await giveStory(store, opts.as);
    if (opts['if-empty'] && (await store.leads.count()) > 0) {
      process.stdout.write(`The database ${where} already has leads; not seeding.\n`);
      return;
    }
    const now = new Date();
    const summary = await seedDemo(store, { now });
    const tokens = await createDemoTokens(store, now);
    // Where asked; else beside a SQLite file, or for PostgreSQL in ./data like the default file's.
    const tokenFile =
      opts['tokens-file'] ?? join(dirname(target.engine === 'sqlite' ? target.file : DEFAULT_DB), 'demo-tokens.json');
    mkdirSync(dirname(tokenFile), { recursive: true, mode: 0o700 });
    writeFileSync(tokenFile, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
    chmodSync(tokenFile, 0o600);
    process.stdout.write(
      `Seeded demo data into ${where}: ${summary.campaigns} campaigns, ${summary.leads} leads, ` +
        `${summary.events} events, ${summary.talkingPoints} talking points, ` +
        `${summary.usage} uses and ${summary.verdicts} verdicts over eight weeks.\n` +
        `Demo tokens (also saved to ${tokenFile}):\n` +
        `  rep       ${tokens.rep}\n` +
        `  manager   ${tokens.manager}\n` +
        `  marketer  ${tokens.marketer}\n` +
        `  admin     ${tokens.admin}\n`,
    );
    if (opts.as !== undefined) await giveStory(store, opts.as);
  } finally {
    await store.close();
  }
}

async function giveStory(store: Store, address: string): Promise<void> {
  const outcome = await giveDemoStory(store, address);
  if (!outcome.ok) return failed(`Not given a demo story: ${outcome.refusal.detail}.`);
  const { story } = outcome;
  const source = STORY_SOURCE.lead;
  process.stdout.write(
    `${outcome.created ? 'Gave' : 'Already gave'} ${story.email} the demo story of ${source.name} (${source.email}): ` +
      `${story.name ?? story.email} as ${source.title}, at the same stage, with the same campaigns, engagement and talking points. ` +
      `Open a thread with ${story.email} in Gmail or Outlook and the sidebar shows it.\n` +
      `It is demo data; remove it with: npm run server -- seed --demo --remove-as ${story.email}\n`,
  );
}

async function removeStory(store: Store, address: string): Promise<void> {
  const outcome = await removeDemoStory(store, address);
  if (!outcome.ok) return failed(`Not removed: ${outcome.refusal.detail}.`);
  const r = outcome.removed;
  process.stdout.write(
    `Removed the demo story of ${normaliseEmail(address)}: the lead, ${r.events} events, ${r.lead_campaigns} campaign memberships, ` +
      `${r.stage_changes} stage changes, ${r.usage} uses and ${r.feedback} verdicts.\n`,
  );
}

async function tokenList(args: string[]): Promise<void> {
  const opts = parse(args, { db: { type: 'string' } }, USAGE.tokenList);
  const store = await openStore(dbOf(opts.db));
  try {
    const rows = await store.tokens.list();
    if (rows.length === 0) {
      process.stdout.write('No tokens yet. Create one with: npm run server -- token create --role rep --name NAME\n');
      return;
    }
    process.stdout.write('id                    role      created                   revoked                   name\n');
    for (const t of rows) {
      process.stdout.write(
        `${t.id.padEnd(21)} ${t.role.padEnd(9)} ${t.createdAt.padEnd(25)} ${(t.revokedAt ?? '-').padEnd(25)} ${t.name}\n`,
      );
    }
  } finally {
    await store.close();
  }
}

async function tokenRevoke(args: string[]): Promise<void> {
  const [id, ...rest] = args;
  if (!id || id.startsWith('--')) fail('token revoke needs the token id (tok_…, see token list)', USAGE.tokenRevoke);
  if (id.startsWith('cf_')) fail('give the token id (tok_…, see token list), not the token itself', USAGE.tokenRevoke);
  const opts = parse(rest, { db: { type: 'string' } }, USAGE.tokenRevoke);
  const store = await openStore(dbOf(opts.db));
  try {
    const outcome = await store.tokens.revoke(id, new Date().toISOString());
    if (outcome === 'unknown') {
      process.stderr.write(`No token has the id "${id}". Try: ${USAGE.tokenList}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(
      outcome === 'revoked' ? `Revoked ${id}; it is refused from the next request.\n` : `${id} was already revoked.\n`,
    );
  } finally {
    await store.close();
  }
}

function importOptions(kind: ImportKind, args: string[]) {
  try {
    return parseImportOptions(kind, args);
  } catch (error) {
    if (error instanceof ImportOptionError) fail(error.message, USAGE.import);
    throw error;
  }
}

async function importCommand(args: string[]): Promise<void> {
  const [kind, file, ...rest] = args;
  if (kind !== 'leads' && kind !== 'events') {
    fail(kind ? `Unknown import kind "${kind}" (leads or events)` : 'import needs leads or events', USAGE.import);
  }
  if (!file || file.startsWith('--')) fail(`import ${kind} needs a CSV file`, USAGE.import);
  const opts = importOptions(kind, rest);
  const store = await openStore(dbOf(opts.db));
  try {
    const summary = await importCsv(store, kind, file, { ...opts, log: process.stderr });
    process.stdout.write(`${summaryLine(summary, file)}\n`);
    if (summary.rejected > 0) process.exitCode = 1;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    process.stderr.write(
      `Import failed: ${error.message}. Columns: docs/csv-import.md and docs/import.md (${kind}: ${COLUMNS[kind].all.join(',')})\n`,
    );
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

/** `--db`, else `DATABASE_URL` when it names a file (it may already name the new PostgreSQL), else the default file. */
function sqliteSourceOf(flag: string | undefined): string {
  if (flag !== undefined) return flag;
  const env = process.env.DATABASE_URL;
  return env && parseDbTarget(env).engine === 'sqlite' ? env : DEFAULT_DB;
}

async function migrateToCommand(args: string[]): Promise<void> {
  const [url, ...rest] = args;
  if (!url || url.startsWith('--')) fail('migrate-to needs the postgres:// URL to copy into, first', USAGE.migrateTo);
  if (parseDbTarget(url).engine !== 'postgres' || !URL.canParse(url)) {
    fail(`migrate-to copies into PostgreSQL: give a postgres:// URL, not "${url}"`, USAGE.migrateTo);
  }
  const opts = parse(rest, { db: { type: 'string' }, force: { type: 'boolean' } }, USAGE.migrateTo);
  const source = sqliteSourceOf(opts.db);
  const problem = sourceProblem(source);
  if (problem === 'not-sqlite') fail(`--db must be a SQLite database file, not "${source}"`, USAGE.migrateTo);
  if (problem === 'missing') {
    process.stderr.write(`No SQLite database at ${source}; give its path with --db FILE.\n`);
    process.exitCode = 1;
    return;
  }
  const summary = await migrateTo(source, url, {
    force: opts.force === true,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(countsTable(summary));
}

function countsTable(summary: MigrateSummary): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const width = Math.max(...summary.tables.map((t) => t.table.length), 'table'.length);
  const lines = [`${'table'.padEnd(width)}  ${'sqlite'.padStart(12)}  ${'postgres'.padStart(12)}`];
  for (const t of summary.tables) {
    lines.push(`${t.table.padEnd(width)}  ${n(t.source).padStart(12)}  ${n(t.target).padStart(12)}`);
  }
  const replaced = summary.replaced ? ' (its previous rows replaced)' : '';
  lines.push(
    `Copied ${n(summary.rows)} rows in ${summary.tables.length} tables from ${summary.source} to ${summary.target}${replaced} ` +
      `in ${(summary.ms / 1000).toFixed(1)} s; every count matches, newest change cursor ${summary.newestCursor}.`,
  );
  return `${lines.join('\n')}\n`;
}

async function token(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'list' || sub === 'revoke') return (sub === 'list' ? tokenList : tokenRevoke)(rest);
  if (sub !== 'create') fail(sub ? `Unknown token command "${sub}"` : 'token needs a command', USAGE.token);
  const opts = parse(rest, { role: { type: 'string' }, name: { type: 'string' }, db: { type: 'string' } }, USAGE.token);
  const role = Role.safeParse(opts.role);
  if (!role.success) {
    fail(
      opts.role === undefined
        ? 'token create needs --role'
        : `--role must be rep, manager, marketer or admin, not "${opts.role}"`,
      USAGE.token,
    );
  }
  const name = opts.name?.trim();
  if (!name) fail('token create needs --name (who or what the token is for)', USAGE.token);
  if (name.length > 200) fail('--name must be at most 200 characters', USAGE.token);
  const store = await openStore(dbOf(opts.db));
  try {
    const created = await store.tokens.create(role.data, name, new Date().toISOString());
    process.stdout.write(
      `Created ${role.data} token "${name}" (${created.id}). It is shown only this once; keep it somewhere safe:\n${created.token}\n`,
    );
  } finally {
    await store.close();
  }
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  switch (command) {
    case 'serve':
      return serve(args);
    case 'seed':
      return seed(args);
    case 'token':
      return token(args);
    case 'import':
      return importCommand(args);
    case 'migrate-to':
      return migrateToCommand(args);
    case 'source':
      return sourceCommand(args, dbOf);
    case 'sso':
      return ssoCommand(args, dbOf);
    case 'session':
      return sessionCommand(args, dbOf);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return;
    default:
      fail(
        `Unknown command "${command}"`,
        'npm run server -- serve | seed --demo | token create|list|revoke | import | migrate-to | source add|list|remove|sync | sso add|list|remove | session list|revoke (or help)',
      );
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
