import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SourceKind } from '../../lib/contract/index.ts';

/**
 * Equal in constant time whatever the lengths: both sides are hashed first, so neither the
 * position of the first difference nor a length mismatch shows in the timing.
 */
function sameBytes(a: Buffer, b: Buffer): boolean {
  const digest = (x: Buffer) => createHash('sha256').update(x).digest();
  return timingSafeEqual(digest(a), digest(b));
}

const hmac = (algorithm: 'sha1' | 'sha256', secret: string, raw: Uint8Array) =>
  createHmac(algorithm, secret).update(raw).digest();

/** The secret sent as `Authorization: Bearer <secret>` or as the password of `Basic`, for senders that cannot sign. */
function sentSecret(authorization: string | undefined): Buffer | null {
  const match = /^\s*(bearer|basic)\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1] || !match[2]) return null;
  if (match[1].toLowerCase() === 'bearer') return Buffer.from(match[2], 'utf8');
  const decoded = Buffer.from(match[2], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return Buffer.from(colon >= 0 ? decoded.slice(colon + 1) : decoded, 'utf8');
}

export interface SignedRequest {
  raw: Uint8Array;
  header(name: string): string | undefined;
}

/**
 * Whether the request comes from whoever holds the source's secret, checked over the raw bytes
 * before anything is parsed. Segment: `X-Signature`, hex HMAC-SHA1 of the body. Mautic:
 * `Webhook-Signature`, base64 HMAC-SHA256 of the body. Either may instead send the secret itself
 * (Bearer, or Basic with it as the password), as RudderStack's webhook destination can.
 */
export function verifySignature(kind: SourceKind, secret: string, request: SignedRequest): boolean {
  const expectedSecret = Buffer.from(secret, 'utf8');
  if (kind === 'segment') {
    const signature = request.header('x-signature')?.trim();
    if (signature)
      return sameBytes(
        Buffer.from(signature.toLowerCase(), 'utf8'),
        Buffer.from(hmac('sha1', secret, request.raw).toString('hex'), 'utf8'),
      );
  } else if (kind === 'mautic') {
    const signature = request.header('webhook-signature')?.trim();
    if (signature)
      return sameBytes(
        Buffer.from(signature, 'utf8'),
        Buffer.from(hmac('sha256', secret, request.raw).toString('base64'), 'utf8'),
      );
  } else {
    return false;
  }
  const sent = sentSecret(request.header('authorization'));
  return sent !== null && sameBytes(sent, expectedSecret);
}

/** What a signing tool sends, for tests and the docs' examples. */
export function signFor(kind: 'segment' | 'mautic', secret: string, raw: string | Uint8Array): Record<string, string> {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  return kind === 'segment'
    ? { 'X-Signature': hmac('sha1', secret, bytes).toString('hex') }
    : { 'Webhook-Signature': hmac('sha256', secret, bytes).toString('base64') };
}
