import { z } from 'zod';
import { EventType } from './events.ts';

/**
 * A source is one connected marketing tool. Segment (and RudderStack, which speaks the same spec)
 * and Mautic push to `/v1/sources/{id}/{kind}`; `hubspot` is reserved for the pulled sync to come.
 */
export const SourceKind = z.enum(['segment', 'mautic', 'hubspot']);
export type SourceKind = z.infer<typeof SourceKind>;

/** What a source event name maps to: an engagement event type, or `ignore` (known, deliberately not stored). */
export const MappingTarget = z.union([EventType, z.literal('ignore')]);
export type MappingTarget = z.infer<typeof MappingTarget>;

/** Per-source settings, stored with the source. */
export const SourceSettings = z.strictObject({
  /** Event name (as the tool sends it) → target; overrides the defaults for that name. */
  mapping: z.record(z.string().min(1).max(200), MappingTarget).default({}),
  /** Events that happened longer ago than this when received are refused (replays of old traffic). */
  maxEventAgeHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(72),
});
export type SourceSettings = z.infer<typeof SourceSettings>;

export const SourceCounters = z.object({
  /** Items (events, identify calls) in requests whose signature held. */
  received: z.number().int(),
  /** Items written: a lead upserted or an engagement event added. */
  stored: z.number().int(),
  /** Items already received (same message id, or same Mautic event and stat, hit or submission). */
  duplicates: z.number().int(),
  /** Requests refused for a missing or wrong signature. */
  rejectedSignature: z.number().int(),
  /** Items whose event name the mapping does not know; kept in the inbox. */
  unmapped: z.number().int(),
  /** Items known but not stored: ignored by the mapping, no address, too old, or not valid. */
  skipped: z.number().int(),
});
export type SourceCounters = z.infer<typeof SourceCounters>;

export const SourceSummary = z.object({
  id: z.string(),
  kind: SourceKind,
  name: z.string(),
  /** Where the tool posts, relative to the endpoint's address. */
  path: z.string(),
  createdAt: z.string(),
  lastReceivedAt: z.string().nullable(),
  counters: SourceCounters,
  /** Event names kept as unmapped, most frequent first. */
  unmappedNames: z.array(z.object({ name: z.string(), count: z.number().int() })),
  /** Newest first, at most 10. */
  lastErrors: z.array(z.object({ at: z.string(), message: z.string() })),
  settings: z.object({ mapping: z.record(z.string(), MappingTarget), maxEventAgeHours: z.number().int() }),
  /** The same counters for the current UTC day only (`day`: YYYY-MM-DD). */
  today: SourceCounters.extend({ day: z.string() }),
});
export type SourceSummary = z.infer<typeof SourceSummary>;

export const SourceList = z.object({ sources: z.array(SourceSummary) });
export type SourceList = z.infer<typeof SourceList>;

/**
 * The answer to a tool's push, given once its items are written to the inbox (durable) and before
 * they are mapped: what mapping made of them is on the source's counters (`GET /v1/sources`).
 */
export const SourceReceipt = z.object({
  /** Items in the request. */
  received: z.number().int(),
  /** Items the inbox already held (the same id received before): not queued again. */
  duplicates: z.number().int(),
  /** Items written to the inbox, to be mapped by the server shortly. */
  queued: z.number().int(),
});
export type SourceReceipt = z.infer<typeof SourceReceipt>;

/** An event name as a tool sends it, as a source's mapping keys it. */
export const SourceEventName = z.string().min(1).max(200);

const TARGETS = [...EventType.options, 'ignore'] as const;

/**
 * `PUT /v1/sources/{id}/mapping/{eventName}`: what the name becomes from now on (an event type, or
 * `ignore`), or `null` to take the source's own entry away (the defaults apply again).
 */
export const SourceMappingInput = z.strictObject({
  type: z.enum(TARGETS, { error: `must be one of ${TARGETS.map((t) => `"${t}"`).join(', ')}, or null` }).nullable(),
});
export type SourceMappingInput = z.infer<typeof SourceMappingInput>;

/** The source after the change, and what became of the inbox items kept as unmapped under that name. */
export const SourceMappingResult = z.object({
  source: SourceSummary,
  remapped: z.object({
    stored: z.number().int(),
    duplicates: z.number().int(),
    skipped: z.number().int(),
    unmapped: z.number().int(),
    /** Reopened but not mapped (a database error): left in the inbox, where the server's mapper retries them. */
    pending: z.number().int(),
  }),
});
export type SourceMappingResult = z.infer<typeof SourceMappingResult>;
