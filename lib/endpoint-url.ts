// The one rule for an endpoint address, used by the options form before it sends anything and by the
// background before it stores the address or sends the access token to it.
import { t } from './ui/i18n.ts';

export type EndpointCheck = { ok: true; endpoint: string } | { ok: false; message: string };

const MAX_ENDPOINT_LENGTH = 2048;

/** Hosts that never leave this computer: plain http to them exposes the token to no network. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Checks an endpoint address a rep typed. https:// always; http:// only to this computer, because
 * every request carries the access token and plain http would show it to anyone on the network.
 */
export function checkEndpoint(input: string): EndpointCheck {
  const typed = input.trim();
  if (typed === '') return { ok: false, message: t('endpointEmpty') };
  if (typed.length > MAX_ENDPOINT_LENGTH) return { ok: false, message: t('endpointTooLong') };
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return { ok: false, message: t('endpointNotUrl', typed) };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: t('endpointNotHttp') };
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    return { ok: false, message: t('endpointCleartext', url.hostname) };
  }
  // Kept as typed (less a trailing slash) so the status line shows the address the rep recognises.
  return { ok: true, endpoint: typed.replace(/\/+$/, '') };
}
