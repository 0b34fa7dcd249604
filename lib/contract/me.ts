import { z } from 'zod';
import { Role } from './common.ts';

export const Me = z.object({ tokenId: z.string(), name: z.string(), role: Role });
export type Me = z.infer<typeof Me>;

export const Health = z.object({ ok: z.literal(true), version: z.string() });
export type Health = z.infer<typeof Health>;

/** Ready for traffic: the database answers and holds at least the schema this server needs. */
export const Readiness = z.object({
  ok: z.literal(true),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
  schemaVersion: z.number().int(),
});
export type Readiness = z.infer<typeof Readiness>;
