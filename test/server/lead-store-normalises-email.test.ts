import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LeadInput } from '../../lib/contract/index.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { tempDir } from './helpers.ts';

// The lead store keeps one lead per address whatever its case and surrounding spaces, by itself, not
// because the contract's Email schema happened to lower-case it first: a caller that writes leads
// without that schema (the demo seed writes typed constants) must not be refused a lead's own CRM
// reference, nor record a stage change twice, because of how an address was spelled.
let dir: string;
let store: Store;
beforeEach(() => {
  dir = tempDir();
  store = openStore(join(dir, 'coalface.db'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const NOW = '2026-11-20T10:00:00.000Z';
const sfLead = { system: 'salesforce', objectType: 'Lead', id: '00Q5g00000PrObEEAZ' } as const;
const upsert = (input: LeadInput) => store.transaction(() => store.leads.upsert(input, NOW));

describe('the lead store, given an address as sent', () => {
  it('takes a lead re-sent in another case with its own CRM id as the same lead', () => {
    const first = upsert({ email: 'probe@acme.example', name: 'Pat Probe', crmRefs: [sfLead] });
    expect(first).toMatchObject({ ok: true, created: true });
    const again = upsert({ email: ' Probe@Acme.example ', title: 'CFO', crmRefs: [sfLead] });
    expect(again).toEqual({ ok: true, id: first.ok ? first.id : -1, created: false });
    expect(store.leads.count()).toBe(1);
    const lead = store.leads.find({ crmRef: sfLead });
    expect(lead?.profile).toMatchObject({ email: 'probe@acme.example', name: 'Pat Probe', title: 'CFO' });
  });

  it('records a stage change against the stored stage, whatever the case of the address', () => {
    upsert({ email: 'probe@acme.example', lifecycleStage: 'mql' });
    upsert({ email: 'PROBE@acme.example', lifecycleStage: 'mql' });
    upsert({ email: 'Probe@Acme.Example', lifecycleStage: 'sql' });
    const changes = store.db.prepare('SELECT from_stage, to_stage FROM stage_changes ORDER BY id').all() as {
      from_stage: string | null;
      to_stage: string;
    }[];
    expect(changes).toEqual([
      { from_stage: null, to_stage: 'mql' },
      { from_stage: 'mql', to_stage: 'sql' },
    ]);
  });

  it('still refuses another lead the CRM id of the first', () => {
    upsert({ email: 'probe@acme.example', crmRefs: [sfLead] });
    const other = upsert({ email: 'someone.else@acme.example', crmRefs: [sfLead] });
    expect(other).toEqual({
      ok: false,
      detail: 'crmRefs: salesforce:Lead:00Q5g00000PrObEEAZ already belongs to another lead',
    });
  });
});
