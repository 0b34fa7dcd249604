// A sign-in at a provider that this tab started: what the answer is checked against when the
// provider sends the marketer back, and the page to return to. sessionStorage: this tab only,
// read once (taken), so a code cannot be replayed into a second exchange.
import { z } from 'zod';
import { CodeExchange } from '../../lib/contract/auth.ts';
import { BASE } from './router.ts';

const KEY = 'coalface.console.signIn';

/** A path of this console (never another site, never `//host`). */
const ConsolePath = z
  .string()
  .max(2048)
  .refine((path) => path === BASE || path.startsWith(`${BASE}/`) || path.startsWith(`${BASE}?`), 'not a console path');

export const PendingSignIn = z.object({
  provider: z.object({
    id: z.string(),
    name: z.string(),
    clientId: z.string(),
    tokenEndpoint: z.url(),
    codeExchange: CodeExchange.default('browser'),
  }),
  state: z.string().min(1),
  nonce: z.string().min(1),
  verifier: z.string().min(43).max(128),
  returnTo: ConsolePath,
});
export type PendingSignIn = z.infer<typeof PendingSignIn>;

export function savePendingSignIn(pending: PendingSignIn): boolean {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(pending));
    return true;
  } catch {
    return false;
  }
}

/** The pending sign-in, removed from storage; null when none (or one not in the expected shape). */
export function takePendingSignIn(): PendingSignIn | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    if (!raw) return null;
    const parsed = PendingSignIn.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Where the marketer is now, to come back to: a console path, else the console's start. */
export function currentConsolePath(): string {
  const here = `${location.pathname}${location.search}${location.hash}`;
  return ConsolePath.safeParse(here).success ? here : `${BASE}/`;
}
