/** Signatures with a provider's published public key: the only kind an ID token may carry here. */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

export const isHmac = (alg: string) => /^HS\d+$/i.test(alg);
export const isAsymmetric = (alg: string) => (ASYMMETRIC_ALGORITHMS as readonly string[]).includes(alg);
