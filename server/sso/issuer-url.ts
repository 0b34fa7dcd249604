const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * Why `url` may not be fetched for a provider's metadata or keys, or null when it may: https only,
 * plain http on a loopback address alone (a provider started by a test, on this machine).
 */
export function insecureUrlProblem(url: string, what: string): string | null {
  const parsed = URL.parse(url);
  if (!parsed) return `${what} "${url}" is not a URL`;
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname)) return null;
  if (parsed.protocol === 'http:')
    return `${what} ${url} must use https:// (plain http is only accepted on 127.0.0.1, ::1 or localhost)`;
  return `${what} ${url} must be an https:// URL`;
}

/** The issuer's discovery document: `<issuer>/.well-known/openid-configuration` (OpenID Connect Discovery 1.0 §4). */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}
