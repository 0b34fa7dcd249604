// The settings a company's IT sets for every rep (Chrome: storage.managed from enterprise policy,
// schema in public/managed_schema.json; Firefox: policies.json's 3rdparty.Extensions entry). Each key
// is checked on its own: a bad value is ignored and reported, so one typo never stops the others or
// crashes the background. docs/rollout.md documents the keys for admins.
import { z } from 'zod';
import { checkEndpoint } from '../endpoint-url.ts';
import { Preferences } from '../messages.ts';

export interface ManagedPolicy {
  endpointUrl?: string;
  /** The issuer URL to sign in with, when the endpoint offers several providers. */
  identityProvider?: string;
  internalDomains?: Preferences['internalDomains'];
  sitesOff?: Preferences['sitesOff'];
  /** false (the default): every managed value is locked. true: managed values are only starting defaults. */
  repsMayChange: boolean;
}

export interface ParsedPolicy {
  policy: ManagedPolicy;
  /** One sentence per ignored value, for Options' diagnostics. */
  problems: string[];
}

const KEYS = {
  endpointUrl: z.string().transform((input, context) => {
    const checked = checkEndpoint(input);
    if (checked.ok) return endpointOrigin(checked.endpoint);
    context.addIssue({ code: 'custom', message: checked.message });
    return z.NEVER;
  }),
  identityProvider: z.url({ error: 'must be the issuer URL of an identity provider' }),
  internalDomains: Preferences.shape.internalDomains.unwrap(),
  sitesOff: Preferences.shape.sitesOff.unwrap(),
  repsMayChange: z.boolean({ error: 'must be true or false' }),
} as const;

type Key = keyof typeof KEYS;
const KNOWN = Object.keys(KEYS) as Key[];

export const NO_POLICY: ParsedPolicy = { policy: { repsMayChange: false }, problems: [] };

export function parseManagedPolicy(raw: unknown): ParsedPolicy {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return NO_POLICY;
  const values = raw as Record<string, unknown>;
  const policy: ManagedPolicy = { repsMayChange: false };
  const problems: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (!(KNOWN as string[]).includes(key)) {
      problems.push(`“${key.slice(0, 60)}” is not a setting Coalface knows (${KNOWN.join(', ')}); ignored.`);
      continue;
    }
    const known = key as Key;
    const parsed = KEYS[known].safeParse(value);
    if (!parsed.success) {
      const why = parsed.error.issues[0]?.message ?? 'not a valid value';
      problems.push(`${known} ${describe(value)} was ignored: ${why}.`);
      continue;
    }
    const data = parsed.data;
    Object.assign(policy, { [known]: Array.isArray(data) ? [...new Set<unknown>(data)] : data });
  }
  return { policy, problems };
}

/** The address as the connection keeps it: no trailing slash, so a managed and a stored one compare equal. */
export function endpointOrigin(endpoint: string): string {
  const url = new URL(endpoint);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The keys that hold a usable managed value (repsMayChange is how they apply, not a value). */
export function managedKeys(policy: ManagedPolicy): string[] {
  return KNOWN.filter((key) => key !== 'repsMayChange' && policy[key] !== undefined);
}
