import type { Kysely, Selectable } from 'kysely';
import type { CrmRef, LeadInput, LeadProfile, LeadRef } from '../../lib/contract/index.ts';
import { CrmSystem, LifecycleStage } from '../../lib/contract/index.ts';
import type { LeadsTable, Tables } from '../db/tables.ts';
import { crmMatchId, crmObjectType } from '../domain/crm.ts';
import { hashEmail, normaliseEmail } from '../email.ts';
import type { StoreContext } from './context.ts';
import { upsertMany } from './leads-many.ts';

export type LeadRow = Selectable<LeadsTable>;

export interface CrmRefRow {
  system: string;
  object_type: string;
  crm_id: string;
}

export interface StoredLead {
  id: number;
  profile: LeadProfile;
}

/**
 * A record id in a system the contract does not name (a Marketo lead id), kept beside the CRM
 * references so activity files that carry only that id find their lead; never shown in a profile.
 */
export interface SourceRef {
  system: 'marketo';
  objectType: string;
  id: string;
}

type AnyRef = CrmRef | SourceRef;

export type UpsertLeadResult = { ok: true; id: number; created: boolean } | { ok: false; detail: string };

export { crmMatchId };

/** One key per stored reference: system, canonical object type and the id as matched. */
export function refKey(ref: AnyRef): string {
  return `${ref.system}|${crmObjectType(ref)}|${crmMatchId(ref)}`;
}

/** The columns an upsert sets: a field left undefined is not set, so it keeps its stored value. */
export function profileUpdate(input: LeadInput, now: string) {
  return {
    name: input.name ?? undefined,
    company: input.company ?? undefined,
    title: input.title ?? undefined,
    lifecycle_stage: input.lifecycleStage ?? undefined,
    industry: input.segments?.industry ?? undefined,
    persona: input.segments?.persona ?? undefined,
    region: input.segments?.region ?? undefined,
    updated_at: now,
  };
}

export function crmRefLabel(ref: AnyRef): string {
  return `${ref.system}:${ref.objectType}:${ref.id}`;
}

/** The lead holding `ref`; the object type is compared in its canonical spelling, so the key is used. */
function byCrm(db: Kysely<Tables>, ref: AnyRef) {
  return db
    .selectFrom('lead_crm_refs as r')
    .innerJoin('leads as l', 'l.id', 'r.lead_id')
    .selectAll('l')
    .where('r.system', '=', ref.system)
    .where('r.object_type', '=', crmObjectType(ref))
    .where('r.match_id', '=', crmMatchId(ref))
    .executeTakeFirst();
}

const isContractSystem = (system: string): system is CrmRef['system'] => CrmSystem.safeParse(system).success;

export function toProfile(row: LeadRow, refs: readonly CrmRefRow[]): LeadProfile {
  const stage = LifecycleStage.safeParse(row.lifecycle_stage);
  return {
    email: row.email,
    emailHash: row.email_hash,
    name: row.name,
    company: row.company,
    title: row.title,
    lifecycleStage: stage.success ? stage.data : null,
    segments: {
      ...(row.industry ? { industry: row.industry } : {}),
      ...(row.persona ? { persona: row.persona } : {}),
      ...(row.region ? { region: row.region } : {}),
    },
    crmRefs: refs.flatMap((r) =>
      isContractSystem(r.system) ? [{ system: r.system, objectType: r.object_type, id: r.crm_id }] : [],
    ),
  };
}

/** Addresses per `in (…)` list and per multi-row insert. */
const LOOKUP_CHUNK = 500;

