import type { SourceSettings } from '../../lib/contract/index.ts';
import { resolveMapping } from './default-mapping.ts';
import { isRecord } from './items.ts';
import { at, content, defined, instant, lifecycleStage, type Outcome, text } from './outcome.ts';

/** Segment's (and RudderStack's) address for a call: `context.traits.email`, `traits.email` or `properties.email`. */
const emailOf = (call: Record<string, unknown>) =>
  text(at(call, 'context', 'traits', 'email'), at(call, 'traits', 'email'), at(call, 'properties', 'email'));

const whenOf = (call: Record<string, unknown>) =>
  instant(call.timestamp, call.originalTimestamp, call.receivedAt, call.sentAt);

function identify(call: Record<string, unknown>): Outcome {
  const traits = isRecord(call.traits) ? call.traits : {};
  const email = text(traits.email, at(call, 'context', 'traits', 'email'));
  if (!email) return { kind: 'skipped', reason: 'identify without traits.email' };
  const first = text(traits.firstName, traits.first_name, traits.firstname);
  const last = text(traits.lastName, traits.last_name, traits.lastname);
  const occurredAt = whenOf(call);
  const stage = lifecycleStage(traits.lifecycleStage ?? traits.lifecycle_stage ?? traits.lifecyclestage);
  return {
    kind: 'lead',
    occurredAt,
    lead: defined({
      email,
      name: text(traits.name, [first, last].filter(Boolean).join(' ')),
      title: text(traits.title, traits.jobTitle, traits.job_title),
      company: text(traits.company, at(traits, 'company', 'name')),
      lifecycleStage: stage,
      lifecycleStageChangedAt: stage ? occurredAt : undefined,
    }),
  };
}

/** What a track or page call shows in the timeline, from the Email spec's and the usual properties. */
function contentOf(call: Record<string, unknown>, name: string) {
  const p = isRecord(call.properties) ? call.properties : {};
  const url = p.url ?? p.link_url;
  const id = text(
    p.content_id,
    p.asset_id,
    p.email_id,
    p.webinar_id,
    p.form_id,
    p.path,
    typeof url === 'string' ? url : undefined,
    call.name,
  );
  const title =
    text(
      p.content_title,
      p.title,
      p.email_subject,
      p.webinar_name,
      p.webinar_title,
      p.form_name,
      p.name,
      call.name,
      call.type === 'page' ? p.path : undefined,
    ) ?? (call.type === 'track' ? name : undefined);
  return content(id, title, url, text(p.topic, p.category));
}

/** One Segment call: identify upserts the lead; track and page become engagement through the mapping. */
export function mapSegmentCall(name: string, payload: unknown, settings: SourceSettings): Outcome {
  if (!isRecord(payload)) return { kind: 'skipped', reason: 'not a Segment call (an object with a type)' };
  if (payload.type === 'identify') return identify(payload);
  const target = resolveMapping(name, settings.mapping);
  if (target === undefined) return { kind: 'unmapped' };
  if (target === 'ignore') return { kind: 'skipped', reason: `${name} is ignored by the mapping` };
  const email = emailOf(payload);
  if (!email)
    return {
      kind: 'skipped',
      reason: `${name} without an address (context.traits.email, traits.email or properties.email)`,
    };
  const item = contentOf(payload, name);
  return { kind: 'event', event: defined({ email, type: target, occurredAt: whenOf(payload), content: item }) };
}
