import { sql } from 'kysely';
import type { Change, ChangeKind, ChangesPage } from '../../lib/contract/index.ts';
import type { StoreContext } from './context.ts';

interface ChangeRow {
  cursor: number;
  kind: ChangeKind;
  entity_id: string;
  op: Change['op'];
  version: number;
  at: string;
}

const toChange = (r: ChangeRow): Change => ({
  cursor: String(r.cursor),
  kind: r.kind,
  id: r.entity_id,
  op: r.op,
  version: r.version,
  at: r.at,
});

/**
 * The change feed: one row per talking point or campaign write, new funnel version or funnel both
 * teams signed, appended inside the writer's transaction. Readers are told the newest cursor moved by `ctx.feed` (see change-feed.ts), which
 * reads it again after the commit, so they read what was committed.
 */
export function createChangeStore(ctx: StoreContext) {
  async function latest(): Promise<number> {
    const row = await ctx.db
      .selectFrom('changes')
      .select((eb) => eb.fn.max('cursor').as('cursor'))
      .executeTakeFirst();
    return Number(row?.cursor ?? 0);
  }

  return {
    /** Records a write; always called inside the writer's transaction (campaign, point and funnel writes). */
    async append(kind: ChangeKind, id: string, op: Change['op'], version: number, at: string): Promise<void> {
      // PostgreSQL hands out identity values before commit: serialise change writers so cursors commit in order.
      if (ctx.engine === 'postgres') await sql`LOCK TABLE changes IN SHARE ROW EXCLUSIVE MODE`.execute(ctx.db);
      await ctx.db.insertInto('changes').values({ kind, entity_id: id, op, version, at }).execute();
      ctx.feed.hint();
    },
    latest,
    /**
     * Changes after `since`, oldest first. A cursor beyond the newest change (a database that was
     * reset) gets no changes and the current cursor, so the client starts over from there.
     */
    async page(since: number, limit: number): Promise<ChangesPage> {
      const rows: ChangeRow[] = await ctx.db
        .selectFrom('changes')
        .selectAll()
        .where('cursor', '>', since)
        .orderBy('cursor')
        .limit(limit + 1)
        .execute();
      const changes = rows.slice(0, limit).map(toChange);
      const end = changes.at(-1)?.cursor;
      if (end) return { changes, cursor: end, hasMore: rows.length > limit };
      const now = await latest();
      return { changes: [], cursor: String(since > now ? now : since), hasMore: false };
    },
  };
}

export type ChangeStore = ReturnType<typeof createChangeStore>;
