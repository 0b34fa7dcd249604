import { z } from 'zod';
import { cleanDisplayText, type TextLines } from './display-text.ts';

/** Lower-cased and trimmed: the one form a lead's address is stored, hashed and compared in. */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'must be an email address like dana@acme.com' }));

/** sha-256 of the normalised address, as 64 lower-case hex characters. */
export const EmailHash = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lower-case hex characters (sha-256 of the normalised address)' });

export const Timestamp = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time like 2026-11-02T09:30:00Z',
});

/** Before this an instant is a typo or a default (year 0, 1900, the Unix epoch), never marketing data. */
const EARLIEST = Date.UTC(2000, 0, 1);
/** A plan reaching past 2100 is a typo or "forever" written as 9999. */
const LATEST_PLAN = Date.UTC(2101, 0, 1);
/** The sources' clocks drift and their time zones get mislabelled; a day covers both. */
const AHEAD_SLACK_MS = 86_400_000;

/** Milliseconds since the epoch; a malformed value passes here, as the format check already reports it. */
const within = (value: string, from: number, to: number) => {
  const time = Date.parse(value);
  return Number.isNaN(time) || (time >= from && time <= to);
};

/**
 * When something happened (a verdict, an event, a stage change): not before 2000, and not more than a
 * day ahead of the clock of whoever checks it. A date in 9999 would sort first for ever.
 */
export const PastInstant = Timestamp.refine((v) => within(v, EARLIEST, Number.POSITIVE_INFINITY), {
  error: 'must not be before 2000-01-01',
}).refine((v) => within(v, Number.NEGATIVE_INFINITY, Date.now() + AHEAD_SLACK_MS), {
  error: 'must not be more than a day in the future: it records something that has happened',
});

/** An instant in a plan (a campaign's or a talking point's window): may be ahead, but within 2000–2100. */
export const PlannedInstant = Timestamp.refine((v) => within(v, EARLIEST, LATEST_PLAN - 1), {
  error: 'must be in the years 2000 to 2100',
});

/**
 * Text that people read (names, titles, segment values, messages, notes): trimmed, with invisible and
 * control characters stripped (see display-text.ts for which, and why stripped rather than refused);
 * `many` keeps line breaks and tabs, `one` turns them into spaces.
 */
export function displayText(max: number, { lines = 'one', min = 1 }: { lines?: TextLines; min?: number } = {}) {
  return z
    .string()
    .overwrite((text) => cleanDisplayText(text, lines))
    .trim()
    .min(min)
    .max(max);
}

/** Short machine keys: campaign keys, content ids, topics. */
export const Key = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, { error: 'may hold letters, digits, and . _ : - only' });

export const HttpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048);

export const LifecycleStage = z.enum(['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer']);
export type LifecycleStage = z.infer<typeof LifecycleStage>;

export const CrmSystem = z.enum(['salesforce', 'hubspot']);
export const CrmRef = z.strictObject({
  system: CrmSystem,
  objectType: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/),
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});
export type CrmRef = z.infer<typeof CrmRef>;

/** A segment value (industry, persona, region) as leads carry it and talking points target it. */
export const SegmentValue = displayText(80);

export const Segments = z.strictObject({
  industry: SegmentValue.optional(),
  persona: SegmentValue.optional(),
  region: SegmentValue.optional(),
});
export type Segments = z.infer<typeof Segments>;

/** `manager`: a sales manager, a rep's abilities plus the team's feedback and signing the funnel for sales. */
export const Role = z.enum(['rep', 'manager', 'marketer', 'admin']);
export type Role = z.infer<typeof Role>;

/** RFC 9457 problem details, as every error of the endpoint is sent. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;
