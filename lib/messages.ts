// Everything that crosses a runtime message or port inside the extension. The background parses
// each of these with zod before acting on it: content scripts run beside untrusted pages.
import { z } from 'zod';
import { CrmRef, Email } from './contract/common.ts';
import { FeedbackTarget, VerdictFields } from './contract/feedback.ts';
import { LeadContext } from './contract/lookup.ts';
import { Me } from './contract/me.ts';
import { FRAME_TICKET_PATTERN } from './frame-ticket.ts';
import { MAX_LEADS, MAX_NAME } from './sites/dom.ts';
import { SITE_IDS, VIEWS } from './sites/registry.ts';

/** The sites of lib/sites/registry.ts, and every view they have. */
export const SiteId = z.enum(SITE_IDS);
export type SiteId = z.infer<typeof SiteId>;
export const View = z.enum(VIEWS);
export type View = z.infer<typeof View>;

/** A person the page shows: an address, a CRM record, or both, with the name shown beside it. */
export const PageLead = z
  .strictObject({
    email: Email.optional(),
    name: z.string().max(MAX_NAME).optional(),
    crmRef: CrmRef.optional(),
  })
  .refine((l) => l.email !== undefined || l.crmRef !== undefined, {
    error: 'a lead needs an email or a CRM reference',
  });
export type PageLead = z.infer<typeof PageLead>;

export const PageLeads = z.strictObject({
  site: SiteId,
  view: View,
  leads: z.array(PageLead).max(MAX_LEADS),
  /** The signed-in rep, when the page shows it. Never a lead. */
  self: Email.optional(),
});
export type PageLeads = z.infer<typeof PageLeads>;

/** Which selector alternative answered a probe: structure only, never page text. */
export const TraceEntry = z.strictObject({
  probe: z.string().max(80),
  matched: z.string().max(200).nullable(),
  count: z.number().int().min(0).optional(),
});
export type TraceEntry = z.infer<typeof TraceEntry>;

/** content script → background (runtime.sendMessage). `page: null` means no lead view here. */
export const ContentMessage = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('page-leads'),
    page: PageLeads.nullable(),
    trace: z.array(TraceEntry).max(100).optional(),
  }),
  /** A one-time ticket for the dock's iframe about to load in this tab (lib/frame-ticket.ts). */
  z.strictObject({ type: z.literal('frame-ticket') }),
  /** The rep's click on the dock's side panel button: open the browser's side panel for this tab. */
  z.strictObject({ type: z.literal('open-side-panel') }),
  /** The loader, once the page has loaded: inject the content script into this frame (lib/content/loader.ts). */
  z.strictObject({ type: z.literal('load-content-script') }),
]);
export type ContentMessage = z.infer<typeof ContentMessage>;

/** The background's answer to `page-leads`: whether this page gets the open dock or only the quiet handle. */
export const PageLeadsReply = z.strictObject({
  dock: z.enum(['open', 'handle', 'off']),
  /** The browser has a side panel the dock may offer to open (lib/background/side-panel.ts). */
  sidePanel: z.literal(true).optional(),
});
export type PageLeadsReply = z.infer<typeof PageLeadsReply>;

/** background → content script (tabs.sendMessage), only ever in answer to a rep's click in the sidebar. */
export const ContentRequest = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('insert-text'), text: z.string().min(1).max(4000) }),
  /** The keyboard shortcut (commands API) opens or collapses the dock. */
  z.strictObject({ type: z.literal('toggle-dock') }),
]);
export type ContentRequest = z.infer<typeof ContentRequest>;
const INSERT_REFUSALS = ['no-compose', 'not-supported'] as const;
export const InsertReply = z.strictObject({
  ok: z.boolean(),
  /** Why nothing was inserted: no compose open on the page, or the site has none. */
  reason: z.enum(INSERT_REFUSALS).optional(),
});
export type InsertReply = z.infer<typeof InsertReply>;

