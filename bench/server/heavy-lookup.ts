import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../../server/app.ts';
import { openStore } from '../../server/store/index.ts';
import { seedHeavyLeads } from '../../test/server/heavy-leads.ts';
import { percentile } from './stats.ts';

/**
 * What one lookup of long histories costs, in-process (`app.fetch`, no sockets): 20-lead lookups of
 * leads with 5,000 events each, and one-lead lookups of them. Timed by this process's CPU clock, so
 * other load on the machine matters less. Usage: tsx bench/server/heavy-lookup.ts [--leads 20]
 * [--events-per-lead 5000] [--requests 50]. Prints one JSON line.
 */
const { values } = parseArgs({
  options: {
    leads: { type: 'string', default: '20' },
    'events-per-lead': { type: 'string', default: '5000' },
    requests: { type: 'string', default: '50' },
  },
});
const leads = Number(values.leads);
const eventsPerLead = Number(values['events-per-lead']);
const requests = Number(values.requests);

const dir = mkdtempSync(join(tmpdir(), 'coalface-heavy-'));
const store = await openStore(join(dir, 'coalface.db'));
try {
  const seedStart = performance.now();
  const emails = await seedHeavyLeads(store, { leads, eventsPerLead });
  const seedMs = performance.now() - seedStart;
  const rep = (await store.tokens.create('rep', 'heavy-lookup bench', new Date().toISOString())).token;
  const app = createApp(store, { rateLimit: false, logger: { info: () => {}, error: () => {} } });

  const measure = async (asked: readonly string[]) => {
    const body = JSON.stringify({ leads: asked.map((email) => ({ email })) });
    const wall: number[] = [];
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < requests; i++) {
      const start = performance.now();
      const res = await app.fetch(
        new Request('http://bench/v1/context/lookup', {
          method: 'POST',
          headers: { Authorization: `Bearer ${rep}`, 'Content-Type': 'application/json' },
          body,
        }),
      );
      if (res.status !== 200) throw new Error(`lookup answered ${res.status}`);
      await res.text();
      wall.push(performance.now() - start);
    }
    const cpu = process.cpuUsage(cpuStart);
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return {
      cpuMsPerLookup: round((cpu.user + cpu.system) / 1000 / requests),
      wallP50: round(percentile(wall, 50)),
      wallP99: round(percentile(wall, 99)),
    };
  };
  await measure(emails); // warm-up: JIT and page cache
  const all = await measure(emails);
  const one = await measure(emails.slice(0, 1));
  process.stdout.write(
    `${JSON.stringify({ leads, eventsPerLead, seedSeconds: Math.round(seedMs / 100) / 10, twentyLeads: all, oneLead: one })}\n`,
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
