import type { FunnelVersion } from '../../lib/contract/funnel.ts';
import { formatDateTime } from '../lib/format.ts';

/** Every version, newest first: who changed what, when, and who signed it. */
export function FunnelHistoryList({ versions }: { versions: readonly FunnelVersion[] }) {
  return (
    <section aria-labelledby="funnel-history-title">
      <h2 id="funnel-history-title">Version history</h2>
      <ol className="funnel-history" reversed>
        {versions.map((v) => (
          <li key={v.version}>
            <p>
              <strong>Version {v.version}</strong> by {v.changedBy} on{' '}
              <time dateTime={v.changedAt}>{formatDateTime(v.changedAt)}</time>
              {v.note ? `: “${v.note}”` : ''}
            </p>
            <ul className="console-hint">
              {v.changes.map((line) => (
                <li key={line}>{line}</li>
              ))}
              <li>
                {v.signatures.marketing
                  ? `Marketing signed (${v.signatures.marketing.name})`
                  : 'Marketing did not sign'}
                {' · '}
                {v.signatures.sales ? `Sales signed (${v.signatures.sales.name})` : 'Sales did not sign'}
              </li>
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
