import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { salesforce18 } from '../../server/domain/crm.ts';
import { importCsv } from '../../server/import/run.ts';
import { openStore } from '../../server/store/index.ts';
import { freshDbTarget } from '../support/test-database.ts';
import { tempDir } from './helpers.ts';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = { write: () => true };

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('CRM references across imports', () => {
  it('keeps the HubSpot id when a Salesforce file comes after a HubSpot one, and the other way round', async () => {
    const store = await openStore(await freshDbTarget(tempDir()));
    await importCsv(store, 'leads', file('hs.csv', 'email,hubspot_id\ndana@acme.com,51230001\n'), { log: quiet });
    await importCsv(store, 'leads', file('sf.csv', 'email,salesforce_id\ndana@acme.com,00Q5e00000AcmDLEAZ\n'), {
      log: quiet,
    });
    const dana = await store.leads.find({ email: 'dana@acme.com' });
    expect(dana?.profile.crmRefs).toEqual([
      { system: 'hubspot', objectType: 'contact', id: '51230001' },
      { system: 'salesforce', objectType: 'Lead', id: '00Q5e00000AcmDLEAZ' },
    ]);
    // A new HubSpot id replaces the old HubSpot id only.
    await importCsv(store, 'leads', file('hs2.csv', 'email,hubspot_id\ndana@acme.com,51239999\n'), { log: quiet });
    expect((await store.leads.find({ email: 'dana@acme.com' }))?.profile.crmRefs).toEqual([
      { system: 'hubspot', objectType: 'contact', id: '51239999' },
      { system: 'salesforce', objectType: 'Lead', id: '00Q5e00000AcmDLEAZ' },
    ]);
    await store.close();
  });

  it('stores object types in one spelling and finds them however they are spelt', async () => {
    const store = await openStore(await freshDbTarget(tempDir()));
    const now = new Date().toISOString();
    await store.transaction((tx) =>
      tx.leads.upsert(
        {
          email: 'raj@northwind.io',
          crmRefs: [
            { system: 'salesforce', objectType: 'CONTACT', id: salesforce18('0035e00000RajPt') },
            { system: 'hubspot', objectType: '0-1', id: '777' },
          ],
        },
        now,
      ),
    );
    const raj = await store.leads.find({ email: 'raj@northwind.io' });
    expect(raj?.profile.crmRefs.map((r) => r.objectType)).toEqual(['contact', 'Contact']);
    for (const objectType of ['contact', 'Contact', 'CONTACT']) {
      const found = await store.leads.find({ crmRef: { system: 'salesforce', objectType, id: '0035e00000RajPt' } });
      expect(found?.profile.email).toBe('raj@northwind.io');
    }
    expect(
      (await store.leads.find({ crmRef: { system: 'hubspot', objectType: 'Contacts', id: '777' } }))?.profile.email,
    ).toBe('raj@northwind.io');
    // Another lead claiming the same record under another spelling is refused.
    const clash = await store.transaction((tx) =>
      tx.leads.upsert(
        {
          email: 'other@northwind.io',
          crmRefs: [{ system: 'salesforce', objectType: 'contact', id: '0035e00000RajPt' }],
        },
        now,
      ),
    );
    expect(clash).toEqual({ ok: false, detail: expect.stringContaining('already belongs to another lead') });
    await store.close();
  });
});
