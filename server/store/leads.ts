import type { Kysely, Selectable } from 'kysely';
import type { CrmRef, LeadInput, LeadProfile, LeadRef } from '../../lib/contract/index.ts';
import { LifecycleStage } from '../../lib/contract/index.ts';
import type { LeadsTable, Tables } from '../db/tables.ts';
import { crmMatchId, crmObjectType } from '../domain/crm.ts';
import { hashEmail, normaliseEmail } from '../email.ts';
import type { StoreContext } from './context.ts';

export type LeadRow = Selectable<LeadsTable>;

export interface CrmRefRow {
  system: CrmRef['system'];
  object_type: string;
  crm_id: string;
}

export interface StoredLead {
  id: number;
  profile: LeadProfile;
}

export type UpsertLeadResult = { ok: true; id: number; created: boolean } | { ok: false; detail: string };

export { crmMatchId };

export function crmRefLabel(ref: CrmRef): string {
  return `${ref.system}:${ref.objectType}:${ref.id}`;
}

/** The lead holding `ref` (its object type compared without case), or undefined. */
function byCrm(db: Kysely<Tables>, ref: CrmRef) {
  return db
    .selectFrom('lead_crm_refs as r')
    .innerJoin('leads as l', 'l.id', 'r.lead_id')
    .selectAll('l')
    .where('r.system', '=', ref.system)
    .where((eb) => eb(eb.fn('lower', ['r.object_type']), '=', crmObjectType(ref).toLowerCase()))
    .where('r.match_id', '=', crmMatchId(ref))
    .executeTakeFirst();
}

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
    crmRefs: refs.map((r) => ({ system: r.system, objectType: r.object_type, id: r.crm_id })),
  };
}

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

  /** Returns the lead's id, creating a lead that holds only its address when none exists. */
  async function ensure(email: string, now: string): Promise<{ id: number; created: boolean }> {
    const normal = normaliseEmail(email);
    const found = await byEmail(normal);
    if (found) return { id: found.id, created: false };
    // On PostgreSQL another transaction may create the same lead meanwhile: its row is then read.
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

  /**
   * Upsert by email (normalised here, whoever calls). Fields left out keep their stored value;
   * `crmRefs` and `campaigns`, when sent, replace the stored lists. Call inside a transaction.
   */
  async function upsert(input: LeadInput, now: string): Promise<UpsertLeadResult> {
    const existing = await byEmail(normaliseEmail(input.email));
    const leadId = existing?.id;
    for (const ref of input.crmRefs ?? []) {
      const owner = await byCrm(ctx.db, ref);
      if (owner && owner.id !== leadId) {
        return { ok: false, detail: `crmRefs: ${crmRefLabel(ref)} already belongs to another lead` };
      }
    }
    const { id, created } = await ensure(input.email, now);
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
    // A field left undefined is not set, so it keeps its stored value.
    await ctx.db
      .updateTable('leads')
      .set({
        name: input.name ?? undefined,
        company: input.company ?? undefined,
        title: input.title ?? undefined,
        lifecycle_stage: input.lifecycleStage ?? undefined,
        industry: input.segments?.industry ?? undefined,
        persona: input.segments?.persona ?? undefined,
        region: input.segments?.region ?? undefined,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    if (input.crmRefs) {
      await ctx.db.deleteFrom('lead_crm_refs').where('lead_id', '=', id).execute();
      const seen = new Set<string>();
      const rows = [];
      for (const ref of input.crmRefs) {
        const key = `${ref.system}\u0000${crmObjectType(ref).toLowerCase()}\u0000${crmMatchId(ref)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push({
          lead_id: id,
          system: ref.system,
          object_type: crmObjectType(ref),
          crm_id: ref.id,
          match_id: crmMatchId(ref),
        });
      }
      if (rows.length > 0) await ctx.db.insertInto('lead_crm_refs').values(rows).execute();
    }
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
    upsert,
    find,
    async get(id: number): Promise<StoredLead | null> {
      return stored(await ctx.db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirst());
    },
    async addCampaignTouch(leadId: number, campaignKey: string): Promise<void> {
      await addCampaigns(leadId, [campaignKey], 'event');
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
