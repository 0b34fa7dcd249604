export type EndpointCheck = { ok: true; endpoint: string } | { ok: false; message: string };

const MAX_ENDPOINT_LENGTH = 2048;

/** Checks the endpoint address a rep typed before it is sent anywhere. */
export function checkEndpoint(input: string): EndpointCheck {
  const typed = input.trim();
  const example = 'like http://127.0.0.1:8787 or https://coalface.example.com';
  if (typed === '') return { ok: false, message: `Enter the endpoint's address, ${example}.` };
  if (typed.length > MAX_ENDPOINT_LENGTH)
    return { ok: false, message: 'That address is too long to be an endpoint URL.' };
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return { ok: false, message: `"${typed}" is not a URL. Enter the full address, ${example}.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: `The endpoint URL must start with http:// or https://, ${example}.` };
  }
  // Kept as typed (less a trailing slash) so the status line shows the address the rep recognises.
  return { ok: true, endpoint: typed.replace(/\/+$/, '') };
}
