import type { Change, ChangesPage } from '../../lib/contract/index.ts';
import type { Db } from '../db/open.ts';

interface ChangeRow {
  cursor: number;
  kind: Change['kind'];
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

export type ChangeListener = () => void;

/**
 * The change feed: one row per talking point or campaign write, appended inside the writer's
 * transaction. Listeners are told after each append; they must only schedule work (the writer's
 * transaction is still open when they are called), so they read what was committed.
 */
export function createChangeStore(db: Db) {
  const insert = db.prepare<[string, string, string, number, string]>(
    'INSERT INTO changes (kind, entity_id, op, version, at) VALUES (?, ?, ?, ?, ?)',
  );
  const after = db.prepare<[number, number], ChangeRow>(
    'SELECT * FROM changes WHERE cursor > ? ORDER BY cursor LIMIT ?',
  );
  const last = db.prepare<[], { cursor: number | null }>('SELECT max(cursor) AS cursor FROM changes');
  const listeners = new Set<ChangeListener>();

  function latest(): number {
    return last.get()?.cursor ?? 0;
  }

  return {
    append(kind: Change['kind'], id: string, op: Change['op'], version: number, at: string): void {
      insert.run(kind, id, op, version, at);
      for (const listener of listeners) listener();
    },
    latest,
    /**
     * Changes after `since`, oldest first. A cursor beyond the newest change (a database that was
     * reset) gets no changes and the current cursor, so the client starts over from there.
     */
    page(since: number, limit: number): ChangesPage {
      const rows = after.all(since, limit + 1);
      const changes = rows.slice(0, limit).map(toChange);
      const end = changes.at(-1)?.cursor;
      if (end) return { changes, cursor: end, hasMore: rows.length > limit };
      const now = latest();
      return { changes: [], cursor: String(since > now ? now : since), hasMore: false };
    },
    subscribe(listener: ChangeListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type ChangeStore = ReturnType<typeof createChangeStore>;
