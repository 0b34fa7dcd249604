/**
 * Rows per second of a leads import whose rows carry a Salesforce and a HubSpot id (each row looks
 * up the owner of both ids). `tsx bench/import/crm-ids.ts [--rows 50000] [--db postgres://…]`;
 * without --db a fresh SQLite file in a temp dir.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { salesforce18 } from '../../server/domain/crm.ts';
import { importCsv } from '../../server/import/run.ts';
import { openStore } from '../../server/store/index.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '50000' }, db: { type: 'string' } } });
const rows = Number(values.rows);
const dir = mkdtempSync(join(tmpdir(), 'coalface-bench-import-'));
const file = join(dir, 'leads.csv');
const lines = ['email,name,salesforce_id,hubspot_id'];
for (let i = 0; i < rows; i++) {
  const sf = salesforce18(`00Q5e${String(i).padStart(10, '0')}`);
  lines.push(`lead${i}@example.com,Lead ${i},${sf},${700000 + i}`);
}
writeFileSync(file, `${lines.join('\n')}\n`);
const store = await openStore(values.db ?? join(dir, 'coalface.db'));
try {
  const summary = await importCsv(store, 'leads', file, { log: { write: () => true } });
  const rate = Math.round(summary.accepted / summary.seconds);
  console.log(`${summary.accepted} of ${summary.rows} rows in ${summary.seconds.toFixed(1)} s: ${rate} rows/s`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
