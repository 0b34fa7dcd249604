import { t } from '../lib/ui/i18n.ts';

/** Which events are weak signals is the contract's (`lib/contract/events.ts`). */
export { isWeakSignal } from '../lib/contract/events.ts';

/** "(may be automatic)" in words, muted, with the why on hover. */
export function WeakSignalMark() {
  return (
    <span className="cf-weak" title={t('weakSignalHint')}>
      {t('weakSignal')}
    </span>
  );
}
