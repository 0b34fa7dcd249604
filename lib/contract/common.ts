import { z } from 'zod';

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

export const Segments = z.strictObject({
  industry: z.string().trim().min(1).max(80).optional(),
  persona: z.string().trim().min(1).max(80).optional(),
  region: z.string().trim().min(1).max(80).optional(),
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