export function createLeadStore(ctx: StoreContext) {
  const byEmail = (email: string) =>
    ctx.db.selectFrom('leads').selectAll().where('email', '=', email).executeTakeFirst();

  async function stored(row: LeadRow | undefined): Promise<StoredLead | null> {
    if (!row) return null;
    const refs = await ctx.db
      .selectFrom('lead_crm_refs')
      .select(['system', 'object_type', 'crm_id'])
      .where('lead_id', '=', row.id)
      .orderBy('system')
      .orderBy('object_type')
      .orderBy('crm_id')
      .execute();
    return { id: row.id, profile: toProfile(row, refs as CrmRefRow[]) };
  }

  function addCampaigns(leadId: number, keys: readonly string[], source: 'lead' | 'event') {
    if (keys.length === 0) return Promise.resolve();
    return ctx.db
      .insertInto('lead_campaigns')
      .values(keys.map((key) => ({ lead_id: leadId, campaign_key: key, source })))
      .onConflict((oc) => oc.columns(['lead_id', 'campaign_key', 'source']).doNothing())
      .execute();
  }

  /** Replaces the lead's references of the systems `refs` name; other systems' stay. A lead just created has none. */
  async function replaceRefs(leadId: number, refs: readonly AnyRef[], created: boolean): Promise<void> {
    const systems = [...new Set(refs.map((r) => r.system))];
    if (!created)
      await ctx.db.deleteFrom('lead_crm_refs').where('lead_id', '=', leadId).where('system', 'in', systems).execute();
    const rows = new Map<
      string,
      { lead_id: number; system: string; object_type: string; crm_id: string; match_id: string }
    >();
    for (const ref of refs) {
      const row = {
        lead_id: leadId,
        system: ref.system,
        object_type: crmObjectType(ref),
        crm_id: ref.id,
        match_id: crmMatchId(ref),
      };
      const key = `${row.system}\u0000${row.object_type}\u0000${row.match_id}`;
      if (!rows.has(key)) rows.set(key, row);
    }
    await ctx.db
      .insertInto('lead_crm_refs')
      .values([...rows.values()])
      .execute();
  }

  /** Returns the lead's id, creating a lead that holds only its address when none exists. */
  async function ensure(email: string, now: string): Promise<{ id: number; created: boolean }> {
    const normal = normaliseEmail(email);
    const found = await byEmail(normal);
    if (found) return { id: found.id, created: false };
    return insertLead(normal, now);
  }

  /**
   * Ids of the leads with these addresses (normalised here), creating a lead holding only its address
   * for each one not stored: `ensure` for a whole batch, in a few statements instead of two per address.
   */
  async function ensureMany(emails: readonly string[], now: string): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    const wanted = [...new Set(emails.map(normaliseEmail))];
    const read = async (chunk: readonly string[]) => {
      const rows = await ctx.db.selectFrom('leads').select(['id', 'email']).where('email', 'in', chunk).execute();
      for (const row of rows) ids.set(row.email, row.id);
    };
    for (let i = 0; i < wanted.length; i += LOOKUP_CHUNK) {
      const chunk = wanted.slice(i, i + LOOKUP_CHUNK);
      await read(chunk);
      const missing = chunk.filter((email) => !ids.has(email));
      if (missing.length === 0) continue;
      const inserted = await ctx.db
        .insertInto('leads')
        .values(missing.map((email) => ({ email, email_hash: hashEmail(email), created_at: now, updated_at: now })))
        .onConflict((oc) => oc.column('email').doNothing())
        .returning(['id', 'email'])
        .execute();
      for (const row of inserted) ids.set(row.email, row.id);
      // On PostgreSQL another transaction may have created some meanwhile: read those.
      const raced = missing.filter((email) => !ids.has(email));
      if (raced.length > 0) await read(raced);
    }
    return ids;
  }

  /** Creates a lead holding only its (normalised) address; on PostgreSQL another transaction may create it meanwhile, and its row is then read. */
  async function insertLead(normal: string, now: string): Promise<{ id: number; created: boolean }> {
    const inserted = await ctx.db
      .insertInto('leads')
      .values({ email: normal, email_hash: hashEmail(normal), created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { id: inserted.id, created: true };
    const raced = await byEmail(normal);
    if (!raced) throw new Error('lead vanished during ensure');
    return { id: raced.id, created: false };
  }

  /** The first of `refs` that a lead other than `leadId` holds, in one read of the key. */
  async function heldElsewhere(refs: readonly AnyRef[], leadId: number | undefined): Promise<AnyRef | undefined> {
    if (refs.length === 0) return undefined;
    const keys = refs.map((ref) => ({ ref, system: ref.system, type: crmObjectType(ref), match: crmMatchId(ref) }));
    const rows = await ctx.db
      .selectFrom('lead_crm_refs')
      .select(['lead_id', 'system', 'object_type', 'match_id'])
      .where((eb) =>
        eb.or(
          keys.map((k) =>
            eb.and([eb('system', '=', k.system), eb('object_type', '=', k.type), eb('match_id', '=', k.match)]),
          ),
        ),
      )
      .execute();
    return keys.find((k) =>
      rows.some(
        (r) => r.lead_id !== leadId && r.system === k.system && r.object_type === k.type && r.match_id === k.match,
      ),
    )?.ref;
  }

  /**
   * Upsert by email (normalised here, whoever calls). Fields left out keep their stored value.
   * `crmRefs` (and `sourceRefs`) replace the stored references of the systems they name, keeping
   * other systems' (a Salesforce file after a HubSpot one keeps the HubSpot id); an empty
   * `crmRefs` list removes every CRM reference. `campaigns`, when sent, replaces the stored list.
   * Call inside a transaction.
   */
  async function upsert(
    input: LeadInput,
    now: string,
    sourceRefs: readonly SourceRef[] = [],
  ): Promise<UpsertLeadResult> {
    const normal = normaliseEmail(input.email);
    const existing = await byEmail(normal);
    const refs: AnyRef[] = [...(input.crmRefs ?? []), ...sourceRefs];
    const taken = await heldElsewhere(refs, existing?.id);
    if (taken) return { ok: false, detail: `crmRefs: ${crmRefLabel(taken)} already belongs to another lead` };
    const { id, created } = existing ? { id: existing.id, created: false } : await insertLead(normal, now);
    const stored = existing?.lifecycle_stage ?? null;
    if (input.lifecycleStage && input.lifecycleStage !== stored) {
      // Funnel history: one row per stage change a lead upsert brings (see store/funnel-stages.ts).
      const at = input.lifecycleStageChangedAt ?? now;
      await ctx.db
        .insertInto('stage_changes')
        .values({
          lead_id: id,
          from_stage: stored,
          to_stage: input.lifecycleStage,
          changed_at: new Date(at).toISOString(),
          changed_ms: Date.parse(at),
          received_at: now,
        })
        .execute();
    }
    await ctx.db.updateTable('leads').set(profileUpdate(input, now)).where('id', '=', id).execute();
    if (input.crmRefs?.length === 0) await ctx.db.deleteFrom('lead_crm_refs').where('lead_id', '=', id).execute();
    if (refs.length > 0) await replaceRefs(id, refs, created);
    if (input.campaigns) {
      await ctx.db.deleteFrom('lead_campaigns').where('lead_id', '=', id).where('source', '=', 'lead').execute();
      await addCampaigns(id, input.campaigns, 'lead');
    }
    return { ok: true, id, created };
  }

  async function find(ref: LeadRef): Promise<StoredLead | null> {
    if ('email' in ref) return stored(await byEmail(normaliseEmail(ref.email)));
    if ('emailHash' in ref) {
      return stored(
        await ctx.db.selectFrom('leads').selectAll().where('email_hash', '=', ref.emailHash).executeTakeFirst(),
      );
    }
    return stored(await byCrm(ctx.db, ref.crmRef));
  }

  return {
    ensure,
    ensureMany,
    upsert,
    /** `upsert` for a batch at once, or null when its items depend on each other (see leads-many.ts). */
    upsertMany: (
      inputs: readonly LeadInput[],
      now: string,
      sourceRefs?: readonly (readonly SourceRef[] | undefined)[],
    ) => upsertMany(ctx, inputs, now, sourceRefs),
    find,
    async get(id: number): Promise<StoredLead | null> {
      return stored(await ctx.db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirst());
    },
    async addCampaignTouch(leadId: number, campaignKey: string): Promise<void> {
      await addCampaigns(leadId, [campaignKey], 'event');
    },
    /** `addCampaignTouch` for many (lead, campaign) pairs, in a few statements. */
    async addCampaignTouches(touches: readonly { leadId: number; campaign: string }[]): Promise<void> {
      const unique = new Map(touches.map((t) => [`${t.leadId}\u0000${t.campaign}`, t]));
      const rows = [...unique.values()].map((t) => ({
        lead_id: t.leadId,
        campaign_key: t.campaign,
        source: 'event' as const,
      }));
      for (let i = 0; i < rows.length; i += LOOKUP_CHUNK) {
        await ctx.db
          .insertInto('lead_campaigns')
          .values(rows.slice(i, i + LOOKUP_CHUNK))
          .onConflict((oc) => oc.columns(['lead_id', 'campaign_key', 'source']).doNothing())
          .execute();
      }
    },
    async campaignKeys(leadId: number): Promise<string[]> {
      const rows = await ctx.db
        .selectFrom('lead_campaigns')
        .select('campaign_key')
        .distinct()
        .where('lead_id', '=', leadId)
        .orderBy('campaign_key')
        .execute();
      return rows.map((r) => r.campaign_key);
    },
    /** The addresses of the leads holding these ids of `system` (a Marketo activity file's lead ids), by id. */
    async emailsBySourceId(system: SourceRef['system'], ids: readonly string[]): Promise<Map<string, string>> {
      const found = new Map<string, string>();
      if (ids.length === 0) return found;
      const rows = await ctx.db
        .selectFrom('lead_crm_refs as r')
        .innerJoin('leads as l', 'l.id', 'r.lead_id')
        .select(['r.match_id', 'l.email'])
        .where('r.system', '=', system)
        .where('r.object_type', '=', 'lead')
        .where('r.match_id', 'in', ids)
        .execute();
      for (const row of rows) found.set(row.match_id, row.email);
      return found;
    },
    /**
     * The address of the lead holding each of `refs` (CRM and source ids), by `refKey`: what the
     * import's preview checks a file's ids against, as the upsert would, without writing.
     */
    async holdersOfRefs(refs: readonly AnyRef[]): Promise<Map<string, string>> {
      const found = new Map<string, string>();
      const groups = new Map<string, { system: string; type: string; ids: Set<string> }>();
      for (const ref of refs) {
        const type = crmObjectType(ref);
        const group = groups.get(`${ref.system}|${type}`) ?? { system: ref.system, type, ids: new Set<string>() };
        group.ids.add(crmMatchId(ref));
        groups.set(`${ref.system}|${type}`, group);
      }
      for (const { system, type, ids } of groups.values()) {
        const all = [...ids];
        for (let i = 0; i < all.length; i += LOOKUP_CHUNK) {
          const rows = await ctx.db
            .selectFrom('lead_crm_refs as r')
            .innerJoin('leads as l', 'l.id', 'r.lead_id')
            .select(['r.match_id', 'l.email'])
            .where('r.system', '=', system)
            .where('r.object_type', '=', type)
            .where('r.match_id', 'in', all.slice(i, i + LOOKUP_CHUNK))
            .execute();
          for (const row of rows) found.set(`${system}|${type}|${row.match_id}`, row.email);
        }
      }
      return found;
    },
    async count(): Promise<number> {
      const row = await ctx.db
        .selectFrom('leads')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

export type LeadStore = ReturnType<typeof createLeadStore>;
