import { useId, useState } from 'react';
import type { SourceSummary } from '../../lib/contract/sources.ts';
import { formatDateTime } from '../lib/format.ts';
import { KIND_LABELS, sourceUrl } from '../lib/sources.ts';
import { SourcesCounts } from './SourcesCounts.tsx';
import { type MapName, SourcesUnmapped } from './SourcesUnmapped.tsx';

interface SourcesCardProps {
  source: SourceSummary;
  onMap?: MapName | undefined;
}

/** One connected tool: where it posts, when it last did, its counts, unmapped names and errors. */
export function SourcesCard({ source, onMap }: SourcesCardProps) {
  const headingId = useId();
  const url = sourceUrl(source.path);
  return (
    <section className="sources-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{source.name}</h2>
      <dl className="sources-facts">
        <dt>Kind</dt>
        <dd>{KIND_LABELS[source.kind]}</dd>
        <dt>URL</dt>
        <dd>
          <CopyableUrl url={url} name={source.name} />
        </dd>
        <dt>Last received</dt>
        <dd>{source.lastReceivedAt ? formatDateTime(source.lastReceivedAt) : 'Nothing yet'}</dd>
      </dl>
      <SourcesCounts source={source} />
      <SourcesUnmapped source={source} onMap={onMap} />
      <SourcesErrors source={source} />
    </section>
  );
}

function CopyableUrl({ url, name }: { url: string; name: string }) {
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Copied.');
    } catch {
      setStatus('Could not copy: select the address and copy it.');
    }
  };
  return (
    <span className="sources-url">
      <code>{url}</code>
      <button
        type="button"
        className="cf-button cf-button--small"
        aria-label={`Copy the URL of ${name}`}
        onClick={copy}
      >
        Copy
      </button>
      <output className="console-hint">{status}</output>
    </span>
  );
}

function SourcesErrors({ source }: { source: SourceSummary }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>Last errors</h3>
      {source.lastErrors.length === 0 ? (
        <p className="console-hint">No errors.</p>
      ) : (
        <ul className="sources-errors">
          {source.lastErrors.map((error, i) => (
            // Two errors can share a time and a message; their order is the server's (newest first).
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={i}>
              <time dateTime={error.at}>{formatDateTime(error.at)}</time> {error.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
