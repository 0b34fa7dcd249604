import type { Campaign } from '../../lib/contract/campaigns.ts';
import { routes } from '../../lib/contract/routes.ts';
import type { TalkingPoint, TalkingPointInput } from '../../lib/contract/talking-points.ts';
import { ifMatch } from '../../lib/contract/version-tag.ts';
import { formatDateTime } from '../lib/format.ts';
import type { KnownValues } from '../lib/knownValues.ts';
import {
  checkPoint,
  EMPTY_POINT,
  type PointForm,
  type PointStatus,
  pointPatch,
  pointToForm,
} from '../lib/pointForm.ts';
import { useVersionedEditor, type VersionedKind } from '../lib/useVersionedEditor.ts';
import { LeadPreview } from './LeadPreview.tsx';
import { PointFields } from './PointFields.tsx';
import { RestoredDraftNote } from './RestoredDraftNote.tsx';
import { SaveStatus } from './SaveStatus.tsx';
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

const POINTS: VersionedKind<TalkingPoint, PointForm, TalkingPointInput> = {
  draftKind: 'talkingPoint',
  idOf: (point) => point.id,
  empty: EMPTY_POINT,
  toForm: pointToForm,
  check: (form) => checkPoint(form),
  create: (api, input) => api.call(routes.createTalkingPoint, { body: input }),
  patch: (api, { id }, input, version) =>
    api.call(routes.patchTalkingPoint, { params: { id }, body: pointPatch(input), headers: ifMatch(version) }),
  fetch: (api, { id }) => api.call(routes.getTalkingPoint, { params: { id } }),
  savedText: (saved) => `${DONE[saved.status]} (version ${saved.version})`,
  pageOf: (created) => ({ page: 'point', id: created.id }),
};

/** Saving as `status` (Publish, Retire…) whatever the form's status field says. */
const checkAs = (status: PointStatus) => (form: PointForm) => checkPoint(form, status);

/** Create, edit, schedule, publish and retire a talking point; every save sends If-Match. */
export function TalkingPointEditor({ point, campaigns, known }: TalkingPointEditorProps) {
  const editor = useVersionedEditor(POINTS, point);
  const { stored, form, busy } = editor;
  const act = (status: PointStatus) => editor.save(checkAs(status));
  return (
    <div className="console-editor console-editor--single">
      <form
        className="console-form"
        onSubmit={(event) => editor.submit(event, checkAs(form.status))}
        noValidate
        aria-labelledby="point-heading"
      >
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
        <RestoredDraftNote restored={editor.draft.restored} current={point?.version ?? null} what="point" />
        <PointFields form={form} errors={editor.errors} campaigns={campaigns} known={known} onChange={editor.edit} />
        <SaveStatus {...editor} />
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
