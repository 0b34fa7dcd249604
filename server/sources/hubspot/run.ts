import type { InboxItem } from '../items.ts';
import type { HubspotClient } from './api.ts';
import type { HubspotCursor } from './cursor.ts';

/** What each puller gets: the API, the cursor to move, and where to put what it pulled. */
export interface PullRun {
  api: HubspotClient;
  cursor: HubspotCursor;
  /** Writes the items to the inbox (new ones only, by key) and maps them. */
  deliver(items: InboxItem[]): Promise<void>;
  /** Saves the cursor and renews the lease; throws LeaseLost when another instance took it. */
  save(): Promise<void>;
}

export class LeaseLost extends Error {}

const MAX_KEY = 190;

/** An inbox key from HubSpot's own ids (short: they are numbers and guids). */
export const hubspotKey = (...parts: (string | number)[]) => parts.join(':').slice(0, MAX_KEY);