export const FrameTicket = z.string().regex(FRAME_TICKET_PATTERN);
/** The background's answer to `open-side-panel`: whether the side panel opened. */
export const SidePanelReply = z.strictObject({ opened: z.boolean() });
export type SidePanelReply = z.infer<typeof SidePanelReply>;

/** The background's answer to `frame-ticket`. */
export const FrameTicketReply = z.strictObject({ ticket: FrameTicket });
export type FrameTicketReply = z.infer<typeof FrameTicketReply>;

/**
 * sidebar → background, over a port named `SIDEBAR_PORT`, or `SIDEBAR_PORT#<ticket>` from the dock's
 * iframe: a frame inside a tab is heard only with the ticket its tab's content script was given.
 */
export const SIDEBAR_PORT = 'sidebar';
export const SidebarPortName = z.union([
  z.literal(SIDEBAR_PORT).transform(() => ({ ticket: undefined })),
  z
    .string()
    .startsWith(`${SIDEBAR_PORT}#`)
    .transform((name) => name.slice(SIDEBAR_PORT.length + 1))
    .pipe(FrameTicket)
    .transform((ticket) => ({ ticket })),
]);
export function sidebarPortName(ticket: string | undefined): string {
  return ticket === undefined ? SIDEBAR_PORT : `${SIDEBAR_PORT}#${ticket}`;
}

export const SidebarIntent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('select-lead'), index: z.number().int().min(0).lt(MAX_LEADS) }),
  z.strictObject({ type: z.literal('retry') }),
  z.strictObject({ type: z.literal('open-options') }),
  /** Landed / didn't land, on a talking point or the campaign message of the lead on screen. */
  z.strictObject({
    type: z.literal('feedback'),
    requestId: z.string().max(64),
    ...VerdictFields,
    note: z.string().max(2000).optional(),
  }),
  /** Take a verdict back, within its undo window. */
  z.strictObject({ type: z.literal('undo-feedback'), requestId: z.string().max(64), id: z.uuid() }),
  /**
   * Put a talking point's text into the compose open on the page, at the caret. `use`: the point,
   * and the id its use gets if the text goes in (made when the rep clicked).
   */
  z.strictObject({
    type: z.literal('insert'),
    requestId: z.string().max(64),
    text: z.string().min(1).max(4000),
    use: z.strictObject({ id: z.uuid(), target: FeedbackTarget }).optional(),
  }),
  /**
   * The rep copied a point or opened a campaign's call to action, for What lands: which target and
   * an id made as the rep acted; never any text. Nothing answers it. An insert's use rides on `insert`.
   */
  z.strictObject({
    type: z.literal('use'),
    id: z.uuid(),
    action: z.enum(['copied', 'opened_cta']),
    target: FeedbackTarget,
  }),
  /** The next page of the lead's engagement timeline. */
  z.strictObject({ type: z.literal('load-more-events') }),
  /** Signed out (the session ran out and could not be renewed): sign in again at the same provider. */
  z.strictObject({ type: z.literal('sign-in') }),
  /** An item of the couldn't-send list: try it again, or let it go (the rep's explicit choice). */
  z.strictObject({ type: z.literal('resend-failed'), id: z.uuid() }),
  z.strictObject({ type: z.literal('discard-failed'), id: z.uuid() }),
]);
export type SidebarIntent = z.infer<typeof SidebarIntent>;

/** A verdict as the rep sees it: queued (kept locally, not yet at the endpoint), sent, or failed. */
export const FeedbackView = z.strictObject({
  id: z.uuid(),
  ...VerdictFields,
  note: z.string().optional(),
  status: z.enum(['queued', 'sent', 'failed']),
  /** For `failed`: what the endpoint said, as a sentence. */
  failure: z.string().optional(),
  /** Epoch ms until which the verdict can be undone. */
  undoUntil: z.number(),
});
export type FeedbackView = z.infer<typeof FeedbackView>;

/** Why the local cache could not be read; the sidebar words it from `_locales`. */
export const SidebarWarning = z.enum(['cache-full', 'cache-failed']);
export type SidebarWarning = z.infer<typeof SidebarWarning>;

