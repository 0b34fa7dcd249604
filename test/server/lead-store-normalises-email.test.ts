import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LeadInput } from '../../lib/contract/index.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { freshDbTarget } from '../support/test-database.ts';
import { tempDir } from './helpers.ts';

// The lead store keeps one lead per address whatever its case and surrounding spaces, by itself, not
// because the contract's Email schema happened to lower-case it first: a caller that writes leads
// without that schema (the demo seed writes typed constants) must not be refused a lead's own CRM
// reference, nor record a stage change twice, because of how an address was spelled.
let dir: string;
let store: Store;
beforeEach(async () => {
  dir = tempDir();
  store = await openStore(await freshDbTarget(dir));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const NOW = '2026-11-20T10:00:00.000Z';
const sfLead = { system: 'salesforce', objectType: 'Lead', id: '00Q5g00000PrObEEAZ' } as const;
const upsert = (input: LeadInput) => store.transaction((tx) => tx.leads.upsert(input, NOW));

describe('the lead store, given an address as sent', () => {
  it('takes a lead re-sent in another case with its own CRM id as the same lead', async () => {
    const first = await upsert({ email: 'probe@acme.example', name: 'Pat Probe', crmRefs: [sfLead] });
    expect(first).toMatchObject({ ok: true, created: true });
    const again = await upsert({ email: ' Probe@Acme.example ', title: 'CFO', crmRefs: [sfLead] });
    expect(again).toEqual({ ok: true, id: first.ok ? first.id : -1, created: false });
    expect(await store.leads.count()).toBe(1);
    const lead = await store.leads.find({ crmRef: sfLead });
    expect(lead?.profile).toMatchObject({ email: 'probe@acme.example', name: 'Pat Probe', title: 'CFO' });
  });

  it('records a stage change against the stored stage, whatever the case of the address', async () => {
    await upsert({ email: 'probe@acme.example', lifecycleStage: 'mql' });
    await upsert({ email: 'PROBE@acme.example', lifecycleStage: 'mql' });
    await upsert({ email: 'Probe@Acme.Example', lifecycleStage: 'sql' });
    const changes = await store.database.kysely
      .selectFrom('stage_changes')
      .select(['from_stage', 'to_stage'])
      .orderBy('id')
      .execute();
    expect(changes).toEqual([
      { from_stage: null, to_stage: 'mql' },
      { from_stage: 'mql', to_stage: 'sql' },
    ]);
  });

  it('still refuses another lead the CRM id of the first', async () => {
    await upsert({ email: 'probe@acme.example', crmRefs: [sfLead] });
    const other = await upsert({ email: 'someone.else@acme.example', crmRefs: [sfLead] });
    expect(other).toEqual({
      ok: false,
      detail: 'crmRefs: salesforce:Lead:00Q5g00000PrObEEAZ already belongs to another lead',
    });
  });
});
