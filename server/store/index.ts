import { type Db, openDb } from '../db/open.ts';
import { createCampaignStore } from './campaigns.ts';
import { createChangeStore } from './changes.ts';
import { createEventStore } from './events.ts';
import { createFeedbackStore } from './feedback.ts';
import { createFunnelStore } from './funnel.ts';
import { createStageHistoryStore } from './funnel-stages.ts';
import { createLeadStore } from './leads.ts';
import { createTalkingPointStore } from './talking-points.ts';
import { createTokenStore } from './tokens.ts';

export function createStore(db: Db) {
  const changes = createChangeStore(db);
  return {
    db,
    leads: createLeadStore(db),
    events: createEventStore(db),
    campaigns: createCampaignStore(db, changes),
    talkingPoints: createTalkingPointStore(db, changes),
    changes,
    feedback: createFeedbackStore(db),
    tokens: createTokenStore(db),
    funnel: createFunnelStore(db),
    stageHistory: createStageHistoryStore(db),
    /** Runs `fn` in one SQLite transaction (all or nothing, and much faster for batches). */
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
    close(): void {
      if (db.open) db.close();
    },
  };
}

export type Store = ReturnType<typeof createStore>;

export function openStore(file: string): Store {
  return createStore(openDb(file));
}
