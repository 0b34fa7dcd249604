import type { Campaign, CampaignInput } from '../../lib/contract/campaigns.ts';
import { routes } from '../../lib/contract/routes.ts';
import { ifMatch } from '../../lib/contract/version-tag.ts';
import {
  type CampaignForm,
  campaignPatch,
  campaignToForm,
  checkCampaign,
  EMPTY_CAMPAIGN,
} from '../lib/campaignForm.ts';
import { formatDateTime } from '../lib/format.ts';
import { useVersionedEditor, type VersionedKind } from '../lib/useVersionedEditor.ts';
import { CampaignFields } from './CampaignFields.tsx';
import { CampaignPreview } from './CampaignPreview.tsx';
import { RestoredDraftNote } from './RestoredDraftNote.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { StatusBadge } from './StatusBadge.tsx';

const CAMPAIGNS: VersionedKind<Campaign, CampaignForm, CampaignInput> = {
  draftKind: 'campaign',
  idOf: (campaign) => campaign.key,
  empty: EMPTY_CAMPAIGN,
  toForm: campaignToForm,
  check: checkCampaign,
  // Creates, never replaces (`If-None-Match: *`): a key already in use is a 412 `key-taken` problem.
  create: (api, input) => api.call(routes.putCampaign, { body: input, headers: { 'If-None-Match': '*' } }),
  patch: (api, { key }, input, version) =>
    api.call(routes.patchCampaign, { params: { key }, body: campaignPatch(input), headers: ifMatch(version) }),
  fetch: (api, { key }) => api.call(routes.getCampaign, { params: { key } }),
  savedText: (saved) => `Saved (version ${saved.version}). Open sidebars pick it up within seconds.`,
  pageOf: (created) => ({ page: 'campaign', key: created.key }),
};

/** Edit a campaign's message, status and dates beside a live preview; saves with If-Match. */
export function CampaignEditor({ campaign }: { campaign: Campaign | null }) {
  const editor = useVersionedEditor(CAMPAIGNS, campaign);
  const { stored, form, busy } = editor;
  return (
    <div className="console-editor">
      <form className="console-form" onSubmit={editor.submit} noValidate aria-labelledby="campaign-heading">
        <div className="console-page-head">
          <h1 id="campaign-heading">{stored ? stored.name : 'New campaign'}</h1>
          {stored && <StatusBadge status={stored.status} />}
        </div>
        {stored && (
          <p className="console-hint">
            Key <code>{stored.key}</code> · version {stored.version} · updated {formatDateTime(stored.updatedAt)}
          </p>
        )}
        <RestoredDraftNote restored={editor.draft.restored} current={campaign?.version ?? null} what="campaign" />
        <CampaignFields form={form} errors={editor.errors} isNew={stored === null} onChange={editor.edit} />
        <SaveStatus {...editor} />
        <div className="console-actions">
          <button type="submit" className="cf-button cf-button--primary" disabled={busy}>
            {busy ? 'Saving…' : stored ? 'Save campaign' : 'Create campaign'}
          </button>
        </div>
      </form>
      <CampaignPreview form={form} />
    </div>
  );
}
