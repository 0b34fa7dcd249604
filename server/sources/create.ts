import { type SourceKind, SourceSettings } from '../../lib/contract/index.ts';
import type { Stores } from '../store/index.ts';
import { newSourceId } from '../store/sources.ts';
import { generateSourceSecret, sealSecret } from './secret-box.ts';

/** Adds a pushed source with a fresh secret, sealed with `key`; the secret is returned this once. */
export async function createSource(
  store: Stores,
  input: { kind: Exclude<SourceKind, 'hubspot'>; name: string; settings?: Partial<SourceSettings> },
  key: Buffer,
  now: string,
): Promise<{ id: string; secret: string; path: string }> {
  const id = newSourceId();
  const secret = generateSourceSecret();
  const settings = SourceSettings.parse(input.settings ?? {});
  const created = await store.sources.create(
    { id, kind: input.kind, name: input.name, secretEnc: sealSecret(secret, key, id), settings },
    now,
  );
  return { id, secret, path: created.path };
}
