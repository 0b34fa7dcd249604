/** Every request to an identity provider gives up after this long. */
export const PROVIDER_TIMEOUT_MS = 5_000;
/** Discovery documents and key sets are a few kilobytes; anything this big is not one. */
const MAX_BYTES = 512 * 1024;

/** A provider's metadata or keys could not be fetched; the message says what and why. */
export class ProviderFetchError extends Error {}

export interface FetchedJson {
  body: unknown;
  headers: Headers;
}

/** Why a request to a provider got no answer, in a few words (a timeout, a network error's code). */
export function reasonOf(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${PROVIDER_TIMEOUT_MS / 1000} s`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** GETs `url` as JSON within the timeout; `what` names it in the error ("the discovery document"). */
export async function fetchJson(url: string, what: string): Promise<FetchedJson> {
  const failed = (why: string) => new ProviderFetchError(`Fetching ${what} at ${url} failed: ${why}`);
  const signal = AbortSignal.timeout(PROVIDER_TIMEOUT_MS);
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' }, signal, redirect: 'error' });
    if (Number(res.headers.get('Content-Length') ?? 0) > MAX_BYTES) {
      await res.body?.cancel();
      throw failed(`it is larger than ${MAX_BYTES / 1024} KiB`);
    }
    text = await res.text();
  } catch (error) {
    if (error instanceof ProviderFetchError) throw error;
    throw failed(reasonOf(error));
  }
  if (!res.ok) throw failed(`HTTP ${res.status}`);
  if (text.length > MAX_BYTES) throw failed(`it is larger than ${MAX_BYTES / 1024} KiB`);
  try {
    return { body: JSON.parse(text), headers: res.headers };
  } catch {
    throw failed('the answer is not JSON');
  }
}
