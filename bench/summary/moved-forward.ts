/**
 * How long `GET /v1/feedback/summary` takes with usage to compute Moved forward from (SQLite, a temp
 * database): `npx tsx bench/summary/moved-forward.ts LEADS TARGETS USES`, e.g. 20000 500 30000.
 * Leads get a random stage history over 200 days, uses fall in the last 12 weeks on campaign
 * messages c0…c(TARGETS-1) (no per-target reads for titles). Prints the time of an empty summary,
 * then three full ones.
 */
import { randomUUID } from 'node:crypto';
import { startTestServer } from '../../test/server/helpers.ts';

const DAY = 86_400_000;
const now = Date.parse('2026-12-01T12:00:00Z');
const STAGES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer'];
const industries = ['Software', 'Manufacturing', 'Healthcare', 'Finance', 'Retail', 'Energy', 'Education', 'Media'];
let seed = 42;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const [nLeads, nPoints, nUses] = process.argv.slice(2).map(Number) as [number, number, number];
const s = await startTestServer({ clock: () => new Date(now) });
const db = s.store.database.kysely;
const iso = (ms: number) => new Date(ms).toISOString();
const time = async () => {
  const t = performance.now();
  const res = await s.request('GET', '/v1/feedback/summary', { token: s.tokens.manager });
  const body = (await res.json()) as { targets: unknown[] };
  return `${(performance.now() - t).toFixed(0)} ms (${body.targets.length} targets)`;
};
console.log('empty:', await time());
for (let start = 0; start < nLeads; start += 1000) {
  const leads = [];
  for (let i = start; i < Math.min(nLeads, start + 1000); i++) {
    leads.push({
      email: `l${i}@x.example`,
      email_hash: `h${i}`,
      name: null,
      company: null,
      title: null,
      lifecycle_stage: null,
      industry: industries[i % 8] ?? null,
      persona: null,
      region: null,
      created_at: iso(now - 300 * DAY),
      updated_at: iso(now),
    });
  }
  const ids = await db.insertInto('leads').values(leads).returning('id').execute();
  const changes = [];
  for (const { id } of ids) {
    let at = now - 200 * DAY + rnd() * 60 * DAY;
    let st = Math.floor(rnd() * 3);
    changes.push({
      lead_id: id,
      from_stage: null,
      to_stage: STAGES[st] ?? 'lead',
      changed_at: iso(at),
      changed_ms: Math.round(at),
      received_at: iso(at),
    });
    while (rnd() < 0.6 && st < 5) {
      at += rnd() * 40 * DAY;
      if (at > now) break;
      changes.push({
        lead_id: id,
        from_stage: STAGES[st] ?? null,
        to_stage: STAGES[st + 1] ?? 'lead',
        changed_at: iso(at),
        changed_ms: Math.round(at),
        received_at: iso(at),
      });
      st++;
    }
    await db
      .updateTable('leads')
      .set({ lifecycle_stage: STAGES[st] ?? null })
      .where('id', '=', id)
      .execute();
  }
  for (let c = 0; c < changes.length; c += 500)
    await db
      .insertInto('stage_changes')
      .values(changes.slice(c, c + 500))
      .execute();
}
for (let start = 0; start < nUses; start += 500) {
  const rows = [];
  for (let i = start; i < Math.min(nUses, start + 500); i++) {
    const lead = Math.floor(rnd() * nLeads);
    const at = Math.round(now - rnd() * 84 * DAY);
    rows.push({
      id: randomUUID(),
      action: 'copied' as const,
      target_kind: 'campaignMessage' as const,
      target_id: `c${Math.floor(rnd() * nPoints)}`,
      email_hash: `h${lead}`,
      lead_id: null,
      stage: null,
      industry: null,
      persona: null,
      region: null,
      rep_key: `r${i % 40}`,
      rep_name: 'r',
      occurred_at: iso(at),
      occurred_ms: at,
      received_at: iso(at),
      input_json: '{}',
    });
  }
  await db.insertInto('usage').values(rows).execute();
}
for (let i = 0; i < 3; i++) console.log(`leads ${nLeads}, points ${nPoints}, uses ${nUses}:`, await time());
await s.close();
