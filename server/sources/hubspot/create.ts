import { SourceSettings } from '../../../lib/contract/index.ts';
import type { Stores } from '../../store/index.ts';
import { newSourceId } from '../../store/sources.ts';
import { sealSecret } from '../secret-box.ts';
import { initialCursor } from './cursor.ts';

/** Pulled history is not a replay: a HubSpot source takes events as old as the settings allow. */
const PULLED_MAX_AGE_HOURS = 24 * 365;

/** Adds a HubSpot source: the private app token sealed like a pushed source's secret; the first sync reaches `historyDays` back. */
export async function createHubspotSource(
  store: Stores,
  input: { name: string; token: string; historyDays: number },
  key: Buffer,
  now: Date,
): Promise<{ id: string }> {
  const id = newSourceId();
  await store.sources.create(
    {
      id,
      kind: 'hubspot',
      name: input.name,
      secretEnc: sealSecret(input.token, key, id),
      settings: SourceSettings.parse({ maxEventAgeHours: PULLED_MAX_AGE_HOURS }),
      syncCursor: JSON.stringify(initialCursor(now, input.historyDays)),
    },
    now.toISOString(),
  );
  return { id };
}
