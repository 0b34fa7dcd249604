// PKCE (RFC 7636) and the one-time values of an authorization request: the code verifier stays in
// the background, the provider only ever sees its S256 challenge.

/** base64url without padding, as RFC 7636 and OpenID use it. */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** `bytes` of randomness, base64url: 32 bytes make the 43 characters RFC 7636 asks of a verifier at least. */
export function randomToken(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A fresh code verifier: 43 characters of [A-Za-z0-9-_], 256 bits of randomness. */
export function createCodeVerifier(): string {
  return randomToken(32);
}

/** The S256 code challenge of a verifier: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}
