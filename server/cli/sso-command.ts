import { readFileSync } from 'node:fs';
import { Role } from '../../lib/contract/index.ts';
import { loadSourceKey } from '../sources/source-key.ts';
import { sealClientSecret } from '../sso/client-secret.ts';
import { fetchDiscovery } from '../sso/discovery.ts';
import { ProviderFetchError } from '../sso/fetch-json.ts';
import { insecureUrlProblem } from '../sso/issuer-url.ts';
import { openStore } from '../store/index.ts';
import { createSsoProviderStore, type NewSsoProvider, type SsoProvider } from '../store/sso-providers.ts';
import { type DbOf, failed, options, usage } from './cli-args.ts';

export const SSO_USAGE = {
  add: 'npm run server -- sso add --issuer URL --client-id ID [--name NAME] [--default-role rep|manager|marketer|admin] [--role-claim CLAIM --role-map VALUE=ROLE ...] [--allowed-domain DOMAIN ...] [--client-secret-file FILE [--source-key-file FILE]] [--db FILE|URL]',
  list: 'npm run server -- sso list [--db FILE|URL]',
  remove: 'npm run server -- sso remove SSO_ID [--db FILE|URL]',
} as const;

const ROLES = Role.options.join(', ');
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** `--role-map sales-ops=manager` pairs; a string is the mistake to report. */
function roleMapOf(pairs: readonly string[]): Record<string, Role> | string {
  const map: Record<string, Role> = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    const value = pair.slice(0, at).trim();
    const role = Role.safeParse(pair.slice(at + 1).trim());
    if (at < 1 || !value) return `--role-map takes "VALUE=ROLE", not "${pair}"`;
    if (!role.success) return `--role-map ${value}: the role must be one of ${ROLES}`;
    map[value] = role.data;
  }
  return map;
}

/** The checked settings of `sso add`, or the mistake to report. */
function settingsOf(opts: {
  issuer?: string | undefined;
  'client-id'?: string | undefined;
  name?: string | undefined;
  'default-role'?: string | undefined;
  'role-claim'?: string | undefined;
  'role-map'?: string[] | undefined;
  'allowed-domain'?: string[] | undefined;
}): NewSsoProvider | string {
  const issuer = opts.issuer?.trim();
  if (!issuer) return "sso add needs --issuer (the provider's issuer URL, e.g. https://accounts.google.com)";
  const insecure = insecureUrlProblem(issuer, '--issuer');
  if (insecure) return insecure;
  const clientId = opts['client-id']?.trim();
  if (!clientId) return 'sso add needs --client-id (the public client registered at the provider)';
  const defaultRole = Role.safeParse(opts['default-role'] ?? 'rep');
  if (!defaultRole.success) return `--default-role must be one of ${ROLES}, not "${opts['default-role']}"`;
  const roleClaim = opts['role-claim']?.trim() || null;
  const roleMap = roleMapOf(opts['role-map'] ?? []);
  if (typeof roleMap === 'string') return roleMap;
  if (!roleClaim && Object.keys(roleMap).length > 0)
    return '--role-map needs --role-claim (the claim whose values it maps, e.g. groups)';
  if (roleClaim && Object.keys(roleMap).length === 0) return '--role-claim needs at least one --role-map VALUE=ROLE';
  const allowedDomains = (opts['allowed-domain'] ?? []).map((d) => d.trim().toLowerCase().replace(/^@/, ''));
  const badDomain = allowedDomains.find((d) => !DOMAIN.test(d));
  if (badDomain !== undefined) return `--allowed-domain takes a domain like acme.example, not "${badDomain}"`;
  const name = opts.name?.trim() || new URL(issuer).host;
  if (name.length > 100) return '--name must be at most 100 characters';
  return { issuer, clientId, name, defaultRole: defaultRole.data, roleClaim, roleMap, allowedDomains };
}

/**
 * The client secret from `--client-secret-file` or `COALFACE_SSO_CLIENT_SECRET` (never a flag of its
 * own: it would stay in the shell's history); null for a public client; a string is the mistake.
 */
function clientSecretOf(file: string | undefined, env: NodeJS.ProcessEnv): { secret: string | null } | string {
  let text = env.COALFACE_SSO_CLIENT_SECRET;
  if (file !== undefined) {
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const why = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
      return `The client secret file ${file} cannot be read (${why})`;
    }
  }
  if (text === undefined || (file === undefined && text === '')) return { secret: null };
  const secret = text.trim();
  if (!secret) return `The client secret in ${file ?? 'COALFACE_SSO_CLIENT_SECRET'} is empty`;
  if (secret.length > 1024 || /[^!-~]/.test(secret))
    return `The client secret in ${file ?? 'COALFACE_SSO_CLIENT_SECRET'} must be one line of at most 1024 printable ASCII characters without spaces`;
  return { secret };
}

