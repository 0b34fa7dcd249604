import { type FormEvent, useEffect, useState } from 'react';
import type { Campaign } from '../../lib/contract/campaigns.ts';
import type { Problem } from '../../lib/contract/common.ts';
import {
  type CampaignForm,
  campaignPatch,
  campaignToForm,
  checkCampaign,
  EMPTY_CAMPAIGN,
  isCampaignForm,
} from '../lib/campaignForm.ts';
import { draftKey } from '../lib/drafts.ts';
import { createCampaign, getCampaign, patchCampaign } from '../lib/endpoint.ts';
import { type FieldErrors, problemFieldErrors } from '../lib/errors.ts';
import { clearFlash, leaveFlash, readFlash } from '../lib/flash.ts';
import { formatDateTime } from '../lib/format.ts';
import { navigate } from '../lib/router.ts';
import { useSession } from '../lib/session.tsx';
import { useDraft } from '../lib/useDraft.ts';
import { CampaignFields } from './CampaignFields.tsx';
import { CampaignPreview } from './CampaignPreview.tsx';
import { SaveFailure } from './SaveFailure.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/** Edit a campaign's message, status and dates beside a live preview; saves with If-Match. */
export function CampaignEditor({ campaign }: { campaign: Campaign | null }) {
  const { api } = useSession();
  const [stored, setStored] = useState(campaign);
  const key = draftKey('campaign', campaign?.key ?? 'new');
  const draft = useDraft<CampaignForm>(
    key,
    campaign ? campaignToForm(campaign) : EMPTY_CAMPAIGN,
    campaign?.version ?? null,
    isCampaignForm,
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [checked, setChecked] = useState(false);
  const [failure, setFailure] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(() => readFlash(campaign?.key));
  useEffect(() => clearFlash(), []);
  const [busy, setBusy] = useState(false);
  const form = draft.value;

  const edit = (next: CampaignForm) => {
    draft.update(next);
    setNotice(null);
    if (checked) {
      const check = checkCampaign(next);
      setErrors(check.ok ? {} : check.errors);
    }
  };

  const settle = (saved: Campaign) => {
    setStored(saved);
    draft.reset(campaignToForm(saved), saved.version);
    setFailure(null);
  };

  const save = async (version: number | null) => {
    const check = checkCampaign(form);
    setChecked(true);
    setErrors(check.ok ? {} : check.errors);
    if (!check.ok) {
      setNotice(null);
      return;
    }
    setBusy(true);
    setFailure(null);
    const result =
      stored === null || version === null
        ? await createNew(check.input.key)
        : await patchCampaign(api, stored.key, campaignPatch(check.input), version);
    setBusy(false);
    if (!result.ok) {
      setFailure(result.problem);
      setErrors(problemFieldErrors(result.problem));
      return;
    }
    settle(result.data);
    const text = `Saved (version ${result.data.version}). Open sidebars pick it up within seconds.`;
    setNotice(text);
    if (stored === null) {
      leaveFlash(result.data.key, text);
      navigate({ page: 'campaign', key: result.data.key });
    }

    async function createNew(campaignKey: string) {
      // POST replaces a campaign with the same key; a new campaign must not overwrite another one.
      const existing = await getCampaign(api, campaignKey);
      if (existing.ok) {
        return {
          ok: false as const,
          status: 409,
          problem: {
            type: 'urn:coalface:console',
            title: 'Key taken',
            status: 409,
            detail: `A campaign with key "${campaignKey}" exists already ("${existing.data.name}"). Pick another key, or edit that campaign.`,
            errors: [{ path: 'key', message: 'is taken by another campaign' }],
          },
        };
      }
      return check.ok ? createCampaign(api, check.input) : existing;
    }
  };

  const reload = async () => {
    if (!stored) return;
    const latest = await getCampaign(api, stored.key);
    if (!latest.ok) {
      setFailure(latest.problem);
      return;
    }
    settle(latest.data);
    setNotice(`Loaded their version (version ${latest.data.version}); your edits were dropped.`);
  };

  const overwrite = async () => {
    if (!stored) return;
    const latest = await getCampaign(api, stored.key);
    if (!latest.ok) {
      setFailure(latest.problem);
      return;
    }
    setStored(latest.data);
    await save(latest.data.version);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(draft.baseVersion);
  };

  return (
    <div className="console-editor">
      <form className="console-form" onSubmit={submit} noValidate aria-labelledby="campaign-heading">
        <div className="console-page-head">
          <h1 id="campaign-heading">{stored ? stored.name : 'New campaign'}</h1>
          {stored && <StatusBadge status={stored.status} />}
        </div>
        {stored && (
          <p className="console-hint">
            Key <code>{stored.key}</code> · version {stored.version} · updated {formatDateTime(stored.updatedAt)}
          </p>
        )}
        {draft.restored && (
          <output className="console-note cf-status">
            Restored your unsaved edits from {formatDateTime(draft.restored.savedAt)}.
            {campaign && draft.restored.baseVersion !== campaign.version
              ? ` The campaign has changed since (now version ${campaign.version}); saving will ask before overwriting.`
              : ''}
          </output>
        )}
        <CampaignFields form={form} errors={errors} isNew={stored === null} onChange={edit} />
        {checked && Object.keys(errors).length > 0 && !failure && (
          <p className="console-error" role="alert">
            Fix the fields marked above, then save again.
          </p>
        )}
        {failure && <SaveFailure problem={failure} onReload={reload} onOverwrite={overwrite} />}
        {notice && <output className="console-success cf-status">{notice}</output>}
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
