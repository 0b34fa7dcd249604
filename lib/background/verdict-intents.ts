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
    notify(sidebar, {
      requestId: intent.requestId,
      ok: false,
      code: 'no-lead',
      message: 'This lead is not loaded, so the verdict has nothing to attach to.',
    });
    return;
  }
  const input = verdictInput(intent, context);
  if (!input.success) {
    notify(sidebar, {
      requestId: intent.requestId,
      ok: false,
      code: 'invalid',
      message: input.error.issues[0]?.message ?? 'That verdict is incomplete.',
    });
    return;
  }
  try {
    // Awaited: the verdict is on disk before the rep is told it is queued.
    await enqueue(input.data);
  } catch {
    notify(sidebar, {
      requestId: intent.requestId,
      ok: false,
      code: 'storage-failed',
      message: 'The verdict could not be saved in this browser. Try again; if it keeps failing, free some disk space.',
    });
    return;
  }
  notify(sidebar, { requestId: intent.requestId, ok: true, code: 'queued', message: 'Queued.' });
  await repaintAll();
  outboxChanged();
}

export async function undoVerdict(sidebar: Sidebar, requestId: string, id: string): Promise<void> {
  const result = await undo(id);
  notify(sidebar, {
    requestId,
    ok: result === 'removed' || result === 'withdrawing',
    code: result,
    message:
      result === 'too-late'
        ? 'The minute to undo has passed; the verdict stands.'
        : result === 'unknown'
          ? 'That verdict is not here any more.'
          : 'Undone.',
  });
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
