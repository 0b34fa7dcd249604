import { type CryptoKey, createLocalJWKSet, errors, type JSONWebKeySet, type JWSHeaderParameters } from 'jose';
import { z } from 'zod';
import { cacheLifetimeMs } from './cache-lifetime.ts';
import { type DiscoveryDocument, fetchDiscovery } from './discovery.ts';
import { fetchJson, ProviderFetchError } from './fetch-json.ts';

/** A key id the cached set lacks causes at most one refetch per provider in this long (a flood of made-up ids does not become a flood of fetches). */
export const UNKNOWN_KEY_REFETCH_MS = 30_000;
/** A failed discovery is not retried sooner (the providers list is public and asked often). */
const FAILED_DISCOVERY_RETRY_MS = 30_000;

const KeySet = z.object({ keys: z.array(z.looseObject({ kty: z.string() })) });

/** The ID token names a key the provider does not publish (checked against freshly fetched keys when allowed). */
export class UnknownKeyError extends Error {}

interface Cached<T> {
  value: T;
  fetchedAt: number;
  expiresAt: number;
}

interface Keys {
  select: ReturnType<typeof createLocalJWKSet>;
}

/**
 * Each provider's discovery document and signing keys, kept as long as their caching headers allow
 * (within bounds), fetched once for concurrent callers. `now` is the app's clock.
 */
export function createProviderCache(now: () => number) {
  const discoveries = new Map<string, Cached<DiscoveryDocument>>();
  const failures = new Map<string, { error: ProviderFetchError; until: number }>();
  const keySets = new Map<string, Cached<Keys>>();
  const inFlight = new Map<string, Promise<unknown>>();

  function once<T>(key: string, fetcher: () => Promise<T>): Promise<T> {
    const running = inFlight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const started = fetcher().finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  }

  async function discovery(issuer: string): Promise<DiscoveryDocument> {
    const at = now();
    const cached = discoveries.get(issuer);
    if (cached && cached.expiresAt > at) return cached.value;
    const failed = failures.get(issuer);
    if (failed && failed.until > at) throw failed.error;
    return once(`discovery ${issuer}`, async () => {
      try {
        const { document, fetched } = await fetchDiscovery(issuer);
        discoveries.set(issuer, {
          value: document,
          fetchedAt: at,
          expiresAt: at + cacheLifetimeMs(fetched.headers, at),
        });
        failures.delete(issuer);
        return document;
      } catch (error) {
        if (!(error instanceof ProviderFetchError)) throw error;
        // A provider that answered before keeps working on what it said then while it is down.
        if (cached) return cached.value;
        failures.set(issuer, { error, until: at + FAILED_DISCOVERY_RETRY_MS });
        throw error;
      }
    });
  }

  async function fetchKeys(issuer: string): Promise<Cached<Keys>> {
    return once(`keys ${issuer}`, async () => {
      const { jwks_uri } = await discovery(issuer);
      const at = now();
      const fetched = await fetchJson(jwks_uri, "the provider's signing keys (JWKS)");
      const parsed = KeySet.safeParse(fetched.body);
      if (!parsed.success) throw new ProviderFetchError(`The key set at ${jwks_uri} has no "keys" list`);
      const entry = {
        value: { select: createLocalJWKSet(parsed.data as JSONWebKeySet) },
        fetchedAt: at,
        expiresAt: at + cacheLifetimeMs(fetched.headers, at),
      };
      keySets.set(issuer, entry);
      return entry;
    });
  }

  async function currentKeys(issuer: string): Promise<Cached<Keys>> {
    const cached = keySets.get(issuer);
    if (cached && cached.expiresAt > now()) return cached;
    try {
      return await fetchKeys(issuer);
    } catch (error) {
      // Expired keys beat none while the provider is unreachable; its tokens still carry their own expiry.
      if (cached && error instanceof ProviderFetchError) return cached;
      throw error;
    }
  }

  /** The provider's public key for this header: by `kid` (and `alg`), refetching the set once when it lacks the id. */
  async function keyFor(issuer: string, header: JWSHeaderParameters): Promise<CryptoKey> {
    let keys = await currentKeys(issuer);
    for (;;) {
      try {
        return await keys.value.select(header);
      } catch (error) {
        if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
        if (now() - keys.fetchedAt < UNKNOWN_KEY_REFETCH_MS) throw new UnknownKeyError(error.message);
        keys = await fetchKeys(issuer);
      }
    }
  }

  return { discovery, keyFor };
}

export type ProviderCache = ReturnType<typeof createProviderCache>;
