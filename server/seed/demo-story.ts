import { type DemoStory, Email, LeadInput } from '../../lib/contract/index.ts';
import { hashEmail, normaliseEmail } from '../email.ts';
import { ingestEvents } from '../import/ingest.ts';
import type { Stores } from '../store/index.ts';
import { FIXED_LEADS, fixedEvents } from './demo.ts';
import { demoStagePath } from './demo-funnel.ts';

/** Why a demo story was not given or removed: said as is by the CLI and the route. */
export type StoryRefusal =
  | { kind: 'invalid-address'; detail: string }
  | { kind: 'lead-exists'; detail: string }
  | { kind: 'not-a-demo-story'; detail: string };

export type GiveOutcome = { ok: true; story: DemoStory; created: boolean } | { ok: false; refusal: StoryRefusal };
export type RemoveOutcome = { ok: true; removed: Record<string, number> } | { ok: false; refusal: StoryRefusal };

const story = FIXED_LEADS[0];
if (!story) throw new Error('the demo has no fixed lead to copy');
/** The demo lead whose story a real address gets: Dana Lee, the lead the README's walkthrough uses. */
export const STORY_SOURCE = story;

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const words = (text: string) =>
  text
    .split(/[._\-+\d]+/)
    .filter((w) => /^\p{L}/u.test(w))
    .map(capitalised);

/** "jane.doe@their-company.co.uk" → "Jane Doe" at "Their Company"; a bare "j@x.io" stays readable. */
export function nameFromAddress(email: string): { name: string; company: string } {
  const [local = '', domain = ''] = email.split('@');
  const name = words(local).join(' ') || local;
  const labels = domain.split('.');
  const main = labels.length > 2 && labels.at(-2)?.length === 2 ? labels.at(-3) : labels.at(-2);
  return { name, company: words(main ?? domain).join(' ') || domain };
}

/** The address as stored, or a refusal saying what is wrong with it. */
function addressOf(email: string): { ok: true; email: string } | { ok: false; refusal: StoryRefusal } {
  const parsed = Email.safeParse(email);
  if (parsed.success) return { ok: true, email: parsed.data };
  return {
    ok: false,
    refusal: { kind: 'invalid-address', detail: `"${email}" is not an email address (like someone@their-company.com)` },
  };
}

const toStory = (row: { email: string; name: string | null; demo_of: string | null; created_at: string }) => ({
  email: row.email,
  name: row.name,
  demoOf: row.demo_of ?? '',
  createdAt: row.created_at,
});

/** Every address given a demo story, newest first. */
export async function listDemoStories(store: Stores): Promise<DemoStory[]> {
  const rows = await store.db
    .selectFrom('leads')
    .select(['email', 'name', 'demo_of', 'created_at'])
    .where('demo_of', 'is not', null)
    .orderBy('created_at', 'desc')
    .orderBy('email')
    .execute();
  return rows.map(toStory);
}

/**
 * Gives `email` the demo lead's story: its profile under a name made from the address, its
 * campaigns, its stage history and engagement (dated back from `now`, so recent), marked with
 * `demo_of` so it can be listed and removed. The talking points follow from those, as for any lead.
 * Never touches a lead that exists: real data (or a demo lead) is refused; a story given before is
 * answered as it is.
 */
