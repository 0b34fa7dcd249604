import type { MappingTarget, SourceMappingResult } from '../../lib/contract/index.ts';
import type { Logger } from '../log.ts';
import type { Stores } from '../store/index.ts';
import { logMappingError } from './inbox-mapper.ts';
import { mapRows } from './map-inbox.ts';

const BATCH = 200;

export type Remapped = SourceMappingResult['remapped'];

/**
 * Saves `name → target` in the source's mapping, then maps again the inbox rows kept as unmapped
 * under that name. Each batch is reopened (`new`) before it is mapped, so a crash between the two
 * leaves rows the next start's drain maps: nothing kept is lost. Null removes the source's own entry;
 * rows kept before stay as they are (the defaults did not know the name either).
 */
export async function remapEventName(
  store: Stores,
  sourceId: string,
  name: string,
  target: MappingTarget | null,
  now: () => string,
  logger: Logger,
): Promise<Remapped | null> {
  if (!(await store.sources.setMapping(sourceId, name, target))) return null;
  const remapped: Remapped = { stored: 0, duplicates: 0, skipped: 0, unmapped: 0, pending: 0 };
  if (target === null) return remapped;
  let afterId = 0;
  for (;;) {
    const ids = await store.sources.unmappedIds(sourceId, name, afterId, BATCH);
    if (ids.length === 0) break;
    afterId = ids[ids.length - 1] ?? afterId;
    const reopened = await store.sources.reopenUnmapped(sourceId, ids);
    const rows = await store.sources.pending({ ids: reopened, limit: reopened.length });
    const tally = await mapRows(store, rows, now, logMappingError(logger));
    remapped.stored += tally.stored;
    remapped.duplicates += tally.duplicates;
    remapped.skipped += tally.skipped;
    remapped.unmapped += tally.unmapped;
    remapped.pending += tally.failed;
  }
  return remapped;
}
