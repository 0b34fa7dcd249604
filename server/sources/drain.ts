import type { Logger } from '../log.ts';
import { redact } from '../log.ts';
import type { Stores } from '../store/index.ts';
import type { InboxRow } from '../store/sources.ts';
import { type MapTally, mapRows } from './map-inbox.ts';

const BATCH = 200;

export const logMappingError = (logger: Logger) => (row: InboxRow, error: unknown) =>
  logger.error(
    `error mapping inbox row ${row.id} of ${row.sourceId}: ${redact(error instanceof Error ? error.message : String(error))}; it stays in the inbox for the next start`,
  );

/**
 * Maps every inbox row still `new`: what a process that stopped between writing the inbox and
 * mapping it left behind. `serve` runs it at start; rows that fail again stay for the next start.
 */
export async function drainInbox(
  store: Stores,
  now: () => string,
  logger: Logger,
): Promise<MapTally & { failed: number }> {
  const total = { stored: 0, duplicates: 0, unmapped: 0, skipped: 0, failed: 0 };
  let afterId = 0;
  for (;;) {
    const rows = await store.sources.pending({ afterId, limit: BATCH });
    if (rows.length === 0) break;
    const tally = await mapRows(store, rows, now, logMappingError(logger));
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += tally[k];
    afterId = rows[rows.length - 1]?.id ?? afterId;
  }
  const mapped = total.stored + total.duplicates + total.unmapped + total.skipped;
  if (mapped + total.failed > 0) {
    logger.info(
      `sources: mapped ${mapped} inbox items left from before the start (${total.stored} stored, ${total.unmapped} unmapped, ${total.skipped} skipped, ${total.failed} failed)`,
    );
  }
  return total;
}
