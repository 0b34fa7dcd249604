// The URL the dock's iframe loads: the sidebar page with a one-time ticket from the background, so
// the sidebar shows lead data in this frame and in no frame a page script makes.
import { browser } from 'wxt/browser';
import { frameUrlWithTicket } from '../frame-ticket.ts';
import type { ContentMessage } from '../messages.ts';
import { isFrameTicketReply } from './requests.ts';

/** undefined when the background gave no ticket: the frame then stays empty. */
export async function ticketedSidebarUrl(): Promise<string | undefined> {
  const reply: unknown = await browser.runtime.sendMessage({ type: 'frame-ticket' } satisfies ContentMessage);
  return isFrameTicketReply(reply)
    ? frameUrlWithTicket(browser.runtime.getURL('/sidebar.html'), reply.ticket)
    : undefined;
}

/** The sidebar page's origin (chrome-extension://id, moz-extension://uuid): the dock's frame delegates to it by name. */
export function sidebarOrigin(): string {
  return new URL(browser.runtime.getURL('/')).origin;
}
