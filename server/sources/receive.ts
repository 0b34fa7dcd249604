import type { SourceReceipt } from '../../lib/contract/index.ts';
import type { Logger } from '../log.ts';
import type { Stores } from '../store/index.ts';
import type { StoredSource } from '../store/sources.ts';
import { splitBody } from './items.ts';
import { openSecret } from './secret-box.ts';
import { type SignedRequest, verifySignature } from './signature.ts';
import type { SourceKey } from './source-key.ts';

/** A request whose own send time is further than this from now is refused (a replay, or a wrong clock). */
export const REQUEST_WINDOW_MS = 5 * 60_000;

/** How a push ended: the receipt, or a refusal the route turns into a problem. */
export type Received =
  | { ok: true; receipt: SourceReceipt }
  | { ok: false; status: 400 | 401 | 503; slug: string; detail: string };

const refuse = (status: 400 | 401 | 503, slug: string, detail: string): Received => ({
  ok: false,
  status,
  slug,
  detail,
});

/**
 * One push from a tool: the signature over the raw bytes first (nothing is parsed or stored for a
 * bad one), then the body split into items written to the inbox in one transaction: the durable
 * receipt, answered at once. The inbox mapper (`inbox-mapper.ts`) maps the items behind the answer,
 * so a crash after the inbox commit loses nothing.
 */
export async function receive(
  store: Stores,
  source: StoredSource,
  request: SignedRequest,
  deps: { key: SourceKey; clock: () => Date; logger: Logger },
): Promise<Received> {
  const now = deps.clock().toISOString();
  if (!deps.key.ok) {
    deps.logger.error(`error sources: ${deps.key.problem}`);
    return refuse(
      503,
      'source-key-missing',
      'This endpoint cannot check source signatures yet: its operator has not configured the source key. Nothing was stored; send again later.',
    );
  }
  const secret = source.secretEnc ? openSecret(source.secretEnc, deps.key.key, source.id) : null;
  if (secret === null) {
    deps.logger.error(`error sources: the secret of ${source.id} does not open with the configured source key`);
    return refuse(
      503,
      'source-key-mismatch',
      "This endpoint's source key does not match the one this source was created with. Nothing was stored; send again later.",
    );
  }
  if (!verifySignature(source.kind, secret, request)) {
    await store.sources.count(source.id, { rejected_signature: 1 }, undefined, now);
    const header = source.kind === 'segment' ? 'X-Signature' : 'Webhook-Signature';
    await store.sources.recordError(source.id, now, `refused a request: missing or wrong ${header} (or secret)`);
    return refuse(
      401,
      'bad-signature',
      `The request is not signed with this source's secret: send ${header} (HMAC of the raw body) or the secret as a Bearer token. Nothing was stored.`,
    );
  }
  const text = Buffer.from(request.raw).toString('utf8');
  // An empty signed body holds nothing: a way to check the URL and the secret without sending data.
  if (text.trim() === '') return { ok: true, receipt: { received: 0, duplicates: 0, queued: 0 } };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    await store.sources.recordError(source.id, now, 'a signed request whose body is not JSON');
    return refuse(400, 'malformed-json', 'The body is not valid JSON; nothing was stored.');
  }
  const { items, sentAt } = splitBody(source.kind, body);
  if (sentAt !== undefined) {
    const skew = deps.clock().getTime() - Date.parse(sentAt);
    if (Number.isNaN(skew) || Math.abs(skew) > REQUEST_WINDOW_MS) {
      await store.sources.recordError(
        source.id,
        now,
        `refused a request sent at ${sentAt.slice(0, 40)}: more than 5 minutes from now`,
      );
      return refuse(
        401,
        'stale-request',
        'The request says it was sent more than 5 minutes from now (a replay, or a clock that is off). Nothing was stored.',
      );
    }
  }
  const { ids, duplicates } = await store.sources.accept(source.id, items, now);
  return { ok: true, receipt: { received: items.length, duplicates, queued: ids.length } };
}
