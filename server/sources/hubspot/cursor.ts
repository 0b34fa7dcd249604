import { z } from 'zod';

/**
 * Where a HubSpot source's sync left off, per kind, stored as JSON in `sources.sync_cursor` and
 * saved after every page. Times are HubSpot's epoch milliseconds.
 *
 * - email: events from `since`; `offset` is HubSpot's page token while a run is part-way, and
 *   `newest` the latest `created` seen in that run (becomes `since` when the run ends).
 * - forms: per form guid, submissions up to `newest` are in; submissions come newest first, so a
 *   part-way run keeps `after` and the run's newest (`pending`) until it reaches `newest`.
 * - contacts: contacts modified from `since`, sorted oldest first, so `since` moves with each page.
 */
const FormCursor = z.object({
  newest: z.number(),
  after: z.string().optional(),
  pending: z.number().optional(),
});

export const HubspotCursor = z.object({
  email: z.object({ since: z.number(), offset: z.string().optional(), newest: z.number().optional() }),
  forms: z.object({ since: z.number(), byForm: z.record(z.string(), FormCursor).default({}) }),
  contacts: z.object({ since: z.number(), after: z.string().optional(), newest: z.number().optional() }),
});
export type HubspotCursor = z.infer<typeof HubspotCursor>;

/** A new source starts `historyDays` back. */
export function initialCursor(now: Date, historyDays: number): HubspotCursor {
  const since = now.getTime() - historyDays * 86_400_000;
  return { email: { since }, forms: { since, byForm: {} }, contacts: { since } };
}

export function parseCursor(json: string | null, fallback: () => HubspotCursor): HubspotCursor {
  if (!json) return fallback();
  try {
    const parsed = HubspotCursor.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : fallback();
  } catch {
    return fallback();
  }
}

/** How far back a new source's first sync reaches, unless `source add --history-days` says. */
export const DEFAULT_HISTORY_DAYS = 30;
