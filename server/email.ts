import { createHash } from 'node:crypto';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** sha-256 hex of the normalised address: the form in which a lead can be looked up without its address. */
export function hashEmail(email: string): string {
  return createHash('sha256').update(normaliseEmail(email)).digest('hex');
}
