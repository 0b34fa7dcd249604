// Types only: the content script must not pull zod into its bundle.
import type { PageLead } from '../messages.ts';
import type { Memo } from './memo.ts';
import type { Probe } from './probe.ts';
import type { RoomProbe } from './room.ts';

// SiteId and View are derived from the registry (lib/messages.ts): nothing a site declares may
// refer to them, or the types would be defined by themselves.
export type { PageLead, PageLeads, SiteId, View } from '../messages.ts';

/**
 * Which selector alternative answered, by name, for the diagnostics a rep can copy from Options.
 * Structure only: names of alternatives and counts, never text from the page.
 */
export type Trace = (probe: string, matched: string | null, count?: number) => void;

/** What a site's detection finds on a page. */
export interface Found<V extends string = string> {
  view: V;
  leads: PageLead[];
  /** The signed-in rep, when the page shows it. Never a lead. */
  self?: string;
}

/** The same, saying which site found it: what the content script reports. */
export type Detected<Id extends string = string, V extends string = string> = { site: Id } & Found<V>;

/**
 * Example URLs per view, and `none` for pages of the app that show no lead (gotchas included). Kept
 * in each site's `urls.ts` beside `matchUrl` for the tests, not on the adapter: the content script,
 * budgeted by size, ships without them.
 */
export type Examples<V extends string> = { [K in V]: string[] } & { none: string[] };

/** Everything about one site, declared in its own folder and listed once in lib/sites/registry.ts. */
export interface SiteDefinition<Id extends string, V extends string> {
  id: Id;
  /** The site's name, as the options page lists it. */
  label: string;
  /**
   * Manifest match patterns of the pages the extension may read: its host permissions, where the
   * content script runs and the dock's page may load. matchUrl then narrows them to lead views.
   */
  matches: readonly string[];
  /** Hosts asked for only at the rep's click in Options: custom domains no fixed list can name. */
  optionalMatches?: readonly string[];
  /** The compose editor a talking point is inserted into, newest alternative first. None on the CRMs. */
  compose?: Probe;
  /** How the dock makes room beside the app (lib/content/dock-room.ts); none: the dock overlays the page. */
  room?: RoomProbe;
  /** Every view `matchUrl` can answer; the site's `examples` in `urls.ts` have one list per view. */
  views: readonly V[];
  /** Pure: which view this URL is, or null when the page can show no lead. */
  matchUrl(url: URL): V | null;
  /**
   * Pure: the leads the page shows. Never throws; a miss is an empty list. With a `memo`, it may keep
   * what it read of a part of the page until something under that part changes (lib/sites/memo.ts).
   */
  detect(doc: Document, url: URL, trace?: Trace, memo?: Memo): Found<NoInfer<V>> | null;
  /** What `detect` reads, so that the watcher skips changes that cannot alter its answer. Without it, every change counts. */
  reads?: Reads;
}

/**
 * Everything `detect` looks at on a page. A DOM change can alter its answer only by adding or
 * removing an element matching (or holding one matching) a selector of `elements`, or by changing
 * text inside an element matching `textOf`; anything else (typing in a message body, a tooltip, an
 * animation) is skipped without detecting. Attribute and text-node edits are never watched at all.
 */
export interface Reads {
  /** Single selectors (no lists), each queried on its own: see `selectAll`. */
  elements: readonly string[];
  /** A selector list: the elements whose text `detect` reads (names on address chips, the title). */
  textOf: string;
}

export interface SiteAdapter<Id extends string = string, V extends string = string> {
  id: Id;
  label: string;
  matches: readonly string[];
  optionalMatches: readonly string[];
  compose: Probe | null;
  room: RoomProbe;
  views: readonly V[];
  matchUrl(url: URL): V | null;
  detect(doc: Document, url: URL, trace?: Trace, memo?: Memo): Detected<Id, V> | null;
  reads: Reads | null;
}
