import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadInput } from '../../lib/contract/index.ts';
import { ingestLeads } from '../../server/import/ingest.ts';
import { createRandom, type Random } from '../../server/seed/prng.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import type { SourceRef } from '../../server/store/leads.ts';
import { freshDbTarget } from '../support/test-database.ts';
import { tempDir } from './helpers.ts';

// Leads are upserted a batch at a time (store/leads-many.ts) unless the batch's items depend on
// each other. Whatever the batches hold, the stored result must be the one upserting them one by one
// gives: random batches over a small pool of addresses and CRM ids, so conflicts are frequent.
let together: Store;
let oneByOne: Store;

beforeAll(async () => {
  together = await openStore(await freshDbTarget(tempDir()));
  oneByOne = await openStore(await freshDbTarget(tempDir()));
});
afterAll(async () => {
  await together?.close();
  await oneByOne?.close();
});

const STAGES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer'] as const;

function randomLead(random: Random): { lead: LeadInput; marketo: SourceRef[] } {
  const lead: LeadInput = { email: `${random.chance(0.2) ? 'Lead' : 'lead'}${random.int(0, 59)}@pool.example` };
  if (random.chance(0.7)) lead.name = `Name ${random.int(0, 9)}`;
  if (random.chance(0.5)) lead.title = random.pick(['CTO', 'CFO', 'VP Engineering']);
  if (random.chance(0.6)) lead.lifecycleStage = random.pick(STAGES);
  if (random.chance(0.3)) lead.segments = { industry: random.pick(['Software', 'Retail']) };
  if (random.chance(0.15)) lead.crmRefs = [];
  else if (random.chance(0.6)) {
    lead.crmRefs = Array.from({ length: random.int(1, 2) }, () =>
      random.chance(0.5)
        ? {
            system: 'salesforce' as const,
            objectType: random.pick(['Lead', 'Contact']),
            id: `00Q5e0000${random.int(10, 40)}`,
          }
        : { system: 'hubspot' as const, objectType: 'contact', id: String(random.int(100, 130)) },
    );
  }
  if (random.chance(0.3)) lead.campaigns = [random.pick(['q4', 'q1', 'spring'])];
  const marketo: SourceRef[] = random.chance(0.2)
    ? [{ system: 'marketo', objectType: 'lead', id: String(random.int(1, 30)) }]
    : [];
  return { lead, marketo };
}

async function dump(store: Store) {
  const db = store.database.kysely;
  return {
    leads: await db
      .selectFrom('leads')
      .select(['id', 'email', 'name', 'title', 'lifecycle_stage', 'industry'])
      .orderBy('id')
      .execute(),
    refs: await db
      .selectFrom('lead_crm_refs')
      .select(['lead_id', 'system', 'object_type', 'crm_id'])
      .orderBy('lead_id')
      .orderBy('system')
      .orderBy('object_type')
      .orderBy('crm_id')
      .execute(),
    stages: await db.selectFrom('stage_changes').select(['lead_id', 'from_stage', 'to_stage']).orderBy('id').execute(),
    campaigns: await db
      .selectFrom('lead_campaigns')
      .select(['lead_id', 'campaign_key', 'source'])
      .orderBy('lead_id')
      .orderBy('campaign_key')
      .execute(),
  };
}

describe('leads upserted a batch at a time', () => {
  it('store and refuse exactly what upserting them one by one does', async () => {
    const random = createRandom(20_261_201);
    const now = new Date().toISOString();
    for (let round = 0; round < 80; round++) {
      const batch = Array.from({ length: random.int(1, 12) }, () => randomLead(random));
      const leads = batch.map((b) => b.lead);
      const marketo = batch.map((b) => b.marketo);
      const got = await ingestLeads(together, leads, now, marketo);
      const want = { received: leads.length, accepted: 0, rejected: [] as { index: number; detail: string }[] };
      for (const [index, lead] of leads.entries()) {
        const one = await oneByOne.transaction((tx) => tx.leads.upsert(lead, now, marketo[index]));
        if (one.ok) want.accepted++;
        else want.rejected.push({ index, detail: `${one.detail}.` });
      }
      expect(got, `round ${round}`).toEqual(want);
      expect(await dump(together), `round ${round}`).toEqual(await dump(oneByOne));
    }
  }, 60_000);
});
