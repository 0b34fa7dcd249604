import type { SidebarState } from '../lib/messages.ts';
import { t } from '../lib/ui/i18n.ts';
import { relativeTime } from '../lib/ui/time.ts';

type Freshness = Extract<SidebarState, { status: 'ready' }>['freshness'];

interface FreshnessBannerProps {
  freshness: Freshness;
  fetchedAt: number;
  now: number;
}

/** Says when the brief on screen is an old copy (offline), or quietly that a newer one is coming. */
export function FreshnessBanner({ freshness, fetchedAt, now }: FreshnessBannerProps) {
  if (freshness === 'stale') {
    return (
      <output className="cf-banner cf-banner--stale">
        <span aria-hidden="true" className="cf-banner__icon">
          ⚠
        </span>
        {t('staleBanner', relativeTime(fetchedAt, now))}
      </output>
    );
  }
  if (freshness === 'refreshing') {
    return (
      <output className="cf-refreshing">
        <span aria-hidden="true" className="cf-refreshing__dot" />
        {t('refreshing')}
      </output>
    );
  }
  return null;
}
