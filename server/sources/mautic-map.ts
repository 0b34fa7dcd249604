import type { SourceSettings } from '../../lib/contract/index.ts';
import { resolveMapping } from './default-mapping.ts';
import { isRecord } from './items.ts';
import { at, content, defined, instant, lifecycleStage, type Outcome, text } from './outcome.ts';

/**
 * A Mautic contact's field values by alias. Mautic serialises them grouped (`fields.core.email.value`)
 * and, with its lead details, also flat in `fields.all`.
 */
function fieldsOf(contact: unknown): Record<string, unknown> {
  const fields = at(contact, 'fields');
  if (!isRecord(fields)) return {};
  if (isRecord(fields.all)) return fields.all;
  const out: Record<string, unknown> = {};
  for (const group of Object.values(fields)) {
    if (!isRecord(group)) continue;
    for (const [alias, field] of Object.entries(group)) if (isRecord(field)) out[alias] = field.value;
  }
  return out;
}

function contactSave(item: Record<string, unknown>): Outcome {
  const contact = item.contact ?? item.lead;
  const f = fieldsOf(contact);
  const email = text(f.email);
  if (!email) return { kind: 'skipped', reason: 'contact without an email address (an anonymous visitor)' };
  const occurredAt = instant(item.timestamp, at(contact, 'dateModified'), at(contact, 'dateAdded'));
  const stage = lifecycleStage(at(contact, 'stage', 'name'));
  return {
    kind: 'lead',
    occurredAt,
    lead: defined({
      email,
      name: text([text(f.firstname), text(f.lastname)].filter(Boolean).join(' ')),
      title: text(f.position),
      company: text(f.company),
      lifecycleStage: stage,
      lifecycleStageChangedAt: stage ? occurredAt : undefined,
    }),
  };
}

const emailContent = (email: unknown, url?: unknown) =>
  content(
    text(at(email, 'id')) && `mautic-email-${text(at(email, 'id'))}`,
    text(at(email, 'subject'), at(email, 'name')),
    url,
  );

/** The event an engagement item is, its address, when, and what it was about. */
function engagement(type: string, item: Record<string, unknown>) {
  if (type === 'mautic.email_on_open') {
    const stat = item.stat;
    return {
      name: type,
      email: text(at(stat, 'emailAddress'), fieldsOf(at(stat, 'lead')).email),
      occurredAt: instant(at(stat, 'lastOpened'), at(stat, 'dateRead'), item.timestamp),
      content: emailContent(at(stat, 'email')),
    };
  }
  if (type === 'mautic.page_on_hit') {
    const hit = item.hit;
    const fromEmail = at(hit, 'source') === 'email' || isRecord(at(hit, 'email'));
    const url = at(hit, 'redirect', 'url') ?? at(hit, 'url');
    const page = at(hit, 'page');
    return {
      name: fromEmail ? `${type}.email` : type,
      email: text(fieldsOf(at(hit, 'lead')).email),
      occurredAt: instant(at(hit, 'dateHit'), item.timestamp),
      content: fromEmail
        ? (emailContent(at(hit, 'email'), url) ?? content(text(url), text(at(hit, 'urlTitle'), url), url))
        : content(
            text(at(page, 'id')) ? `mautic-page-${text(at(page, 'id'))}` : text(url),
            text(at(page, 'title'), at(hit, 'urlTitle'), url),
            url,
          ),
    };
  }
  if (type === 'mautic.form_on_submit') {
    const submission = item.submission;
    const form = at(submission, 'form');
    return {
      name: type,
      email: text(fieldsOf(at(submission, 'lead')).email, at(submission, 'results', 'email')),
      occurredAt: instant(at(submission, 'dateSubmitted'), item.timestamp),
      content: content(
        text(at(form, 'id')) && `mautic-form-${text(at(form, 'id'))}`,
        text(at(form, 'name'), at(form, 'alias')),
      ),
    };
  }
  return { name: type, email: undefined, occurredAt: instant(item.timestamp), content: undefined };
}

/** One Mautic webhook event: contact saves upsert the lead; opens, hits and submissions become engagement. */
export function mapMauticEvent(type: string, payload: unknown, settings: SourceSettings): Outcome {
  if (!isRecord(payload)) return { kind: 'skipped', reason: `${type}: not an object` };
  if (type === 'mautic.lead_post_save_new' || type === 'mautic.lead_post_save_update') return contactSave(payload);
  const found = engagement(type, payload);
  const target = resolveMapping(found.name, settings.mapping);
  if (target === undefined) return { kind: 'unmapped' };
  if (target === 'ignore') return { kind: 'skipped', reason: `${found.name} is ignored by the mapping` };
  if (!found.email) return { kind: 'skipped', reason: `${found.name} for a contact without an email address` };
  return {
    kind: 'event',
    event: defined({ email: found.email, type: target, occurredAt: found.occurredAt, content: found.content }),
  };
}
