import { openSecret, sealSecret } from '../sources/secret-box.ts';
import { loadSourceKey } from '../sources/source-key.ts';
import type { SsoProvider } from '../store/sso-providers.ts';

/**
 * A provider's client secret at rest: sealed exactly as a source's secret is (the same operator key,
 * `COALFACE_SOURCE_KEY`, and the same cipher), with the provider's id as additional data so a sealed
 * secret copied onto another provider's row does not open there.
 */
export function sealClientSecret(secret: string, key: Buffer, providerId: string): string {
  return sealSecret(secret, key, providerId);
}

export type OpenedClientSecret = { ok: true; secret: string } | { ok: false; problem: string };

/** The provider's client secret, with the source key read now (a key set while serving needs no restart). */
export function openClientSecret(
  provider: Pick<SsoProvider, 'id' | 'clientSecretEnc'>,
  env: NodeJS.ProcessEnv = process.env,
): OpenedClientSecret {
  if (!provider.clientSecretEnc) return { ok: false, problem: `Provider ${provider.id} has no client secret.` };
  const key = loadSourceKey(undefined, env);
  if (!key.ok) return { ok: false, problem: key.problem };
  const secret = openSecret(provider.clientSecretEnc, key.key, provider.id);
  if (secret === null) {
    return {
      ok: false,
      problem: `The source key does not open provider ${provider.id}'s client secret: it was sealed under another key. Set the key it was added with, or add the provider again.`,
    };
  }
  return { ok: true, secret };
}
