// A rep's uses from the sidebar (a point copied or inserted, a campaign's call to action opened),
// built into the endpoint's UsageInput with the lead on screen and queued in the outbox beside the
// verdicts. The rep is told nothing and nothing waits for it: the copy or insert is already done.
import type { FeedbackTarget } from '../contract/feedback.ts';
import { type UsageAction, UsageInput } from '../contract/usage.ts';
import { currentContext } from './current-lead.ts';
import { enqueueUse } from './outbox.ts';
import { outboxChanged, type Sidebar } from './sidebar-registry.ts';

export interface UseIntent {
  /** Made by the sidebar when the rep acted: the use's idempotency key all the way to the endpoint. */
  id: string;
  action: UsageAction;
  target: FeedbackTarget;
}

export async function recordUse(sidebar: Sidebar, use: UseIntent, now: Date = new Date()): Promise<void> {
  const context = await currentContext(sidebar.tabId);
  if (!context) return;
  const input = UsageInput.safeParse({
    id: use.id,
    action: use.action,
    target: use.target,
    lead: { emailHash: context.lead.emailHash },
    occurredAt: now.toISOString(),
  });
  if (!input.success) return;
  await enqueueUse(input.data);
  outboxChanged();
}
