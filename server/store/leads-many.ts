import type { CrmRef, LeadInput } from '../../lib/contract/index.ts';
import { crmMatchId, crmObjectType } from '../domain/crm.ts';
import { hashEmail, normaliseEmail } from '../email.ts';
import type { StoreContext } from './context.ts';
import { crmRefLabel, type LeadRow, profileUpdate, type SourceRef, type UpsertLeadResult } from './leads.ts';

/** Addresses or ids per `in (…)` list and rows per multi-row insert. */
const CHUNK = 500;

type AnyRef = CrmRef | SourceRef;

interface Item {
  input: LeadInput;
  email: string;
  refs: AnyRef[];
  existing: LeadRow | undefined;
}

const refKey = (ref: AnyRef) => `${ref.system}\u0000${crmObjectType(ref)}\u0000${crmMatchId(ref)}`;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

async function readLeads(ctx: StoreContext, emails: readonly string[]): Promise<Map<string, LeadRow>> {
  const found = new Map<string, LeadRow>();
  for (const chunk of chunks(emails)) {
    for (const row of await ctx.db.selectFrom('leads').selectAll().where('email', 'in', chunk).execute())
      found.set(row.email, row);
  }
  return found;
}

/** Which lead holds each of `refs` (by `refKey`), one read per system and object type per chunk. */
async function readHolders(ctx: StoreContext, refs: readonly AnyRef[]): Promise<Map<string, number>> {
  const groups = new Map<string, { system: string; type: string; matches: string[] }>();
  for (const ref of refs) {
    const type = crmObjectType(ref);
    const group = groups.get(`${ref.system}\u0000${type}`) ?? { system: ref.system, type, matches: [] };
    group.matches.push(crmMatchId(ref));
    groups.set(`${ref.system}\u0000${type}`, group);
  }
  const holders = new Map<string, number>();
  for (const { system, type, matches } of groups.values()) {
    for (const chunk of chunks([...new Set(matches)])) {
      const rows = await ctx.db
        .selectFrom('lead_crm_refs')
        .select(['lead_id', 'match_id'])
        .where('system', '=', system)
        .where('object_type', '=', type)
        .where('match_id', 'in', chunk)
        .execute();
      for (const row of rows) holders.set(`${system}\u0000${type}\u0000${row.match_id}`, row.lead_id);
    }
  }
  return holders;
}

/**
 * `upsert` for a whole batch in a few statements per chunk instead of about seven per lead: what a
 * backfill of a million leads with CRM ids needs. The outcome is the one upserting the items one by
 * one in order gives; where items of the batch depend on each other (one address twice, one CRM id
 * claimed by two items, or held by another lead of the batch) it returns null and the caller upserts
 * them one by one.
 */
