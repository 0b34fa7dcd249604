// The sidebar's verdict intents: give one, take it back, resend or discard one that failed. Each
// changes the outbox, then every open sidebar is repainted from it.
import { currentContext } from './current-lead.ts';
import { discard, enqueue, resend, undo } from './outbox.ts';
import { repaintAll } from './refresh.ts';
import { notify, outboxChanged, type Sidebar } from './sidebar-registry.ts';
import { type FeedbackIntent, verdictInput } from './verdict-input.ts';

export async function recordVerdict(sidebar: Sidebar, intent: FeedbackIntent): Promise<void> {
  const context = await currentContext(sidebar.tabId);
  if (!context) {
    notify(sidebar, { requestId: intent.requestId, ok: false, code: 'no-lead' });
    return;
  }
  const input = verdictInput(intent, context);
  if (!input.success) {
    const issue = input.error.issues[0]?.message;
    notify(sidebar, { requestId: intent.requestId, ok: false, code: 'invalid', ...(issue ? { message: issue } : {}) });
    return;
  }
  try {
    // Awaited: the verdict is on disk before the rep is told it is queued.
    await enqueue(input.data);
  } catch {
    notify(sidebar, { requestId: intent.requestId, ok: false, code: 'storage' });
    return;
  }
  notify(sidebar, { requestId: intent.requestId, ok: true, code: 'queued' });
  await repaintAll();
  outboxChanged();
}

export async function undoVerdict(sidebar: Sidebar, requestId: string, id: string): Promise<void> {
  const result = await undo(id);
  notify(sidebar, { requestId, ok: result === 'removed' || result === 'withdrawing', code: result });
  outboxChanged();
  await repaintAll();
}

export async function resendVerdict(id: string): Promise<void> {
  await resend(id);
  outboxChanged();
  await repaintAll();
}

export async function discardVerdict(id: string): Promise<void> {
  await discard(id);
  await repaintAll();
}