export async function giveDemoStory(store: Stores, email: string, now = new Date()): Promise<GiveOutcome> {
  const address = addressOf(email);
  if (!address.ok) return address;
  const to = address.email;
  return store.transaction(async (tx) => {
    const existing = await tx.db
      .selectFrom('leads')
      .select(['email', 'name', 'demo_of', 'created_at'])
      .where('email', '=', to)
      .executeTakeFirst();
    if (existing?.demo_of) return { ok: true, story: toStory(existing), created: false };
    if (existing) {
      const detail = FIXED_LEADS.some((f) => f.lead.email === to)
        ? `${to} is one of the demo's own leads already; give the address of someone you really correspond with`
        : `${to} is already a lead (real data), so it was left as it is; pick an address that is not a lead yet`;
      return { ok: false, refusal: { kind: 'lead-exists', detail } };
    }
    const t = now.getTime();
    const source = STORY_SOURCE.lead;
    const { name, company } = nameFromAddress(to);
    const lead = LeadInput.parse({ ...source, email: to, name, company, crmRefs: [] });
    const path = demoStagePath(source, t);
    for (const step of path) {
      const at = new Date(step.at).toISOString();
      await tx.leads.upsert({ email: to, lifecycleStage: step.stage, lifecycleStageChangedAt: at }, at);
    }
    const stamp = now.toISOString();
    const written = await tx.leads.upsert(lead, stamp);
    if (!written.ok) throw new Error(`demo story for ${to}: ${written.detail}`);
    await tx.db.updateTable('leads').set({ demo_of: source.email }).where('id', '=', written.id).execute();
    const events = fixedEvents(lead, STORY_SOURCE.events, t, `demo-story-${hashEmail(to).slice(0, 16)}`);
    const result = await ingestEvents(tx, events, stamp);
    if (result.rejected[0])
      throw new Error(`demo story event ${result.rejected[0].index}: ${result.rejected[0].detail}`);
    const row = await tx.db
      .selectFrom('leads')
      .select(['email', 'name', 'demo_of', 'created_at'])
      .where('id', '=', written.id)
      .executeTakeFirstOrThrow();
    return { ok: true, story: toStory(row), created: true };
  });
}

/**
 * Removes a demo story in one transaction: verdicts on it withdrawn first (so the tallies drop as
 * for a rep's undo) then deleted, its uses and activity rows, and the lead, whose events, totals,
 * campaigns and stage history go with it (their foreign keys cascade). Anything but a demo story is
 * refused and left alone. Answers how many rows went, per table.
 */
export async function removeDemoStory(store: Stores, email: string, now = new Date()): Promise<RemoveOutcome> {
  const address = addressOf(email);
  if (!address.ok) return address;
  const to = normaliseEmail(address.email);
  return store.transaction(async (tx) => {
    const lead = await tx.db
      .selectFrom('leads')
      .select(['id', 'email_hash', 'demo_of'])
      .where('email', '=', to)
      .executeTakeFirst();
    if (!lead?.demo_of) {
      const detail = lead
        ? `${to} is not demo data (it was not given a demo story), so nothing was removed`
        : `${to} has no demo story (no lead has that address), so nothing was removed`;
      return { ok: false, refusal: { kind: 'not-a-demo-story', detail } };
    }
    const count = async (table: 'events' | 'stage_changes' | 'lead_campaigns') =>
      Number(
        (
          await tx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('lead_id', '=', lead.id)
            .executeTakeFirst()
        )?.n ?? 0,
      );
    const removed: Record<string, number> = {
      events: await count('events'),
      stage_changes: await count('stage_changes'),
      lead_campaigns: await count('lead_campaigns'),
    };
    await tx.feedback.lockForWrites();
    const judged = await tx.db
      .selectFrom('feedback')
      .select(['target_kind', 'target_id'])
      .distinct()
      .where('email_hash', '=', lead.email_hash)
      .execute();
    await tx.db
      .updateTable('feedback')
      .set({ withdrawn_at: now.toISOString() })
      .where('email_hash', '=', lead.email_hash)
      .where('withdrawn_at', 'is', null)
      .execute();
    const deleted = async (table: 'feedback' | 'usage' | 'lead_activity') =>
      Number(
        (await tx.db.deleteFrom(table).where('email_hash', '=', lead.email_hash).executeTakeFirst()).numDeletedRows,
      );
    removed.feedback = await deleted('feedback');
    // Tallies only its verdicts had made are empty now: gone, as if never made.
    for (const t of judged) {
      await tx.db
        .deleteFrom('feedback_tallies')
        .where('target_kind', '=', t.target_kind)
        .where('target_id', '=', t.target_id)
        .where('landed', '=', 0)
        .where('didnt_land', '=', 0)
        .execute();
    }
    removed.usage = await deleted('usage');
    removed.lead_activity = await deleted('lead_activity');
    await tx.db.deleteFrom('leads').where('id', '=', lead.id).execute();
    removed.leads = 1;
    return { ok: true, removed };
  });
}
