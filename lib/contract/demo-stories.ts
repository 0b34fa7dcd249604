import { z } from 'zod';
import { Email, Timestamp } from './common.ts';

/** `POST /v1/demo-stories`: give this address (someone the marketer or rep really corresponds with) a demo lead's story. */
export const DemoStoryRequest = z.strictObject({ email: Email });
export type DemoStoryRequest = z.infer<typeof DemoStoryRequest>;

/** An address that holds a copy of a demo lead's story: demo data, removable in one step. */
export const DemoStory = z.object({
  email: Email,
  name: z.string().nullable(),
  /** The demo lead whose profile, campaigns and engagement it copies. */
  demoOf: Email,
  createdAt: Timestamp,
});
export type DemoStory = z.infer<typeof DemoStory>;

/** `GET /v1/demo-stories`: every address given a demo story, newest first. */
export const DemoStoryList = z.object({ stories: z.array(DemoStory) });
export type DemoStoryList = z.infer<typeof DemoStoryList>;
