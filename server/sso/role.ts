import type { Role } from '../../lib/contract/index.ts';
import type { SsoProvider } from '../store/sso-providers.ts';

/** Highest privilege last: when the claim maps to several roles, the last of them wins. */
const PRIVILEGE: readonly Role[] = ['rep', 'manager', 'marketer', 'admin'];

/**
 * The role from the provider's role claim (a string or a list of strings) through its map; the
 * highest-privilege mapped role wins; nothing mapped (or no claim set up): the provider's default.
 */
export function roleFor(claims: Record<string, unknown>, provider: SsoProvider): Role {
  if (!provider.roleClaim) return provider.defaultRole;
  const value = claims[provider.roleClaim];
  const values =
    typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
  const mapped = values.flatMap((v) => (Object.hasOwn(provider.roleMap, v) ? [provider.roleMap[v] as Role] : []));
  if (mapped.length === 0) return provider.defaultRole;
  return mapped.reduce((best, role) => (PRIVILEGE.indexOf(role) > PRIVILEGE.indexOf(best) ? role : best));
}
