import type { EventType } from '../lib/contract/events.ts';
import { t } from '../lib/ui/i18n.ts';

/**
 * Mail privacy features open email on the reader's behalf, so an open may not be the lead at all.
 * The endpoint weighs opens least for the same reason (server/domain/engagement.ts, docs/scoring.md).
 */
export const isWeakSignal = (type: EventType): boolean => type === 'email_open';

/** "(may be automatic)" in words, muted, with the why on hover. */
export function WeakSignalMark() {
  return (
    <span className="cf-weak" title={t('weakSignalHint')}>
      {t('weakSignal')}
    </span>
  );
}
