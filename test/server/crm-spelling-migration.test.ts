import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../server/db/migrations.ts';
import { openDb } from '../../server/db/open.ts';
import { openStore } from '../../server/store/index.ts';
import { testEngine } from '../support/test-database.ts';
import { tempDir } from './helpers.ts';

// Upgrading a SQLite file written before object types had one spelling (PostgreSQL runs the same SQL).
describe.skipIf(testEngine() === 'postgres')('migration 10: CRM object types in one spelling', () => {
  it('finds references stored in any spelling by their canonical type afterwards', async () => {
    const file = join(tempDir(), 'coalface.db');
    const v9 = openDb(
      file,
      migrations.filter((m) => m.version <= 9),
    );
    const lead = v9.prepare(
      "INSERT INTO leads (id, email, email_hash, created_at, updated_at) VALUES (?, ?, ?, 't', 't')",
    );
    const ref = v9.prepare(
      'INSERT INTO lead_crm_refs (lead_id, system, object_type, crm_id, match_id) VALUES (?, ?, ?, ?, ?)',
    );
    const stored = [
      ['a@x.com', 'salesforce', 'LEAD', '00Q000000000001'],
      ['b@x.com', 'salesforce', 'contact', '003000000000002'],
      ['c@x.com', 'hubspot', 'Contacts', '301'],
      ['d@x.com', 'hubspot', '0-2', '402'],
      ['e@x.com', 'salesforce', 'Custom__C', 'a00000000000005'],
    ] as const;
    for (const [i, [email, system, type, id]] of stored.entries()) {
      lead.run(i + 1, email, `h${i}`);
      ref.run(i + 1, system, type, id, id);
    }
    v9.close();
    const store = await openStore(file);
    try {
      const find = async (system: 'salesforce' | 'hubspot', objectType: string, id: string) =>
        (await store.leads.find({ crmRef: { system, objectType, id } }))?.profile.email;
      expect(await find('salesforce', 'Lead', '00Q000000000001')).toBe('a@x.com');
      expect(await find('salesforce', 'Contact', '003000000000002')).toBe('b@x.com');
      expect(await find('hubspot', 'contact', '301')).toBe('c@x.com');
      expect(await find('hubspot', 'companies', '402')).toBe('d@x.com');
      expect(await find('salesforce', 'custom__c', 'a00000000000005')).toBe('e@x.com');
      const types = await store.db.selectFrom('lead_crm_refs').select('object_type').orderBy('lead_id').execute();
      expect(types.map((t) => t.object_type)).toEqual(['Lead', 'Contact', 'contact', 'company', 'custom__c']);
    } finally {
      await store.close();
    }
  });
});
