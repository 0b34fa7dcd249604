// No zod here: this file is bundled into the content script, which must stay tiny.

/** The one form an address is compared, stored and hashed in: trimmed and lower-cased. */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

// The same pattern zod's `z.email()` applies, so whatever passes here also passes the background's
// `Email` schema and a lead is never dropped there for a reason the adapter could have seen.
const EMAIL = /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export function looksLikeEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}
