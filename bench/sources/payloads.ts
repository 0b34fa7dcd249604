import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/server-process.ts';

export type PushKind = 'segment' | 'mautic';

const FIXTURES = join(ROOT, 'test/fixtures/sources');

/** A fixture's `{{NOW-<minutes>}}` times filled in from `now`, so the events are recent. */
function withTimes(text: string, now: number): string {
  return text.replace(/\{\{NOW(?:-(\d+))?\}\}/g, (_, minutes: string | undefined) =>
    new Date(now - Number(minutes ?? 0) * 60_000).toISOString(),
  );
}

/**
 * One event of each shape the tests' fixtures hold, as JSON text with `{{ID}}` where the item's
 * idempotency id goes and `{{EMAIL}}` where the lead's address goes. Segment: track calls (opened,
 * clicked, form submitted). Mautic: the open, the click, the page hit and the form submission of
 * its queued batch, each with the contact Mautic serialises into it (a few KB per item, as Mautic sends).
 */
function templates(kind: PushKind, now: number): string[] {
  if (kind === 'segment') {
    return ['email-opened.json', 'email-link-clicked.json', 'track-form-submitted.json'].map((name) =>
      JSON.stringify(JSON.parse(withTimes(readFileSync(join(FIXTURES, 'segment', name), 'utf8'), now)))
        .replaceAll(/dana\.lee\+\{\{RUN\}\}@acme-robotics\.com/g, '{{EMAIL}}')
        .replaceAll('{{RUN}}', '{{ID}}'),
    );
  }
  const batch = JSON.parse(withTimes(readFileSync(join(FIXTURES, 'mautic', 'batch.json'), 'utf8'), now)) as Record<
    string,
    unknown[]
  >;
  const out: string[] = [];
  for (const type of ['mautic.email_on_open', 'mautic.page_on_hit', 'mautic.form_on_submit']) {
    for (const item of batch[type] ?? [])
      out.push(
        `${JSON.stringify(type)}:${JSON.stringify(item)
          .replaceAll(/rita\.mendes\+\{\{RUN\}\}@contoso\.example/g, '{{EMAIL}}')
          .replaceAll('{{RUN}}', '{{ID}}')}`,
      );
  }
  return out;
}

/**
 * Makes `size`-event bodies for one source, every item with an id never used before in this run
 * (`tag` keeps runs and phases apart), spread over `leads` lead addresses.
 */
export function batchMaker(kind: PushKind, tag: string, leads: number, size = 100): () => string {
  const shapes = templates(kind, Date.now());
  if (shapes.length === 0) throw new Error(`no ${kind} fixtures to build batches from`);
  let n = 0;
  const item = () => {
    const i = n++;
    const shape = shapes[i % shapes.length] ?? '';
    return shape.replaceAll('{{ID}}', `${tag}${i}x`).replaceAll('{{EMAIL}}', `bench-lead-${i % leads}@example.com`);
  };
  if (kind === 'segment') return () => `{"batch":[${Array.from({ length: size }, item).join(',')}]}`;
  // Mautic's queued shape: one key per event type, each an array; the same type's items together.
  return () => {
    const byType = new Map<string, string[]>();
    for (let k = 0; k < size; k++) {
      const text = item();
      const colon = text.indexOf(':');
      const type = text.slice(0, colon);
      const items = byType.get(type) ?? [];
      items.push(text.slice(colon + 1));
      byType.set(type, items);
    }
    return `{${[...byType].map(([type, items]) => `${type}:[${items.join(',')}]`).join(',')}}`;
  };
}
