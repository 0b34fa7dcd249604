import { useCallback, useEffect, useState } from 'react';
import { routes } from '../../lib/contract/routes.ts';
import type { MappingTarget, SourceSummary } from '../../lib/contract/sources.ts';
import { useSession } from '../lib/session.tsx';
import { withSource } from '../lib/sources.ts';
import { useLoad } from '../lib/useLoad.ts';
import { ProblemAlert } from './ProblemAlert.tsx';
import { SourcesCard } from './SourcesCard.tsx';
import '../sources.css';

/** Connected marketing tools and what each sent; an admin maps the event names no mapping knows. */
export function SourcesPage() {
  const { api } = useSession();
  const load = useCallback(() => api.call(routes.listSources), [api]);
  const { loaded, reload } = useLoad(load);
  return (
    <>
      <div className="console-page-head">
        <h1>Sources</h1>
        <button type="button" className="cf-button cf-button--small" onClick={reload}>
          Refresh
        </button>
      </div>
      {loaded.state === 'loading' && <p className="console-loading">Loading sources…</p>}
      {loaded.state === 'failed' && <ProblemAlert problem={loaded.problem} what="Could not load the sources." />}
      {loaded.state === 'ready' && <Sources initial={loaded.data.sources} />}
    </>
  );
}

export function Sources({ initial }: { initial: readonly SourceSummary[] }) {
  const { api, me } = useSession();
  const [sources, setSources] = useState(initial);
  const [status, setStatus] = useState('');
  useEffect(() => setSources(initial), [initial]);
  const canMap = me.role === 'admin';

  const map = async (source: SourceSummary, name: string, type: MappingTarget) => {
    const result = await api.call(routes.mapSourceEvent, {
      params: { id: source.id, eventName: name },
      body: { type },
    });
    if (!result.ok) return result.problem;
    setSources((list) => withSource(list, result.data.source));
    const { stored, skipped, duplicates, pending } = result.data.remapped;
    setStatus(
      `“${name}” now maps to ${type}: ${stored} kept ${stored === 1 ? 'item' : 'items'} stored` +
        (skipped ? `, ${skipped} skipped` : '') +
        (duplicates ? `, ${duplicates} already stored` : '') +
        (pending ? `, ${pending} waiting to be mapped again (retried on its own)` : '') +
        '.',
    );
    return null;
  };

  return (
    <>
      <p className="console-hint">
        {canMap
          ? 'Marketing tools pushing events to Coalface. Sources are added with "source add" (docs/sources.md).'
          : 'Marketing tools pushing events to Coalface. You can read this page; an admin maps event names.'}
      </p>
      <output className="console-hint cf-status">{status}</output>
      {sources.length === 0 ? (
        <p>No sources yet. An admin adds one with "npm run server -- source add".</p>
      ) : (
        sources.map((source) => (
          <SourcesCard
            key={source.id}
            source={source}
            onMap={canMap ? (name, type) => map(source, name, type) : undefined}
          />
        ))
      )}
    </>
  );
}
