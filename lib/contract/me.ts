import { z } from 'zod';
import { Role } from './common.ts';

export const Me = z.object({ tokenId: z.string(), name: z.string(), role: Role });
export type Me = z.infer<typeof Me>;

export const Health = z.object({ ok: z.literal(true), version: z.string() });
export type Health = z.infer<typeof Health>;
