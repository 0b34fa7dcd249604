import { createHash } from 'node:crypto';
import type { SourceKind } from '../../lib/contract/index.ts';

/** One thing a tool pushed (an event, an identify call), before mapping. */
export interface InboxItem {
  /** Idempotency key within the source. */
  key: string;
  /** The event name as the tool sent it: `identify`, `Email Opened`, `mautic.form_on_submit`. */
  name: string;
  payload: unknown;
}

export interface SplitBody {
  items: InboxItem[];
  /** When the sender says it sent the request (Mautic's "send test payload" does); absent otherwise. */
  sentAt?: string;
}

const MAX_KEY = 190;
const MAX_NAME = 200;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

function keyOf(parts: (string | number)[]): string {
  const key = parts.join(':');
  return key.length <= MAX_KEY ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

const idText = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;

/** Segment's spec: one call, or `{"batch": [...]}` as its HTTP API's batch takes. Keyed by `messageId`. */
function splitSegment(body: unknown): SplitBody {
  const batched = isRecord(body) && Array.isArray(body.batch);
  const shared = batched && isRecord(body.context) ? body.context : null;
  const calls = batched ? (body.batch as unknown[]) : [body];
  return {
    items: calls.map((one) => {
      // As Segment's batch API does: the batch's context applies to each call, which may add to it.
      const call =
        shared && isRecord(one)
          ? { ...one, context: { ...shared, ...(isRecord(one.context) ? one.context : {}) } }
          : one;
      const type = isRecord(call) && typeof call.type === 'string' ? call.type : 'unknown';
      const name = type === 'track' && isRecord(call) && typeof call.event === 'string' ? call.event : type;
      const messageId = isRecord(call) ? idText(call.messageId) : null;
      return {
        key: keyOf(messageId ? ['msg', messageId] : ['body', digest(call)]),
        name: name.slice(0, MAX_NAME),
        payload: call,
      };
    }),
  };
}

/** Where each Mautic event type keeps the id of what happened. */
const MAUTIC_IDS: Readonly<Record<string, (item: Record<string, unknown>) => unknown>> = {
  'mautic.email_on_open': (item) => (isRecord(item.stat) ? item.stat.id : null),
  'mautic.email_on_send': (item) => item.idHash,
  'mautic.page_on_hit': (item) => (isRecord(item.hit) ? item.hit.id : null),
  'mautic.form_on_submit': (item) => (isRecord(item.submission) ? item.submission.id : null),
};

/** A contact save has no id of its own: the contact and when it was saved. */
function contactSaveId(item: Record<string, unknown>): string | null {
  const contact = isRecord(item.contact) ? item.contact : isRecord(item.lead) ? item.lead : null;
  const id = contact ? idText(contact.id) : null;
  const at = idText(item.timestamp) ?? (contact ? idText(contact.dateModified) : null);
  return id && at ? `${id}@${at}` : null;
}

/**
 * Mautic's webhook body: one key per event type (`mautic.email_on_open`, …), each an array of
 * events, several types in one POST when Mautic queues them. Keyed by type and the stat, hit or
 * submission id; events without one by their content.
 */
function splitMautic(body: unknown): SplitBody {
  if (!isRecord(body)) return { items: [{ key: keyOf(['body', digest(body)]), name: 'unknown', payload: body }] };
  const items: InboxItem[] = [];
  for (const [type, value] of Object.entries(body)) {
    // Mautic's "Send test payload" sends some types' samples as one object rather than an array.
    const events = Array.isArray(value) ? value : isRecord(value) ? [value] : [];
    for (const event of events) {
      const record = isRecord(event) ? event : {};
      const id = type.startsWith('mautic.lead_post_save') ? contactSaveId(record) : idText(MAUTIC_IDS[type]?.(record));
      items.push({
        key: keyOf(id ? [type, id] : [type, 'body', digest(event)]),
        name: type.slice(0, MAX_NAME),
        payload: event,
      });
    }
  }
  const sentAt = typeof body.timestamp === 'string' ? body.timestamp : undefined;
  return { items, ...(sentAt ? { sentAt } : {}) };
}

export function splitBody(kind: SourceKind, body: unknown): SplitBody {
  return kind === 'mautic' ? splitMautic(body) : splitSegment(body);
}