const WithLeads = {
  leads: z.array(PageLead),
  selected: z.number().int(),
  /** This lead's verdicts from this browser, newest first. */
  feedback: z.array(FeedbackView).optional(),
  /** Verdicts the endpoint refused, for every lead: shown until the rep resends or discards them. */
  failed: z.array(FeedbackView).optional(),
  /** Something the rep should know that does not stop the sidebar, e.g. the local cache failing. */
  warning: SidebarWarning.optional(),
};

/** background → sidebar: the whole state to render; the sidebar keeps none of its own. */
export const SidebarState = z.discriminatedUnion('status', [
  /** This copy of the sidebar page was not framed by our content script (no valid ticket): it shows nothing. */
  z.strictObject({ status: z.literal('refused') }),
  z.strictObject({ status: z.literal('not_connected') }),
  /** Was signed in with a provider; the session ended and could not be renewed without the rep. */
  z.strictObject({ status: z.literal('signed_out') }),
  z.strictObject({ status: z.literal('no_lead') }),
  z.strictObject({ status: z.literal('loading'), ...WithLeads }),
  z.strictObject({ status: z.literal('not_found'), ...WithLeads }),
  /** `message`: what the endpoint or the network said; without one the sidebar says the lookup failed. */
  z.strictObject({ status: z.literal('error'), ...WithLeads, message: z.string().optional() }),
  z.strictObject({
    status: z.literal('ready'),
    ...WithLeads,
    context: LeadContext,
    fetchedAt: z.number(),
    /** `stale`: shown from the local cache because the endpoint could not be reached; `fetchedAt` gives its age. */
    freshness: z.enum(['fresh', 'refreshing', 'stale']).optional(),
    /** Set while the next page of the timeline is being fetched. */
    loadingMore: z.boolean().optional(),
  }),
]);
export type SidebarState = z.infer<typeof SidebarState>;

const FEEDBACK_OUTCOMES = ['queued', 'no-lead', 'invalid', 'storage'] as const;
const UNDO_FEEDBACK_OUTCOMES = ['removed', 'withdrawing', 'too-late', 'unknown'] as const;
/** The background passes the content script's refusal on as the notice's code. */
const INSERT_OUTCOMES = ['inserted', ...INSERT_REFUSALS] as const;
/** How an intent that carried a `requestId` turned out; the sidebar words each from `_locales`. */
export const NoticeCode = z.enum([...FEEDBACK_OUTCOMES, ...UNDO_FEEDBACK_OUTCOMES, ...INSERT_OUTCOMES]);
export type NoticeCode = z.infer<typeof NoticeCode>;

/** background → sidebar: the answer to one intent that carried a `requestId`. */
export const SidebarNotice = z.strictObject({
  type: z.literal('notice'),
  requestId: z.string(),
  ok: z.boolean(),
  code: NoticeCode,
  /** Words from outside the extension that say more than the code (a zod issue); never the background's own. */
  message: z.string().optional(),
});
export type SidebarNotice = z.infer<typeof SidebarNotice>;

/** A provider as Options shows it: the button's name, and the id the background finds it by again. */
export const ProviderChoice = z.strictObject({ id: z.string().max(200), name: z.string().max(200) });
export type ProviderChoice = z.infer<typeof ProviderChoice>;

/** What the connection says beyond connected or not: the managed endpoint, and how the rep signed in. */
const ConnectionExtras = {
  /** The endpoint is set by managed policy and the rep may not change it. */
  endpointLocked: z.boolean().optional(),
};

