// The claims of a provider's ID token as a client reads them: the payload decoded, the signature not
// checked (the endpoint verifies signature, issuer, audience and times when it makes the session).

/** The payload of a JWT, parsed; undefined when it is not one. */
export function idTokenPayload(idToken: string): unknown {
  const [, payload] = idToken.split('.');
  if (!payload) return undefined;
  try {
    const base64 = payload.replaceAll('-', '+').replaceAll('_', '/');
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}