export async function upsertMany(
  ctx: StoreContext,
  inputs: readonly LeadInput[],
  now: string,
  sourceRefs: readonly (readonly SourceRef[] | undefined)[] = [],
): Promise<UpsertLeadResult[] | null> {
  const emails = inputs.map((input) => normaliseEmail(input.email));
  if (new Set(emails).size !== emails.length) return null;
  const allRefs = inputs.flatMap((input, i) => [...(input.crmRefs ?? []), ...(sourceRefs[i] ?? [])]);
  const wanted = new Map<string, number>();
  for (const [i, input] of inputs.entries()) {
    for (const ref of new Set([...(input.crmRefs ?? []), ...(sourceRefs[i] ?? [])].map(refKey))) {
      if (wanted.has(ref)) return null;
      wanted.set(ref, i);
    }
  }
  const existing = await readLeads(ctx, emails);
  const holders = await readHolders(ctx, allRefs);
  const idsInBatch = new Set([...existing.values()].map((row) => row.id));

  const items: Item[] = inputs.map((input, i) => ({
    input,
    email: emails[i] as string,
    refs: [...(input.crmRefs ?? []), ...(sourceRefs[i] ?? [])],
    existing: existing.get(emails[i] as string),
  }));
  const results: (UpsertLeadResult | undefined)[] = new Array(items.length);
  for (const [i, item] of items.entries()) {
    for (const ref of item.refs) {
      const holder = holders.get(refKey(ref));
      if (holder === undefined || holder === item.existing?.id) continue;
      // Held by a lead this batch also writes: its own items may free the id first.
      if (idsInBatch.has(holder)) return null;
      results[i] = { ok: false, detail: `crmRefs: ${crmRefLabel(ref)} already belongs to another lead` };
      break;
    }
  }

  const accepted = items.flatMap((item, i) => (results[i] ? [] : [{ item, i }]));
  const ids = new Map<string, number>();
  for (const { item } of accepted) if (item.existing) ids.set(item.email, item.existing.id);
  const fresh = accepted.filter(({ item }) => !item.existing);
  for (const chunk of chunks(fresh)) {
    const rows = await ctx.db
      .insertInto('leads')
      .values(
        chunk.map(({ item: { input, email } }) => ({
          email,
          email_hash: hashEmail(email),
          name: input.name ?? null,
          company: input.company ?? null,
          title: input.title ?? null,
          lifecycle_stage: input.lifecycleStage ?? null,
          industry: input.segments?.industry ?? null,
          persona: input.segments?.persona ?? null,
          region: input.segments?.region ?? null,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.column('email').doNothing())
      .returning(['id', 'email'])
      .execute();
    for (const row of rows) ids.set(row.email, row.id);
  }
  // On PostgreSQL another transaction may have created one of them meanwhile: start over one by one.
  if (fresh.some(({ item }) => !ids.has(item.email))) throw new RacedBatch();

  const stageRows = accepted.flatMap(({ item: { input, existing, email } }) => {
    const stored = existing?.lifecycle_stage ?? null;
    if (!input.lifecycleStage || input.lifecycleStage === stored) return [];
    const at = input.lifecycleStageChangedAt ?? now;
    return [
      {
        lead_id: ids.get(email) as number,
        from_stage: stored,
        to_stage: input.lifecycleStage,
        changed_at: new Date(at).toISOString(),
        changed_ms: Date.parse(at),
        received_at: now,
      },
    ];
  });
  for (const chunk of chunks(stageRows)) await ctx.db.insertInto('stage_changes').values(chunk).execute();

  for (const { item } of accepted) {
    const { input, existing, refs } = item;
    if (!existing) continue;
    await ctx.db.updateTable('leads').set(profileUpdate(input, now)).where('id', '=', existing.id).execute();
    if (input.crmRefs?.length === 0)
      await ctx.db.deleteFrom('lead_crm_refs').where('lead_id', '=', existing.id).execute();
    const systems = [...new Set(refs.map((r) => r.system))];
    if (systems.length > 0)
      await ctx.db
        .deleteFrom('lead_crm_refs')
        .where('lead_id', '=', existing.id)
        .where('system', 'in', systems)
        .execute();
    if (input.campaigns)
      await ctx.db
        .deleteFrom('lead_campaigns')
        .where('lead_id', '=', existing.id)
        .where('source', '=', 'lead')
        .execute();
  }

  const refRows = accepted.flatMap(({ item: { refs, email } }) => {
    const leadId = ids.get(email) as number;
    const unique = new Map(refs.map((ref) => [refKey(ref), ref]));
    return [...unique.values()].map((ref) => ({
      lead_id: leadId,
      system: ref.system,
      object_type: crmObjectType(ref),
      crm_id: ref.id,
      match_id: crmMatchId(ref),
    }));
  });
  for (const chunk of chunks(refRows)) await ctx.db.insertInto('lead_crm_refs').values(chunk).execute();

  const campaignRows = accepted.flatMap(({ item: { input, email } }) =>
    [...new Set(input.campaigns ?? [])].map((key) => ({
      lead_id: ids.get(email) as number,
      campaign_key: key,
      source: 'lead' as const,
    })),
  );
  for (const chunk of chunks(campaignRows))
    await ctx.db
      .insertInto('lead_campaigns')
      .values(chunk)
      .onConflict((oc) => oc.columns(['lead_id', 'campaign_key', 'source']).doNothing())
      .execute();

  for (const { item, i } of accepted)
    results[i] = { ok: true, id: ids.get(item.email) as number, created: !item.existing };
  return results as UpsertLeadResult[];
}

/** Another transaction created a lead of the batch between its read and its insert (PostgreSQL). */
export class RacedBatch extends Error {
  constructor() {
    super('a lead of the batch was created by another transaction meanwhile');
  }
}
