import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A source's shared secret at rest: AES-256-GCM under the operator's key, with the source id as
 * additional data so a ciphertext copied onto another source's row does not open there.
 * Stored as `v1.<iv>.<tag>.<ciphertext>`, each base64url.
 */
const VERSION = 'v1';
const IV_BYTES = 12;

export function sealSecret(secret: string, key: Buffer, sourceId: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(sourceId, 'utf8'));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), sealed]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** The secret, or null when this key (or this source id) did not seal it. */
export function openSecret(sealed: string, key: Buffer, sourceId: string): string | null {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(sourceId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** `cfsrc_` and 43 base64url characters (32 random bytes): what the tool is given to sign with. */
export function generateSourceSecret(): string {
  return `cfsrc_${randomBytes(32).toString('base64url')}`;
}
