import type { CrmRef, LeadInput, LeadProfile, LeadRef } from '../../lib/contract/index.ts';
import { LifecycleStage } from '../../lib/contract/index.ts';
import type { Db } from '../db/open.ts';
import { crmMatchId, crmObjectType } from '../domain/crm.ts';
import { hashEmail, normaliseEmail } from '../email.ts';

interface LeadRow {
  id: number;
  email: string;
  email_hash: string;
  name: string | null;
  company: string | null;
  title: string | null;
  lifecycle_stage: string | null;
  industry: string | null;
  persona: string | null;
  region: string | null;
}

interface CrmRefRow {
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

export function createLeadStore(db: Db) {
  const byEmail = db.prepare<[string], LeadRow>('SELECT * FROM leads WHERE email = ?');
  const byHash = db.prepare<[string], LeadRow>('SELECT * FROM leads WHERE email_hash = ?');
  const byId = db.prepare<[number], LeadRow>('SELECT * FROM leads WHERE id = ?');
  const byCrm = db.prepare<[string, string, string], LeadRow>(
    `SELECT l.* FROM lead_crm_refs r JOIN leads l ON l.id = r.lead_id
     WHERE r.system = ? AND r.object_type = ? COLLATE NOCASE AND r.match_id = ?`,
  );
  const crmOwner = db.prepare<[string, string, string], { lead_id: number }>(
    'SELECT lead_id FROM lead_crm_refs WHERE system = ? AND object_type = ? COLLATE NOCASE AND match_id = ?',
  );
  const crmRefsOf = db.prepare<[number], CrmRefRow>(
    'SELECT system, object_type, crm_id FROM lead_crm_refs WHERE lead_id = ? ORDER BY system, object_type, crm_id',
  );
  const insertBare = db.prepare<[string, string, string, string]>(
    'INSERT INTO leads (email, email_hash, created_at, updated_at) VALUES (?, ?, ?, ?)',
  );
  const update = db.prepare(
    `UPDATE leads SET name = coalesce(@name, name), company = coalesce(@company, company),
       title = coalesce(@title, title), lifecycle_stage = coalesce(@lifecycle_stage, lifecycle_stage),
       industry = coalesce(@industry, industry), persona = coalesce(@persona, persona),
       region = coalesce(@region, region), updated_at = @now
     WHERE id = @id`,
  );
  const deleteCrmRefs = db.prepare<[number]>('DELETE FROM lead_crm_refs WHERE lead_id = ?');
  const insertCrmRef = db.prepare<[number, string, string, string, string]>(
    'INSERT INTO lead_crm_refs (lead_id, system, object_type, crm_id, match_id) VALUES (?, ?, ?, ?, ?)',
  );
  const deleteListedCampaigns = db.prepare<[number]>(
    "DELETE FROM lead_campaigns WHERE lead_id = ? AND source = 'lead'",
  );
  const insertCampaign = db.prepare<[number, string, string]>(
    'INSERT OR IGNORE INTO lead_campaigns (lead_id, campaign_key, source) VALUES (?, ?, ?)',
  );
  const campaignsOf = db.prepare<[number], { campaign_key: string }>(
    'SELECT DISTINCT campaign_key FROM lead_campaigns WHERE lead_id = ? ORDER BY campaign_key',
  );
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM leads');
  // Funnel history: one row per stage change a lead upsert brings (see store/funnel-stages.ts).
  const insertStageChange = db.prepare<[number, string | null, string, string, number, string]>(
    `INSERT INTO stage_changes (lead_id, from_stage, to_stage, changed_at, changed_ms, received_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );

  function toProfile(row: LeadRow): LeadProfile {
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
      crmRefs: crmRefsOf.all(row.id).map((r) => ({ system: r.system, objectType: r.object_type, id: r.crm_id })),
    };
  }

  /** Returns the lead's id, creating a lead that holds only its address when none exists. */
  function ensure(email: string, now: string): { id: number; created: boolean } {
    const normal = normaliseEmail(email);
    const found = byEmail.get(normal);
    if (found) return { id: found.id, created: false };
    const info = insertBare.run(normal, hashEmail(normal), now, now);
    return { id: Number(info.lastInsertRowid), created: true };
  }

  /**
   * Upsert by email (normalised here, whoever calls). Fields left out keep their stored value;
   * `crmRefs` and `campaigns`, when sent, replace the stored lists. Call inside a transaction.
   */
  function upsert(input: LeadInput, now: string): UpsertLeadResult {
    const existing = byEmail.get(normaliseEmail(input.email));
    const leadId = existing?.id;
    for (const ref of input.crmRefs ?? []) {
      const owner = crmOwner.get(ref.system, crmObjectType(ref), crmMatchId(ref));
      if (owner && owner.lead_id !== leadId) {
        return { ok: false, detail: `crmRefs: ${crmRefLabel(ref)} already belongs to another lead` };
      }
    }
    const { id, created } = ensure(input.email, now);
    const stored = existing?.lifecycle_stage ?? null;
    if (input.lifecycleStage && input.lifecycleStage !== stored) {
      const at = input.lifecycleStageChangedAt ?? now;
      insertStageChange.run(id, stored, input.lifecycleStage, new Date(at).toISOString(), Date.parse(at), now);
    }
    update.run({
      id,
      now,
      name: input.name ?? null,
      company: input.company ?? null,
      title: input.title ?? null,
      lifecycle_stage: input.lifecycleStage ?? null,
      industry: input.segments?.industry ?? null,
      persona: input.segments?.persona ?? null,
      region: input.segments?.region ?? null,
    });
    if (input.crmRefs) {
      deleteCrmRefs.run(id);
      const seen = new Set<string>();
      for (const ref of input.crmRefs) {
        const key = `${ref.system}\u0000${crmObjectType(ref).toLowerCase()}\u0000${crmMatchId(ref)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        insertCrmRef.run(id, ref.system, crmObjectType(ref), ref.id, crmMatchId(ref));
      }
    }
    if (input.campaigns) {
      deleteListedCampaigns.run(id);
      for (const key of input.campaigns) insertCampaign.run(id, key, 'lead');
    }
    return { ok: true, id, created };
  }

  function find(ref: LeadRef): StoredLead | null {
    let row: LeadRow | undefined;
    if ('email' in ref) row = byEmail.get(normaliseEmail(ref.email));
    else if ('emailHash' in ref) row = byHash.get(ref.emailHash);
    else row = byCrm.get(ref.crmRef.system, crmObjectType(ref.crmRef), crmMatchId(ref.crmRef));
    return row ? { id: row.id, profile: toProfile(row) } : null;
  }

  return {
    ensure,
    upsert,
    find,
    get(id: number): StoredLead | null {
      const row = byId.get(id);
      return row ? { id: row.id, profile: toProfile(row) } : null;
    },
    addCampaignTouch(leadId: number, campaignKey: string): void {
      insertCampaign.run(leadId, campaignKey, 'event');
    },
    campaignKeys(leadId: number): string[] {
      return campaignsOf.all(leadId).map((r) => r.campaign_key);
    },
    count(): number {
      return countAll.get()?.n ?? 0;
    },
  };
}

export type LeadStore = ReturnType<typeof createLeadStore>;
