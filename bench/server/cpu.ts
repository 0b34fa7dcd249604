import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../../server/app.ts';
import { openStore } from '../../server/store/index.ts';
import { dbPathFor } from './build.ts';
import { benchEmail, sha256, sizesFor } from './dataset.ts';
import { percentile } from './stats.ts';

/**
 * Lookup CPU cost per request, in-process, without HTTP or a load generator: `app.fetch` with a
 * lookup `Request`, one at a time, timed by this process's CPU clock (user + system), which counts
 * only the work this process does and so says much less about other load on the machine than wall
 * time does. Usage: tsx bench/server/cpu.ts [--scale 0.05] [--requests 5000].
 * Prints one JSON line: CPU ms per lookup (mean), wall p50/p99 per lookup.
 */
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.05' },
    requests: { type: 'string', default: '5000' },
    /** `feedback`: verdicts instead, posted 32 at a time (as concurrent clients would). */
    mode: { type: 'string', default: 'lookup' },
  },
});
const scale = Number(values.scale);
const requests = Number(values.requests);
const { leads } = sizesFor(scale);
const file = dbPathFor(scale);
const store = await openStore(resolve(file));
const stamp = new Date().toISOString();
const rep = await store.tokens.create('rep', `cpu probe ${stamp}`, stamp);
const app = createApp(store, { rateLimit: false, logger: { info: () => {}, error: () => {} } });

let seed = 424_242;
const next = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % leads;
};
const lookup = async () => {
  const res = await app.fetch(
    new Request('http://bench/v1/context/lookup', {
      method: 'POST',
      headers: { Authorization: `Bearer ${rep.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ leads: [{ email: benchEmail(next()) }] }),
    }),
  );
  if (res.status !== 200) throw new Error(`lookup answered ${res.status}`);
  await res.text();
};

const pointIds = (await store.talkingPoints.listLive()).map((p) => p.id);
const verdict = async () => {
  const res = await app.fetch(
    new Request('http://bench/v1/feedback', {
      method: 'POST',
      headers: { Authorization: `Bearer ${rep.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        id: randomUUID(),
        target: { kind: 'talkingPoint', id: pointIds[next() % pointIds.length] },
        verdict: next() % 3 === 0 ? 'didnt_land' : 'landed',
        reason: 'not_relevant',
        lead: { emailHash: sha256(benchEmail(next())) },
        occurredAt: new Date().toISOString(),
      }),
    }),
  );
  if (res.status !== 201) throw new Error(`feedback answered ${res.status}`);
  await res.text();
};
const feedbackMode = values.mode === 'feedback';
const once = feedbackMode ? () => Promise.all(Array.from({ length: 32 }, verdict)) : lookup;
const rounds = feedbackMode ? Math.ceil(requests / 32) : requests;
for (let i = 0; i < (feedbackMode ? 5 : 300); i++) await once();
const wall: number[] = [];
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < rounds; i++) {
  const t = performance.now();
  await once();
  wall.push(performance.now() - t);
}
const elapsed = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
await store.db.deleteFrom('tokens').where('id', '=', rep.id).execute();
if (feedbackMode) {
  await store.db.updateTable('feedback').set({ withdrawn_at: stamp }).where('rep_token_id', '=', rep.id).execute();
}
await store.close();
process.stdout.write(
  `${JSON.stringify({
    scale,
    requests,
    mode: feedbackMode ? 'feedback (32 at a time; p50/p99 per burst)' : 'lookup',
    cpuMsPerRequest: +((cpu.user + cpu.system) / 1000 / (rounds * (feedbackMode ? 32 : 1))).toFixed(3),
    wallMsPerRequest: +(elapsed / (rounds * (feedbackMode ? 32 : 1))).toFixed(3),
    p50: +percentile(wall, 50).toFixed(3),
    p99: +percentile(wall, 99).toFixed(3),
  })}\n`,
);
