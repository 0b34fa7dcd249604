import { type FormEvent, useId, useState } from 'react';
import type { Problem } from '../../lib/contract/common.ts';
import type { MappingTarget, SourceSummary } from '../../lib/contract/sources.ts';
import { MAPPING_CHOICES } from '../lib/sources.ts';

export type MapName = (name: string, target: MappingTarget) => Promise<Problem | null>;

interface SourcesUnmappedProps {
  source: SourceSummary;
  /** Absent for a read-only reader (a marketer): names and counts, no controls. */
  onMap?: MapName | undefined;
}

/** Event names the source sent that no mapping knows, each with how many items were kept. */
export function SourcesUnmapped({ source, onMap }: SourcesUnmappedProps) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>Unmapped event names</h3>
      {source.unmappedNames.length === 0 ? (
        <p className="console-hint">None: every event name this source sent is mapped.</p>
      ) : (
        <>
          <p className="console-hint">
            {onMap
              ? 'Map a name to one of our event types: the items kept under it go to the leads’ timelines, and later ones map on arrival.'
              : 'Kept, not lost: an admin can map each name to an event type.'}
          </p>
          <ul className="sources-unmapped">
            {source.unmappedNames.map(({ name, count }) => (
              <li key={name}>
                <UnmappedName name={name} count={count} onMap={onMap} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function UnmappedName({ name, count, onMap }: { name: string; count: number; onMap?: MapName | undefined }) {
  const [target, setTarget] = useState<MappingTarget | ''>('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Problem | null>(null);
  const selectId = useId();
  const label = (
    <>
      <code className="sources-name">{name}</code>{' '}
      <span className="console-hint">
        ({count} {count === 1 ? 'item' : 'items'} kept)
      </span>
    </>
  );
  if (!onMap) return label;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    setBusy(true);
    setFailure(null);
    const problem = await onMap(name, target);
    setBusy(false);
    setFailure(problem);
  };
  return (
    <form className="sources-map" onSubmit={submit}>
      {label}
      <label htmlFor={selectId}>
        <span className="cf-visually-hidden">Map “{name}” to</span>
      </label>
      <select
        id={selectId}
        value={target}
        onChange={(e) => setTarget(e.target.value as MappingTarget | '')}
        disabled={busy}
      >
        <option value="">Choose an event type…</option>
        {MAPPING_CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      <button type="submit" className="cf-button cf-button--small" disabled={busy || !target}>
        {busy ? 'Mapping…' : 'Map'}
      </button>
      {failure && (
        <p className="console-error" role="alert">
          Could not map “{name}”: {failure.detail}
        </p>
      )}
    </form>
  );
}
