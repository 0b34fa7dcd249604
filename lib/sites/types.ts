// Types only: the content script must not pull zod into its bundle.
import type { PageLeads, SiteId, View } from '../messages.ts';

export type { PageLead, PageLeads, SiteId, View } from '../messages.ts';

/**
 * Which selector alternative answered, by name, for the diagnostics a rep can copy from Options.
 * Structure only: names of alternatives and counts, never text from the page.
 */
export type Trace = (probe: string, matched: string | null, count?: number) => void;

export interface SiteAdapter {
  id: SiteId;
  /** Example URLs per view, and `none` for pages of the app that show no lead (gotchas included). */
  examples: Partial<Record<View, string[]>> & { none: string[] };
  /** Pure: which view this URL is, or null when the page can show no lead. */
  matchUrl(url: URL): View | null;
  /** Pure: the leads the page shows. Never throws; a miss is an empty list. */
  detect(doc: Document, url: URL, trace?: Trace): PageLeads | null;
}
