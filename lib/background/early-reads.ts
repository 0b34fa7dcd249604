// The local reads a tab's refresh needs, started as soon as a page's leads are known: while the
// background still reads the rep's preferences and the tab's previous page (storage calls that wait
// their turn on the browser's main thread), IndexedDB already answers for the connection and for
// the page's first leads, whichever of them the sidebar ends up showing.
import type { PageLead } from '../messages.ts';
import { type Connection, loadConnection } from './connection.ts';
import { type LocalRead, readLocal } from './contexts.ts';
import { leadKey } from './pages.ts';

/** A thread names a handful of outside people; a lead further down the list is read when shown. */
const MAX_EARLY_LEADS = 4;

export interface EarlyReads {
  connection: Promise<Connection | null>;
  /** By `leadKey`. */
  local: ReadonlyMap<string, Promise<LocalRead>>;
}

export function startReads(leads: readonly PageLead[]): EarlyReads {
  const connection = loadConnection();
  // The refresh awaits it; until then a failure must not count as unhandled.
  connection.catch(() => undefined);
  const local = new Map(leads.slice(0, MAX_EARLY_LEADS).map((lead) => [leadKey(lead), readLocal(lead)] as const));
  return { connection, local };
}
