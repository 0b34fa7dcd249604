import { openStore } from '../store/index.ts';
import { type DbOf, failed, options, usage } from './cli-args.ts';

export const SESSION_USAGE = {
  list: 'npm run server -- session list [--email EMAIL] [--db FILE|URL]',
  revoke: 'npm run server -- session revoke SESSION_ID [--db FILE|URL]',
} as const;

async function list(args: string[], dbOf: DbOf): Promise<void> {
  const opts = options(args, { email: { type: 'string' }, db: { type: 'string' } }, SESSION_USAGE.list);
  if (!opts) return;
  if (opts.email !== undefined && !opts.email.includes('@')) {
    return usage(`--email takes an address, not "${opts.email}"`, SESSION_USAGE.list);
  }
  const store = await openStore(dbOf(opts.db));
  try {
    const sessions = await store.tokens.listSessions({ email: opts.email, now: new Date().toISOString() });
    if (sessions.length === 0) {
      process.stdout.write(opts.email ? `No sessions for ${opts.email}.\n` : 'No live sessions.\n');
      return;
    }
    process.stdout.write(
      'id                    role      created                   expires                   revoked                   email  name\n',
    );
    for (const s of sessions) {
      process.stdout.write(
        `${s.id.padEnd(21)} ${s.role.padEnd(9)} ${s.createdAt.padEnd(25)} ${s.expiresAt.padEnd(25)} ${(s.revokedAt ?? '-').padEnd(25)} ${s.email}  ${s.name}\n`,
      );
    }
  } finally {
    await store.close();
  }
}

async function revoke(args: string[], dbOf: DbOf): Promise<void> {
  const [id, ...rest] = args;
  if (!id || id.startsWith('--'))
    return usage('session revoke needs the session id (ses_…, see session list)', SESSION_USAGE.revoke);
  if (id.startsWith('cf_'))
    return usage('give the session id (ses_…, see session list), not the token itself', SESSION_USAGE.revoke);
  const opts = options(rest, { db: { type: 'string' } }, SESSION_USAGE.revoke);
  if (!opts) return;
  const store = await openStore(dbOf(opts.db));
  try {
    const outcome = await store.tokens.revokeSession(id, new Date().toISOString());
    if (outcome === 'unknown') return failed(`No session has the id "${id}". Try: ${SESSION_USAGE.list}`);
    process.stdout.write(
      outcome === 'revoked' ? `Revoked ${id}; it is refused from the next request.\n` : `${id} was already revoked.\n`,
    );
  } finally {
    await store.close();
  }
}

/** `session list|revoke`. */
export async function sessionCommand(args: string[], dbOf: DbOf): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'list') return list(rest, dbOf);
  if (sub === 'revoke') return revoke(rest, dbOf);
  return usage(sub ? `Unknown session command "${sub}"` : 'session needs a command', `${SESSION_USAGE.list} | revoke`);
}
