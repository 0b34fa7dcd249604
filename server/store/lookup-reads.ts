import { type RawBuilder, sql } from 'kysely';
import type { CrmRef } from '../../lib/contract/index.ts';
import type { StoreContext } from './context.ts';
import { type EventStats, summariseTotals } from './events.ts';
import { type CrmRefRow, type LeadRow, type StoredLead, toProfile } from './leads.ts';

/**
 * Everything a lookup needs to know about one lead apart from its events, and the marks that say
 * whether the process's cached catalog, tallies, funnel and the lead's cached events are still
 * current: one statement, so a cache hit costs one round trip.
 *
 * - `eventCount` is the sum of the lead's running totals. Events are only ever inserted, and the
 *   totals trigger counts each insert, so an unchanged count means an unchanged event history.
 * - `cursor` (newest change), `feedback` (the tallies mark) and `funnel` (newest version and number
 *   of signatures; both tables are insert-only) move with every write that could change an answer.
 */
export interface LeadReading {
  lead: StoredLead;
  campaignKeys: string[];
  stats: EventStats;
  lastTouchByCampaign: Map<string, number>;
  eventCount: number;
  marks: { cursor: number; feedback: number; funnel: string };
}

type Where = { column: 'email' | 'email_hash' | 'id'; value: string | number };

interface ReadingRow extends LeadRow {
  refs: string;
  campaigns: string;
  totals: string;
  cursor_mark: number | string | null;
  feedback_mark: number | string | null;
  funnel_version: number | string | null;
  funnel_signatures: number | string | null;
}

const MARKS = sql`
  (SELECT max(cursor) FROM changes) AS cursor_mark,
  (SELECT n FROM store_marks WHERE name = 'feedback') AS feedback_mark,
  (SELECT max(version) FROM funnel_versions) AS funnel_version,
  (SELECT count(*) FROM funnel_signatures) AS funnel_signatures`;

function sqliteStatement(where: RawBuilder<unknown>) {
  return sql<ReadingRow>`
    SELECT l.*,
      (SELECT json_group_array(json_array(system, object_type, crm_id)) FROM (
        SELECT system, object_type, crm_id FROM lead_crm_refs WHERE lead_id = l.id
        ORDER BY system, object_type, crm_id)) AS refs,
      (SELECT json_group_array(campaign_key) FROM (
        SELECT DISTINCT campaign_key FROM lead_campaigns WHERE lead_id = l.id ORDER BY campaign_key)) AS campaigns,
      (SELECT json_group_array(json_array(type, campaign_key, n, last_ms)) FROM (
        SELECT type, campaign_key, n, last_ms FROM event_totals WHERE lead_id = l.id
        ORDER BY type, campaign_key)) AS totals,
      ${MARKS}
    FROM leads l WHERE ${where}`;
}

function postgresStatement(where: RawBuilder<unknown>) {
  return sql<ReadingRow>`
    SELECT l.*,
      (SELECT coalesce(json_agg(json_build_array(system, object_type, crm_id)
        ORDER BY system, object_type, crm_id), '[]')::text FROM lead_crm_refs WHERE lead_id = l.id) AS refs,
      (SELECT coalesce(json_agg(DISTINCT campaign_key ORDER BY campaign_key), '[]')::text
        FROM lead_campaigns WHERE lead_id = l.id) AS campaigns,
      (SELECT coalesce(json_agg(json_build_array(type, campaign_key, n, last_ms)
        ORDER BY type, campaign_key), '[]')::text FROM event_totals WHERE lead_id = l.id) AS totals,
      ${MARKS}
    FROM leads l WHERE ${where}`;
}

function totalsOf(rows: readonly [string, string, number | string, number | string][]) {
  const { stats, lastTouch, count } = summariseTotals(
    rows.map(([type, campaign_key, n, last_ms]) => ({ type, campaign_key, n, last_ms })),
  );
  return { stats, lastTouchByCampaign: lastTouch, eventCount: count };
}

const num = (v: number | string | null) => (v === null ? 0 : Number(v));

export function createLookupReads(ctx: StoreContext) {
  async function read(where: Where): Promise<LeadReading | null> {
    const condition = sql`${sql.ref(`l.${where.column}`)} = ${where.value}`;
    const statement = ctx.engine === 'postgres' ? postgresStatement(condition) : sqliteStatement(condition);
    const { rows } = await statement.execute(ctx.db);
    const row = rows[0];
    if (!row) return null;
    const refs = (JSON.parse(row.refs) as [CrmRef['system'], string, string][]).map(
      ([system, object_type, crm_id]): CrmRefRow => ({ system, object_type, crm_id }),
    );
    return {
      lead: { id: row.id, profile: toProfile(row, refs) },
      campaignKeys: JSON.parse(row.campaigns) as string[],
      ...totalsOf(JSON.parse(row.totals) as [string, string, number | string, number | string][]),
      marks: {
        cursor: num(row.cursor_mark),
        feedback: num(row.feedback_mark),
        funnel: `${num(row.funnel_version)}/${num(row.funnel_signatures)}`,
      },
    };
  }
  return {
    byEmail: (normalisedEmail: string) => read({ column: 'email', value: normalisedEmail }),
    byEmailHash: (emailHash: string) => read({ column: 'email_hash', value: emailHash }),
    byId: (id: number) => read({ column: 'id', value: id }),
  };
}

export type LookupReads = ReturnType<typeof createLookupReads>;
