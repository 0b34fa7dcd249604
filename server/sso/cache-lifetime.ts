/** Without caching headers, a provider's keys and metadata are kept this long. */
export const DEFAULT_LIFETIME_MS = 10 * 60_000;
/** Never kept longer, whatever the headers say (a provider that rotates keys early is still picked up by the unknown-key refetch). */
export const MAX_LIFETIME_MS = 24 * 3_600_000;
/** Never refetched sooner: `no-cache` or `max-age=0` would otherwise mean a fetch per sign-in. */
export const MIN_LIFETIME_MS = 60_000;

/**
 * How long a response may be kept, from its Cache-Control max-age (or no-store / no-cache), else its
 * Expires, else the default; bounded by the minimum and the cap.
 */
export function cacheLifetimeMs(headers: Headers, nowMs: number): number {
  const control = (headers.get('Cache-Control') ?? '').toLowerCase();
  const bounded = (ms: number) => Math.min(MAX_LIFETIME_MS, Math.max(MIN_LIFETIME_MS, ms));
  if (/(^|[\s,])(no-store|no-cache)([\s,=]|$)/.test(control)) return MIN_LIFETIME_MS;
  const maxAge = /(?:^|[\s,])max-age\s*=\s*"?(\d+)"?/.exec(control)?.[1];
  if (maxAge !== undefined) return bounded(Number(maxAge) * 1000);
  const expires = Date.parse(headers.get('Expires') ?? '');
  if (!Number.isNaN(expires)) return bounded(expires - nowMs);
  return DEFAULT_LIFETIME_MS;
}
