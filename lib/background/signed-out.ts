// The "Signed out — sign in again" state: a session the endpoint refused (401) or that could not be
// renewed without the rep ends here. Its token goes; the endpoint and provider stay, so the sidebar
// and Options can offer to sign in again in one click.
import { browser } from 'wxt/browser';
import type { Credentials } from './api.ts';
import { type Connection, loadConnection, loadSignedOut, markSignedOut } from './connection.ts';
import { stopStream } from './live.ts';
import { refreshAll, repaintAll } from './refresh.ts';
import { cancelRenewal } from './renewal-schedule.ts';
import { signIn } from './sign-in.ts';

export async function endSession(connection: Connection): Promise<void> {
  if (!connection.session) return;
  await markSignedOut({ ...connection, session: connection.session });
  await cancelRenewal();
  stopStream();
  await repaintAll();
}

/** For api.ts: a refused token that is the current session's signs the rep out; an access token's does not. */
export async function signOutIfSessionRefused(credentials: Credentials): Promise<void> {
  const connection = await loadConnection();
  if (connection?.session && connection.token === credentials.token) await endSession(connection);
}

/** The sidebar's "Sign in": the same provider again, in its window; Options when that cannot work. */
export async function signInAgain(): Promise<void> {
  const signedOut = await loadSignedOut();
  if (!signedOut) {
    await browser.runtime.openOptionsPage();
    return;
  }
  try {
    await signIn(signedOut.endpoint, signedOut.provider.id, { interactive: true });
  } catch {
    // Options says what went wrong and offers every way to sign in.
    await browser.runtime.openOptionsPage();
    return;
  }
  await refreshAll();
}
