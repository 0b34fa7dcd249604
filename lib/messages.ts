// Everything that crosses a runtime message or port inside the extension. The background parses
// each of these with zod before acting on it: content scripts run beside untrusted pages.
import { z } from 'zod';
import { CrmRef, Email } from './contract/common.ts';
import { LeadContext } from './contract/lookup.ts';
import { Me } from './contract/me.ts';

export const SiteId = z.enum(['gmail', 'outlook', 'salesforce', 'hubspot']);
export type SiteId = z.infer<typeof SiteId>;
export const View = z.enum(['thread', 'compose', 'record']);
export type View = z.infer<typeof View>;

/** A person the page shows: an address, a CRM record, or both, with the name shown beside it. */
export const PageLead = z
  .strictObject({
    email: Email.optional(),
    name: z.string().max(200).optional(),
    crmRef: CrmRef.optional(),
  })
  .refine((l) => l.email !== undefined || l.crmRef !== undefined, {
    error: 'a lead needs an email or a CRM reference',
  });
export type PageLead = z.infer<typeof PageLead>;

export const PageLeads = z.strictObject({
  site: SiteId,
  view: View,
  leads: z.array(PageLead).max(50),
  /** The signed-in rep, when the page shows it. Never a lead. */
  self: Email.optional(),
});
export type PageLeads = z.infer<typeof PageLeads>;

/** content script → background (runtime.sendMessage). `page: null` means no lead view here. */
export const ContentMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('page-leads'), page: PageLeads.nullable() }),
]);
export type ContentMessage = z.infer<typeof ContentMessage>;

/** sidebar → background, over the port named `SIDEBAR_PORT`. */
export const SIDEBAR_PORT = 'sidebar';
export const SidebarIntent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('select-lead'), index: z.number().int().min(0).max(49) }),
  z.strictObject({ type: z.literal('retry') }),
  z.strictObject({ type: z.literal('open-options') }),
]);
export type SidebarIntent = z.infer<typeof SidebarIntent>;

const WithLeads = { leads: z.array(PageLead), selected: z.number().int() };

/** background → sidebar: the whole state to render; the sidebar keeps none of its own. */
export const SidebarState = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('not_connected') }),
  z.strictObject({ status: z.literal('no_lead') }),
  z.strictObject({ status: z.literal('loading'), ...WithLeads }),
  z.strictObject({ status: z.literal('not_found'), ...WithLeads }),
  z.strictObject({ status: z.literal('error'), ...WithLeads, message: z.string() }),
  z.strictObject({ status: z.literal('ready'), ...WithLeads, context: LeadContext, fetchedAt: z.number() }),
]);
export type SidebarState = z.infer<typeof SidebarState>;

export const ConnectionStatus = z.discriminatedUnion('connected', [
  z.strictObject({ connected: z.literal(false), endpoint: z.string().optional() }),
  z.strictObject({ connected: z.literal(true), endpoint: z.string(), me: Me }),
]);
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

/** options page → background (runtime.sendMessage). */
export const OptionsRequest = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('connect'), endpoint: z.string().max(2048), token: z.string().max(512) }),
  z.strictObject({ type: z.literal('connection') }),
  z.strictObject({ type: z.literal('disconnect') }),
]);
export type OptionsRequest = z.infer<typeof OptionsRequest>;

export const OptionsResponse = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), connection: ConnectionStatus }),
  z.strictObject({ ok: z.literal(false), message: z.string() }),
]);
export type OptionsResponse = z.infer<typeof OptionsResponse>;