function describeExchange(p: Pick<SsoProvider, 'clientSecretEnc'>): string {
  return p.clientSecretEnc
    ? 'code exchanged by the endpoint (client secret set)'
    : 'code exchanged by the browser (public client)';
}

function describeRoles(p: Pick<SsoProvider, 'defaultRole' | 'roleClaim' | 'roleMap'>): string {
  const mapped = Object.entries(p.roleMap).map(([value, role]) => `${value}=${role}`);
  return p.roleClaim ? `${p.roleClaim}: ${mapped.join(' ')}; else ${p.defaultRole}` : p.defaultRole;
}

async function add(args: string[], dbOf: DbOf): Promise<void> {
  const opts = options(
    args,
    {
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      name: { type: 'string' },
      'default-role': { type: 'string' },
      'role-claim': { type: 'string' },
      'role-map': { type: 'string', multiple: true },
      'allowed-domain': { type: 'string', multiple: true },
      'client-secret-file': { type: 'string' },
      'source-key-file': { type: 'string' },
      db: { type: 'string' },
    },
    SSO_USAGE.add,
  );
  if (!opts) return;
  const settings = settingsOf(opts);
  if (typeof settings === 'string') return usage(settings, SSO_USAGE.add);
  const clientSecret = clientSecretOf(opts['client-secret-file'], process.env);
  if (typeof clientSecret === 'string') return usage(clientSecret, SSO_USAGE.add);
  // Sealed under the key sources' secrets are: without it the secret would sit in the database as given.
  const key = clientSecret.secret === null ? null : loadSourceKey(opts['source-key-file']);
  if (key && !key.ok) return failed(`Not added: a client secret is stored sealed with the source key. ${key.problem}`);
  // The issuer must answer as an OpenID provider before people are sent to it.
  try {
    await fetchDiscovery(settings.issuer);
  } catch (error) {
    if (!(error instanceof ProviderFetchError)) throw error;
    return failed(`Not added: ${error.message}.`);
  }
  const store = await openStore(dbOf(opts.db));
  try {
    const { secret } = clientSecret;
    const seal = key?.ok && secret !== null ? (id: string) => sealClientSecret(secret, key.key, id) : undefined;
    const added = await createSsoProviderStore(store.db).add(settings, new Date().toISOString(), seal);
    if (added === 'issuer-taken') {
      return failed(`Not added: ${settings.issuer} is already connected (see: ${SSO_USAGE.list}).`);
    }
    const domains = added.allowedDomains.length ? added.allowedDomains.join(', ') : 'any';
    process.stdout.write(
      `Added ${added.name} (${added.id}): issuer ${added.issuer}, client id ${added.clientId}; roles ${describeRoles(added)}; domains ${domains}; ${describeExchange(added)}.\n`,
    );
  } finally {
    await store.close();
  }
}

async function list(args: string[], dbOf: DbOf): Promise<void> {
  const opts = options(args, { db: { type: 'string' } }, SSO_USAGE.list);
  if (!opts) return;
  const store = await openStore(dbOf(opts.db));
  try {
    const providers = await createSsoProviderStore(store.db).list();
    if (providers.length === 0) {
      process.stdout.write(`No identity providers yet. Connect one with: ${SSO_USAGE.add}\n`);
      return;
    }
    for (const p of providers) {
      const domains = p.allowedDomains.length ? p.allowedDomains.join(', ') : 'any';
      process.stdout.write(
        `${p.id}  ${p.name}\n  issuer ${p.issuer}  client id ${p.clientId}\n  roles ${describeRoles(p)}  domains ${domains}\n  ${describeExchange(p)}\n`,
      );
    }
  } finally {
    await store.close();
  }
}

async function remove(args: string[], dbOf: DbOf): Promise<void> {
  const [id, ...rest] = args;
  if (!id || id.startsWith('--'))
    return usage('sso remove needs the provider id (sso_…, see sso list)', SSO_USAGE.remove);
  const opts = options(rest, { db: { type: 'string' } }, SSO_USAGE.remove);
  if (!opts) return;
  const store = await openStore(dbOf(opts.db));
  try {
    if (!(await createSsoProviderStore(store.db).remove(id))) {
      return failed(`No identity provider has the id "${id}". Try: ${SSO_USAGE.list}`);
    }
    process.stdout.write(
      `Removed ${id}: its ID tokens are refused from now on. Sessions already made last until they expire; revoke them with: npm run server -- session revoke ID\n`,
    );
  } finally {
    await store.close();
  }
}

/** `sso add|list|remove`. */
export async function ssoCommand(args: string[], dbOf: DbOf): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'add') return add(rest, dbOf);
  if (sub === 'list') return list(rest, dbOf);
  if (sub === 'remove') return remove(rest, dbOf);
  return usage(sub ? `Unknown sso command "${sub}"` : 'sso needs a command', `${SSO_USAGE.add} | list | remove`);
}
