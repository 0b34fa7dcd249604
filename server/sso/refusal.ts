/** Why an ID token is refused: the problem type's slug (`id-token-…`) and a detail that says which check failed. */
export interface Refusal {
  slug: string;
  detail: string;
}

export const refuse = (slug: string, detail: string): { ok: false; refusal: Refusal } => ({
  ok: false,
  refusal: { slug: `id-token-${slug}`, detail },
});
