import { LifecycleStage, type Segments, type Usage, type UsageInput } from '../../lib/contract/index.ts';
import type { UsageTable } from '../db/tables.ts';
import type { StoreContext } from './context.ts';
import { segmentsOf } from './feedback.ts';

export interface StoredUsage {
  usage: Usage;
  /** The body as first received, in canonical form, to compare a repeated id against. */
  inputJson: string;
}

/** The body in one canonical form: fixed key order, the time normalised to UTC. */
export function canonicalUsage(input: UsageInput): string {
  return JSON.stringify({
    id: input.id,
    action: input.action,
    target: { kind: input.target.kind, id: input.target.id },
    lead: { emailHash: input.lead.emailHash },
    occurredAt: new Date(input.occurredAt).toISOString(),
  });
}

/** The lead as the endpoint holds it when a use arrives; absent when it does not know the lead. */
export interface LeadAtUse {
  id: number;
  stage: string | null;
  segments: Segments;
}

/** A use to store, with what the endpoint adds: the lead as it stands, the rep, the time received. */
export interface NewUse {
  input: UsageInput;
  lead: LeadAtUse | undefined;
  repKey: string;
  repName: string;
  now: string;
}

function toUsage(row: UsageTable): Usage {
  const stage = LifecycleStage.safeParse(row.stage);
  return {
    id: row.id,
    action: row.action,
    target: { kind: row.target_kind, id: row.target_id },
    lead: { emailHash: row.email_hash, stage: stage.success ? stage.data : null, segments: segmentsOf(row) },
    rep: { name: row.rep_name },
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
  };
}

function toRow(u: NewUse): UsageTable {
  const { input, lead } = u;
  const at = new Date(input.occurredAt);
  return {
    id: input.id,
    action: input.action,
    target_kind: input.target.kind,
    target_id: input.target.id,
    email_hash: input.lead.emailHash,
    lead_id: lead?.id ?? null,
    stage: lead?.stage ?? null,
    industry: lead?.segments.industry ?? null,
    persona: lead?.segments.persona ?? null,
    region: lead?.segments.region ?? null,
    rep_key: u.repKey,
    rep_name: u.repName,
    occurred_at: at.toISOString(),
    occurred_ms: at.getTime(),
    received_at: u.now,
    input_json: canonicalUsage(input),
  };
}

/** Reps' uses of points and calls to action (the `usage` table): written here, never any text. */
export function createUsageStore(ctx: StoreContext) {
  return {
    /** The stored uses among `ids`, by id. */
    async getMany(ids: readonly string[]): Promise<Map<string, StoredUsage>> {
      const out = new Map<string, StoredUsage>();
      if (ids.length === 0) return out;
      const rows = await ctx.db.selectFrom('usage').selectAll().where('id', 'in', ids).execute();
      for (const row of rows) out.set(row.id, { usage: toUsage(row), inputJson: row.input_json });
      return out;
    },
    /**
     * Stores new uses in one statement; answers those it stored, by id. One whose id is already
     * stored (committed meanwhile by another request or instance) is left out: the first copy wins.
     */
    async insertMany(uses: readonly NewUse[]): Promise<Map<string, Usage>> {
      const out = new Map<string, Usage>();
      if (uses.length === 0) return out;
      const rows = uses.map(toRow);
      const written = await ctx.db
        .insertInto('usage')
        .values(rows)
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
      const ids = new Set(written.map((w) => w.id));
      for (const row of rows) if (ids.has(row.id)) out.set(row.id, toUsage(row));
      return out;
    },
    /** The leads with these address hashes as they stand: id, stage and segments. */
    async leadsByHash(hashes: readonly string[]): Promise<Map<string, LeadAtUse>> {
      if (hashes.length === 0) return new Map();
      const rows = await ctx.db
        .selectFrom('leads')
        .select(['id', 'email_hash', 'lifecycle_stage', 'industry', 'persona', 'region'])
        .where('email_hash', 'in', [...new Set(hashes)])
        .execute();
      return new Map(
        rows.map((r) => [r.email_hash, { id: r.id, stage: r.lifecycle_stage, segments: segmentsOf(r) }] as const),
      );
    },
    /**
     * What tells reps apart across sessions, per token id: a session's email (a rep signs in anew
     * each day), or an access token's own id.
     */
    async repKeys(tokenIds: readonly string[]): Promise<Map<string, string>> {
      if (tokenIds.length === 0) return new Map();
      const rows = await ctx.db
        .selectFrom('tokens')
        .select(['id', 'email'])
        .where('id', 'in', [...new Set(tokenIds)])
        .execute();
      return new Map(rows.map((r) => [r.id, r.email ?? r.id] as const));
    },
  };
}

export type UsageStore = ReturnType<typeof createUsageStore>;
