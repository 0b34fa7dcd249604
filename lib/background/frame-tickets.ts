// One-time frame tickets (lib/frame-ticket.ts), kept in storage.session so that a restarted service
// worker still knows them and content scripts cannot read them (TRUSTED_CONTEXTS). A ticket is issued
// to a tab's content script and used by the first frame of that tab to present it; from then on only
// that frame (the same frame id, and in Chrome the same document) may present it again, as it does
// when it reconnects after the worker stopped. Any other frame, tab or made-up ticket is refused.
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { newFrameTicket } from '../frame-ticket.ts';

/** Kept when local data is cleared: the open dock frames must still be let back in. */
export const FRAME_TICKETS_KEY = 'frame-tickets';
/** A tab rebuilds its dock frame now and then (a view without leads, then one with): older tickets go. */
const PER_TAB = 4;

const Entry = z.object({
  ticket: z.string(),
  tabId: z.number().int(),
  usedBy: z.object({ frameId: z.number().int(), documentId: z.string().optional() }).optional(),
});
type Entry = z.infer<typeof Entry>;

export interface FrameSender {
  tab?: { id?: number | undefined } | undefined;
  frameId?: number | undefined;
  documentId?: string | undefined;
}

// Issue, use and forget read and write the same list: one at a time, so two frames racing to use
// one ticket cannot both win.
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

async function read(): Promise<Entry[]> {
  const stored = await browser.storage.session.get(FRAME_TICKETS_KEY);
  const parsed = z.array(Entry).safeParse(stored[FRAME_TICKETS_KEY]);
  return parsed.success ? parsed.data : [];
}

async function write(entries: Entry[]): Promise<void> {
  await browser.storage.session.set({ [FRAME_TICKETS_KEY]: entries });
}

export function issueFrameTicket(tabId: number): Promise<string> {
  return oneAtATime(async () => {
    const ticket = newFrameTicket();
    const entries = await read();
    const others = entries.filter((entry) => entry.tabId !== tabId);
    const tabs = entries.filter((entry) => entry.tabId === tabId).slice(-(PER_TAB - 1));
    await write([...others, ...tabs, { ticket, tabId }]);
    return ticket;
  });
}

/** True when `ticket` was issued to the sender's tab and is unused, or was used by this very frame. */
export function redeemFrameTicket(ticket: string, sender: FrameSender): Promise<boolean> {
  return oneAtATime(async () => {
    const tabId = sender.tab?.id;
    const frameId = sender.frameId;
    if (tabId === undefined || frameId === undefined) return false;
    const entries = await read();
    const entry = entries.find((candidate) => candidate.ticket === ticket);
    if (!entry || entry.tabId !== tabId) return false;
    if (entry.usedBy) return entry.usedBy.frameId === frameId && entry.usedBy.documentId === sender.documentId;
    entry.usedBy = sender.documentId === undefined ? { frameId } : { frameId, documentId: sender.documentId };
    await write(entries);
    return true;
  });
}

export function forgetFrameTickets(tabId: number): Promise<void> {
  return oneAtATime(async () => {
    await write((await read()).filter((entry) => entry.tabId !== tabId));
  });
}
