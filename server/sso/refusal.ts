/**
 * Why a sign-in is refused: the problem type's slug and a detail that says which check failed. A 401
 * (sign in again) unless `status` says 503: the provider, or the endpoint's own key, is not available
 * right now and nothing is wrong with what the client sent.
 */
export interface Refusal {
  slug: string;
  detail: string;
  status?: 401 | 503;
}

export type Refused = { ok: false; refusal: Refusal };

/** A refusal of the ID token itself (`id-token-…`). */
export const refuse = (slug: string, detail: string): Refused => ({
  ok: false,
  refusal: { slug: `id-token-${slug}`, detail },
});

/** The provider cannot be reached to check the sign-in: try again shortly. */
export const providerUnreachable = (detail: string): Refused => ({
  ok: false,
  refusal: { slug: 'id-token-provider-unreachable', detail, status: 503 },
});
