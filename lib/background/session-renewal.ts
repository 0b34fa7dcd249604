// Silent renewal: shortly before the session runs out, the same sign-in runs without a window
// (prompt=none). The rep notices nothing when the provider still knows them; when it wants them
// (login_required, interaction_required) or refuses, they are signed out, clearly.
import { EndpointError } from './api.ts';
import { SignInError } from './auth-request.ts';
import { loadConnection } from './connection.ts';
import { stopStream } from './live.ts';
import { cancelRenewal, isRenewalDue, scheduleRenewal, scheduleRetry } from './renewal-schedule.ts';
import { openSidebarCount } from './sidebar-registry.ts';
import { type SignInDeps, signIn } from './sign-in.ts';
import { endSession } from './signed-out.ts';
import { followSidebars } from './sync.ts';

export type RenewalOutcome = 'no-session' | 'not-due' | 'renewed' | 'retry' | 'signed-out';

/** Only the network being away is worth another try, and only while the session still holds. */
function worthRetrying(error: unknown): boolean {
  if (error instanceof SignInError) return error.kind === 'unreachable';
  return error instanceof EndpointError && (error.status === null || error.status >= 500 || error.status === 429);
}

/** Runs from the renewal alarm and when the worker starts: renews the session if it is due. */
export async function renewSessionIfDue(now = Date.now(), deps?: SignInDeps): Promise<RenewalOutcome> {
  const connection = await loadConnection();
  if (!connection?.session) {
    await cancelRenewal();
    return 'no-session';
  }
  const { expiresAt, provider } = connection.session;
  if (!isRenewalDue(expiresAt, now)) {
    await scheduleRenewal(expiresAt, now);
    return 'not-due';
  }
  try {
    await signIn(connection.endpoint, provider.id, { interactive: false }, deps);
  } catch (error) {
    if (worthRetrying(error) && Date.parse(expiresAt) > now) {
      await scheduleRetry(now);
      return 'retry';
    }
    await endSession(connection);
    return 'signed-out';
  }
  // The live stream still carries the old token: reopen it with the new one.
  stopStream();
  await followSidebars(openSidebarCount());
  return 'renewed';
}