export const ConnectionStatus = z.discriminatedUnion('connected', [
  z.strictObject({
    connected: z.literal(false),
    endpoint: z.string().optional(),
    ...ConnectionExtras,
    /** The session from this provider ended and could not be renewed: the rep must sign in again. */
    signedOut: ProviderChoice.optional(),
  }),
  z.strictObject({
    connected: z.literal(true),
    endpoint: z.string(),
    me: Me,
    ...ConnectionExtras,
    /** Signed in with a provider (not a pasted token): until when, and with whom. */
    session: z.strictObject({ expiresAt: z.string(), provider: ProviderChoice }).optional(),
  }),
]);
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const Preferences = z.strictObject({
  /** Sites the rep switched off; every site is on unless listed here. */
  sitesOff: z.array(SiteId).default([]),
  /** The company's own domains: addresses there are colleagues, never leads. */
  internalDomains: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
          error: 'must be a domain like example.com',
        }),
    )
    .max(50)
    .default([]),
});
export type Preferences = z.infer<typeof Preferences>;

/** options page → background (runtime.sendMessage). */
export const OptionsRequest = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('connect'), endpoint: z.string().max(2048), token: z.string().max(512) }),
  /** The providers the endpoint offers to sign in with (the managed one only, when IT chose one). */
  z.strictObject({ type: z.literal('auth-providers'), endpoint: z.string().max(2048) }),
  /** Sign in at one of those providers, in the browser's sign-in window. */
  z.strictObject({ type: z.literal('sign-in'), endpoint: z.string().max(2048), providerId: z.string().max(200) }),
  /** Which settings IT manages, and the managed values Coalface had to ignore. */
  z.strictObject({ type: z.literal('managed-policy') }),
  z.strictObject({ type: z.literal('connection') }),
  z.strictObject({ type: z.literal('disconnect') }),
  z.strictObject({ type: z.literal('preferences') }),
  z.strictObject({ type: z.literal('set-preferences'), preferences: z.unknown() }),
  /** The structure-only selector diagnostics, as text a rep can paste into a bug report. */
  z.strictObject({ type: z.literal('diagnostics') }),
  /** Wipe the cache and settings (not the unsent verdicts, unless `includingOutbox`). */
  z.strictObject({ type: z.literal('clear-local-data'), includingOutbox: z.boolean().default(false) }),
]);
export type OptionsRequest = z.infer<typeof OptionsRequest>;

export const OptionsResponse = z.discriminatedUnion('ok', [
  /** `notice`: something the rep must be told about what just happened, e.g. unsent verdicts removed. */
  z.strictObject({ ok: z.literal(true), connection: ConnectionStatus, notice: z.string().optional() }),
  z.strictObject({ ok: z.literal(false), message: z.string() }),
]);
export type OptionsResponse = z.infer<typeof OptionsResponse>;

/** Which of the rep's preferences managed policy fixes (shown disabled, with the reason). */
export const PreferenceLocks = z.strictObject({ sitesOff: z.boolean(), internalDomains: z.boolean() });
export type PreferenceLocks = z.infer<typeof PreferenceLocks>;

export const PreferencesResponse = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), preferences: Preferences, locked: PreferenceLocks.optional() }),
  z.strictObject({ ok: z.literal(false), message: z.string() }),
]);
export type PreferencesResponse = z.infer<typeof PreferencesResponse>;

export const DiagnosticsResponse = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), text: z.string() }),
  z.strictObject({ ok: z.literal(false), message: z.string() }),
]);
export type DiagnosticsResponse = z.infer<typeof DiagnosticsResponse>;

export const AuthProvidersResponse = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), providers: z.array(ProviderChoice) }),
  z.strictObject({ ok: z.literal(false), message: z.string() }),
]);
export type AuthProvidersResponse = z.infer<typeof AuthProvidersResponse>;

/** The managed policy as Options shows it: what it locks, and each value that was ignored and why. */
export const ManagedPolicyResponse = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    /** Keys IT set (valid ones only), e.g. `endpointUrl`. */
    managedKeys: z.array(z.string()),
    repsMayChange: z.boolean(),
    problems: z.array(z.string()),
  }),
  z.strictObject({ ok: z.literal(false), message: z.string() }),
]);
export type ManagedPolicyResponse = z.infer<typeof ManagedPolicyResponse>;
