// A rep's verdict from the sidebar, built into the endpoint's FeedbackInput and checked before it
// is queued, so the outbox never holds one the endpoint would refuse for its shape.
import { FeedbackInput } from '../contract/feedback.ts';
import type { LeadContext } from '../contract/lookup.ts';
import type { SidebarIntent } from '../messages.ts';

export type FeedbackIntent = Extract<SidebarIntent, { type: 'feedback' }>;

export function verdictInput(
  intent: FeedbackIntent,
  context: LeadContext,
  id: string = crypto.randomUUID(),
  now: Date = new Date(),
) {
  return FeedbackInput.safeParse({
    id,
    target: intent.target,
    verdict: intent.verdict,
    reason: intent.reason,
    note: intent.note?.trim() ? intent.note : undefined,
    lead: { emailHash: context.lead.emailHash },
    occurredAt: now.toISOString(),
  });
}
