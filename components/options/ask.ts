// One request to the background from the options page, its reply checked against the schema the
// background promises, and every failure turned into a sentence the page can show.
import type { z } from 'zod';
import type { OptionsRequest } from '../../lib/messages.ts';
import { t } from '../../lib/ui/i18n.ts';

/** Delivers a request to the background and resolves with its raw, unchecked reply. */
export type SendOptionsRequest = (request: OptionsRequest) => Promise<unknown>;

export async function askFor<T extends { ok: boolean }>(
  send: SendOptionsRequest,
  request: OptionsRequest,
  schema: z.ZodType<T>,
): Promise<T | { ok: false; message: string }> {
  let reply: unknown;
  try {
    reply = await send(request);
  } catch {
    return { ok: false, message: t('optionsBackgroundUnreachable') };
  }
  const parsed = schema.safeParse(reply);
  return parsed.success ? parsed.data : { ok: false, message: t('optionsBackgroundUnreadable') };
}
