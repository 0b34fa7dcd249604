import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { whenTokenRefused } from '../lib/background/api.ts';
import { forgetFrameTickets } from '../lib/background/frame-tickets.ts';
import { followGrantedSites } from '../lib/background/granted-sites.ts';
import { followManagedPolicy } from '../lib/background/managed-settings.ts';
import { connectSidebarPort, handleMessage } from '../lib/background/messaging.ts';
import { forgetTab } from '../lib/background/pages.ts';
import { refreshAll } from '../lib/background/refresh.ts';
import { RENEWAL_ALARM } from '../lib/background/renewal-schedule.ts';
import { renewSessionIfDue } from '../lib/background/session-renewal.ts';
import { openSidePanelOnActionClick } from '../lib/background/side-panel.ts';
import { followActiveTab } from '../lib/background/sidebar-ports.ts';
import { setSidebarHooks } from '../lib/background/sidebar-registry.ts';
import { signOutIfSessionRefused } from '../lib/background/signed-out.ts';
import {
  ensureSyncAlarm,
  followSidebars,
  OUTBOX_ALARM,
  pollWhenClosed,
  runOutbox,
  SYNC_ALARM,
} from '../lib/background/sync.ts';

const quietly = (work: Promise<unknown>) => void work.catch(() => undefined);

export default defineBackground(() => {
  setSidebarHooks({
    outboxChanged: () => quietly(runOutbox()),
    sidebarsChanged: (open) => quietly(followSidebars(open)),
  });
  whenTokenRefused(signOutIfSessionRefused);
  // IT changed the policy: sites switched off, colleagues or the endpoint may differ now.
  followManagedPolicy(() => quietly(refreshAll()));
  browser.runtime.onMessage.addListener((message, sender) => handleMessage(message, sender));
  browser.runtime.onConnect.addListener(connectSidebarPort);
  browser.tabs.onActivated.addListener(() => quietly(followActiveTab()));
  browser.tabs.onRemoved.addListener((tabId) => quietly(Promise.all([forgetTab(tabId), forgetFrameTickets(tabId)])));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) quietly(runOutbox());
    if (alarm.name === SYNC_ALARM) quietly(Promise.all([runOutbox(), pollWhenClosed()]));
    if (alarm.name === RENEWAL_ALARM) quietly(renewSessionIfDue());
  });
  browser.runtime.onStartup.addListener(() => quietly(runOutbox()));
  browser.commands.onCommand.addListener((command) => quietly(toggleDock(command)));
  globalThis.addEventListener('online', () => quietly(runOutbox()));
  openSidePanelOnActionClick();
  quietly(followGrantedSites());
  quietly(ensureSyncAlarm());
  // Whatever woke this worker, a verdict left queued by an earlier one goes out now.
  quietly(runOutbox());
  // A session that came due while no worker ran (the browser was closed) is renewed now.
  quietly(renewSessionIfDue());
});

async function toggleDock(command: string): Promise<void> {
  if (command !== 'toggle-dock') return;
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab?.id !== undefined) await browser.tabs.sendMessage(tab.id, { type: 'toggle-dock' });
}
