// A signed-in rep's session over time, in real Chromium against the real OpenID provider: renewed
// silently before it runs out (prompt=none on the provider's session cookie, no window), and signed
// out by an admin, then back in with the sidebar's Sign in. The setup is sso-extension-harness.ts.
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENEWAL_ALARM } from '../../lib/background/renewal-schedule.ts';
import {
  DANA_THREAD,
  demoLeadEmails,
  dockFrame,
  gmailThreadFrom,
  leadContext,
  navigateInApp,
  serviceWorker,
} from './harness.ts';
import {
  rajSessions,
  revokeSession,
  SETUP_MS,
  type SsoRep,
  signInThroughOptions,
  startSsoRep,
  storedConnection,
} from './sso-extension-harness.ts';

const DANA = { email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' };

let rep: SsoRep;
let options: Page;
let thread: Page;
/** Demo leads other than Dana, one per thread the rep opens after the first. */
let others: { email: string; name: string }[];
/** Every page that opened in the browser since the rep signed in (a sign-in window would be one). */
const opened: Page[] = [];

beforeAll(async () => {
  rep = await startSsoRep();
  options = await signInThroughOptions(rep);
  others = (await demoLeadEmails(rep.endpoint)).filter((lead) => lead.email !== DANA.email);
  thread = await rep.browser.context.newPage();
  await thread.goto(DANA_THREAD);
  await contextShown(await dockFrame(thread), DANA);
  rep.browser.context.on('page', (page) => opened.push(page));
}, SETUP_MS);

afterAll(async () => {
  await rep?.close();
});

/** Gmail swaps in the next thread in place; the sidebar follows to that thread's lead. */
async function openThreadOf(lead: { email: string; name: string }, hash: string): Promise<Frame> {
  await navigateInApp(
    thread,
    gmailThreadFrom(lead.email, lead.name),
    `https://mail.google.com/mail/u/0/#inbox/${hash}`,
  );
  return dockFrame(thread);
}

/**
 * Waits until the sidebar shows what the endpoint knows of the lead: its top talking point or campaign
 * headline. The lead's name alone is not enough: the loading placeholders show it too.
 */
async function contextShown(sidebar: Frame, lead: { email: string; name: string }): Promise<void> {
  const context = await leadContext(rep.endpoint, lead.email);
  const point = context?.talkingPoints[0]?.title;
  const headline = context?.campaign?.message.headline;
  if (point) await sidebar.getByRole('heading', { level: 3, name: point }).waitFor({ timeout: 30_000 });
  else if (headline) await sidebar.getByText(headline).first().waitFor({ timeout: 30_000 });
  else throw new Error(`demo lead ${lead.email} has neither a talking point nor a campaign`);
}

function nextLead(): { email: string; name: string } {
  const lead = others.shift();
  if (!lead) throw new Error('demo data has too few leads');
  return lead;
}

describe("a signed-in rep's session", () => {
  it('is renewed before it runs out without asking the rep anything, and the old one can go', async () => {
    const [first, ...more] = await rajSessions(rep.endpoint);
    expect(more).toEqual([]);
    const before = await storedConnection(rep.browser);
    expect(before?.session).toBeTruthy();

    // The session runs out in 10 minutes (renewal is due 15 minutes before), and the alarm fires now.
    const worker = await serviceWorker(rep.browser);
    await worker.evaluate(
      async ({ alarm, expiresAt }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('coalface');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const store = db.transaction('settings', 'readwrite').objectStore('settings');
        await new Promise<void>((resolve, reject) => {
          const read = store.get('connection');
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            const write = store.put({ ...read.result, session: { ...read.result.session, expiresAt } }, 'connection');
            write.onerror = () => reject(write.error);
            write.onsuccess = () => resolve();
          };
        });
        db.close();
        const { alarms } = (globalThis as unknown as { chrome: { alarms: { create(n: string, a: object): void } } })
          .chrome;
        alarms.create(alarm, { when: Date.now() });
      },
      { alarm: RENEWAL_ALARM, expiresAt: new Date(Date.now() + 10 * 60_000).toISOString() },
    );

    await expect.poll(() => rajSessions(rep.endpoint), { timeout: 45_000, interval: 250 }).toHaveLength(2);
    await expect
      .poll(async () => (await storedConnection(rep.browser))?.token, { timeout: 15_000, interval: 250 })
      .not.toBe(before?.token);
    const after = await storedConnection(rep.browser);
    // A fresh session: it runs out later than the one it replaced was made to.
    expect(Date.parse(after?.session?.expiresAt ?? '')).toBeGreaterThan(Date.now() + 60 * 60_000);

    // Nothing asked the rep: no window opened (not even one that closed again), Options still says who they are.
    expect(opened.map((page) => page.url())).toEqual([]);
    await options.getByRole('status').filter({ hasText: 'Signed in as Raj Rep (rep)' }).waitFor();
    const sidebar = await dockFrame(thread);
    await contextShown(sidebar, DANA);
    expect(await sidebar.getByRole('button', { name: 'Sign in' }).count()).toBe(0);

    // An admin signs the old session out: the rep, on the new one, keeps working.
    await revokeSession(rep.endpoint, first?.id ?? '');
    const lead = nextLead();
    const next = await openThreadOf(lead, '18c2f0a9b3d4e5f1');
    await contextShown(next, lead);
    expect(await next.getByRole('button', { name: 'Sign in' }).count()).toBe(0);
  });

  it('signed out by an admin: the next thread says so, and Sign in brings the lead back', async () => {
    const live = (await rajSessions(rep.endpoint)).filter((session) => session.revokedAt === null);
    expect(live).toHaveLength(1);
    const { token } = (await storedConnection(rep.browser)) ?? {};
    await revokeSession(rep.endpoint, live[0]?.id ?? '');
    // What the endpoint now tells that session (the sidebar says it in its own words).
    const refused = await fetch(`${rep.endpoint.url}/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
    expect(JSON.stringify(await refused.json())).toContain('Your session was signed out by an admin: sign in again.');

    const lead = nextLead();
    const sidebar = await openThreadOf(lead, '18c2f0a9b3d4e5f2');
    await sidebar.getByText('Signed out — sign in again.').waitFor({ timeout: 30_000 });
    const signIn = sidebar.getByRole('button', { name: 'Sign in' });
    await signIn.waitFor();
    expect(await sidebar.getByRole('heading', { level: 3 }).count()).toBe(0);

    // The provider still knows the rep: its window, if one shows at all, closes without a form.
    const shown = opened.length;
    await signIn.click();
    await contextShown(sidebar, lead);
    for (const page of opened.slice(shown)) {
      expect(page.isClosed()).toBe(true);
    }
    expect((await rajSessions(rep.endpoint)).filter((session) => session.revokedAt === null)).toHaveLength(1);
  });
});
