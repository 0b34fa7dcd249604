import { type FormEvent, useEffect, useState } from 'react';
import type { Campaign } from '../../lib/contract/campaigns.ts';
import type { Problem } from '../../lib/contract/common.ts';
import type { TalkingPoint } from '../../lib/contract/talking-points.ts';
import { draftKey } from '../lib/drafts.ts';
import { createTalkingPoint, getTalkingPoint, patchTalkingPoint } from '../lib/endpoint.ts';
import { type FieldErrors, problemFieldErrors } from '../lib/errors.ts';
import { clearFlash, leaveFlash, readFlash } from '../lib/flash.ts';
import { formatDateTime } from '../lib/format.ts';
import type { KnownValues } from '../lib/knownValues.ts';
import {
  checkPoint,
  EMPTY_POINT,
  isPointForm,
  type PointForm,
  type PointStatus,
  pointPatch,
  pointToForm,
} from '../lib/pointForm.ts';
import { navigate } from '../lib/router.ts';
import { useSession } from '../lib/session.tsx';
import { useDraft } from '../lib/useDraft.ts';
import { LeadPreview } from './LeadPreview.tsx';
import { PointFields } from './PointFields.tsx';
import { SaveFailure } from './SaveFailure.tsx';
import { StatusBadge } from './StatusBadge.tsx';

interface TalkingPointEditorProps {
  point: TalkingPoint | null;
  campaigns: readonly Campaign[];
  known: KnownValues;
}

const DONE: Record<PointStatus, string> = {
  draft: 'Saved as a draft: reps do not see it.',
  live: 'Live: open sidebars pick it up within seconds.',
  retired: 'Retired: reps no longer see it.',
};

/** Create, edit, schedule, publish and retire a talking point; every save sends If-Match. */
export function TalkingPointEditor({ point, campaigns, known }: TalkingPointEditorProps) {
  const { api } = useSession();
  const [stored, setStored] = useState(point);
  const draft = useDraft<PointForm>(
    draftKey('talkingPoint', point?.id ?? 'new'),
    point ? pointToForm(point) : EMPTY_POINT,
    point?.version ?? null,
    isPointForm,
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [checked, setChecked] = useState(false);
  const [failure, setFailure] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(() => readFlash(point?.id));
  useEffect(() => clearFlash(), []);
  const [busy, setBusy] = useState(false);
  /** The status the last save asked for (Publish, Retire…), so "Overwrite with mine" repeats it. */
  const [asked, setAsked] = useState<PointStatus>(point?.status ?? 'draft');
  const form = draft.value;

  const edit = (next: PointForm) => {
    draft.update(next);
    setNotice(null);
    if (checked) {
      const check = checkPoint(next);
      setErrors(check.ok ? {} : check.errors);
    }
  };

  const settle = (saved: TalkingPoint) => {
    setStored(saved);
    draft.reset(pointToForm(saved), saved.version);
    setFailure(null);
  };

  const save = async (status: PointStatus, version: number | null) => {
    const check = checkPoint(form, status);
    setAsked(status);
    setChecked(true);
    setErrors(check.ok ? {} : check.errors);
    setNotice(null);
    if (!check.ok) return;
    setBusy(true);
    setFailure(null);
    const result =
      stored === null || version === null
        ? await createTalkingPoint(api, check.input)
        : await patchTalkingPoint(api, stored.id, pointPatch(check.input), version);
    setBusy(false);
    if (!result.ok) {
      setFailure(result.problem);
      setErrors(problemFieldErrors(result.problem));
      return;
    }
    settle(result.data);
    const text = `${DONE[result.data.status]} (version ${result.data.version})`;
    setNotice(text);
    if (stored === null) {
      leaveFlash(result.data.id, text);
      navigate({ page: 'point', id: result.data.id });
    }
  };

  const latest = async () => {
    if (!stored) return null;
    const result = await getTalkingPoint(api, stored.id);
    if (!result.ok) setFailure(result.problem);
    return result.ok ? result.data : null;
  };
  const reload = async () => {
    const theirs = await latest();
    if (!theirs) return;
    settle(theirs);
    setNotice(`Loaded their version (version ${theirs.version}); your edits were dropped.`);
  };
  const overwrite = async () => {
    const theirs = await latest();
    if (!theirs) return;
    setStored(theirs);
    await save(asked, theirs.version);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(form.status, draft.baseVersion);
  };
  const act = (status: PointStatus) => {
    void save(status, draft.baseVersion);
  };

  return (
    <div className="console-editor console-editor--single">
      <form className="console-form" onSubmit={submit} noValidate aria-labelledby="point-heading">
        <div className="console-page-head">
          <h1 id="point-heading">{stored ? stored.title : 'New talking point'}</h1>
          {stored && <StatusBadge status={stored.status} />}
        </div>
        {stored && (
          <p className="console-hint">
            Version {stored.version} · updated {formatDateTime(stored.updatedAt)}
            {stored.author ? ` · by ${stored.author}` : ''}
          </p>
        )}
        {draft.restored && (
          <output className="console-note cf-status">
            Restored your unsaved edits from {formatDateTime(draft.restored.savedAt)}.
            {point && draft.restored.baseVersion !== point.version
              ? ` The point has changed since (now version ${point.version}); saving will ask before overwriting.`
              : ''}
          </output>
        )}
        <PointFields form={form} errors={errors} campaigns={campaigns} known={known} onChange={edit} />
        {checked && Object.keys(errors).length > 0 && !failure && (
          <p className="console-error" role="alert">
            Fix the fields marked above, then save again.
          </p>
        )}
        {failure && <SaveFailure problem={failure} onReload={reload} onOverwrite={overwrite} />}
        {notice && <output className="console-success cf-status">{notice}</output>}
        <div className="console-actions">
          {stored ? (
            <>
              <button type="submit" className="cf-button cf-button--primary" disabled={busy}>
                {busy ? 'Saving…' : 'Save changes'}
              </button>
              {stored.status !== 'live' && (
                <button type="button" className="cf-button" disabled={busy} onClick={() => act('live')}>
                  Publish
                </button>
              )}
              {stored.status !== 'retired' && (
                <button type="button" className="cf-button" disabled={busy} onClick={() => act('retired')}>
                  Retire
                </button>
              )}
            </>
          ) : (
            <>
              <button type="button" className="cf-button" disabled={busy} onClick={() => act('draft')}>
                Save as draft
              </button>
              <button
                type="button"
                className="cf-button cf-button--primary"
                disabled={busy}
                onClick={() => act('live')}
              >
                Publish now
              </button>
            </>
          )}
        </div>
      </form>
      <LeadPreview point={stored} />
    </div>
  );
}
