import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CampaignEditor } from '../../../console/components/CampaignEditor.tsx';
import { CAMPAIGN, campaignCreation, fakeFetch, problem, renderSignedIn } from './fake-endpoint.tsx';

const DRAFT_KEY = 'coalface.console.draft.campaign.q4-cloud-savings';

beforeEach(() => localStorage.clear());
afterEach(cleanup);

const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save campaign' }));
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the campaign editor', () => {
  it('shows the contract’s messages beside the fields and sends nothing while they stand', async () => {
    const endpoint = fakeFetch(() => undefined);
    renderSignedIn(<CampaignEditor campaign={CAMPAIGN} />, endpoint.fetch);
    type('Headline', '   ');
    type('Call to action URL', 'javascript:alert(1)');
    save();
    expect(await screen.findByText('Fix the fields marked above, then save again.')).toBeTruthy();
    expect(screen.getByLabelText('Headline').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Call to action URL').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/http\(s\) URL/)).toBeTruthy();
    expect(endpoint.calls).toEqual([]);
  });

  it('previews the message as the sidebar card while it is typed', () => {
    renderSignedIn(<CampaignEditor campaign={CAMPAIGN} />, fakeFetch(() => undefined).fetch);
    type('Headline', 'Spend less on idle servers');
    fireEvent.click(screen.getByRole('button', { name: 'Add proof point' }));
    type('Proof point 3', 'Initech cut 28%');
    const preview = screen.getByRole('region', { name: 'Sidebar preview' });
    expect(within(preview).getByRole('heading', { name: 'Spend less on idle servers' })).toBeTruthy();
    expect(within(preview).getByText('Initech cut 28%')).toBeTruthy();
    expect(
      within(preview)
        .getByRole('link', { name: /Book a cost review/ })
        .getAttribute('href'),
    ).toBe('https://example.com/review');
  });

  it('reorders and removes proof points', () => {
    const endpoint = fakeFetch(() => undefined);
    renderSignedIn(<CampaignEditor campaign={CAMPAIGN} />, endpoint.fetch);
    fireEvent.click(screen.getByRole('button', { name: 'Move proof point 2 up' }));
    expect((screen.getByLabelText('Proof point 1') as HTMLInputElement).value).toBe('Setup in a day');
    fireEvent.click(screen.getByRole('button', { name: 'Remove proof point 2' }));
    expect(screen.queryByLabelText('Proof point 2')).toBeNull();
  });

  it('saves with PATCH and If-Match naming the version it was edited on', async () => {
    const endpoint = fakeFetch((call) =>
      call.method === 'PATCH' ? { status: 200, body: { ...CAMPAIGN, version: 4, name: 'Q4 Savings' } } : undefined,
    );
    renderSignedIn(<CampaignEditor campaign={CAMPAIGN} />, endpoint.fetch);
    type('Name', 'Q4 Savings');
    save();
    expect(await screen.findByText(/Saved \(version 4\)/)).toBeTruthy();
    const [patch] = endpoint.calls;
    expect(patch?.path).toBe('/v1/campaigns/q4-cloud-savings');
    expect(patch?.headers['If-Match']).toBe('"3"');
    expect(patch?.body).toMatchObject({ name: 'Q4 Savings', message: { proofPoints: CAMPAIGN.message.proofPoints } });
    expect(localStorage.getItem(DRAFT_KEY)).toBeNull();
  });

  it('on 412 says someone else changed it, and can overwrite with the newer version', async () => {
    let patches = 0;
    const endpoint = fakeFetch((call) => {
      if (call.method === 'GET') return { status: 200, body: { ...CAMPAIGN, version: 5 } };
      patches += 1;
      return patches === 1
        ? { status: 412, body: problem(412, 'This campaign is at version 5, not version 3.') }
        : { status: 200, body: { ...CAMPAIGN, version: 6, name: 'Mine' } };
    });
    renderSignedIn(<CampaignEditor campaign={CAMPAIGN} />, endpoint.fetch);
    type('Name', 'Mine');
    save();
    expect(await screen.findByText(/Someone else changed this since you opened it/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Overwrite with mine' }));
    expect(await screen.findByText(/Saved \(version 6\)/)).toBeTruthy();
    const last = endpoint.calls.at(-1);
    expect(last?.headers['If-Match']).toBe('"5"');
    expect(last?.body).toMatchObject({ name: 'Mine' });
  });

  it('keeps the draft when the session expires mid-edit, and restores it on the next visit', async () => {
    const endpoint = fakeFetch(() => ({ status: 401, body: problem(401, 'The token is unknown or revoked.') }));
    const { onUnauthorized, unmount } = renderSignedIn(<CampaignEditor campaign={CAMPAIGN} />, endpoint.fetch);
    type('Pitch', 'A pitch I do not want to lose.');
    save();
    expect(await screen.findByText(/Your session has ended. Your edits are kept on this device/)).toBeTruthy();
    expect(onUnauthorized).toHaveBeenCalled();
    expect(localStorage.getItem(DRAFT_KEY)).toContain('A pitch I do not want to lose.');
    unmount();
    renderSignedIn(<CampaignEditor campaign={CAMPAIGN} />, endpoint.fetch);
    expect((screen.getByLabelText('Pitch') as HTMLTextAreaElement).value).toBe('A pitch I do not want to lose.');
    expect(screen.getByText(/Restored your unsaved edits/)).toBeTruthy();
  });

  it('shows the endpoint’s problem detail when it refuses the edit', async () => {
    const endpoint = fakeFetch(() => ({
      status: 422,
      body: problem(422, 'endsAt must not be before startsAt', [{ path: 'endsAt', message: 'is before startsAt' }]),
    }));
    renderSignedIn(<CampaignEditor campaign={CAMPAIGN} />, endpoint.fetch);
    save();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('endsAt must not be before startsAt'));
    expect(screen.getByText('is before startsAt')).toBeTruthy();
  });

  describe('a new campaign', () => {
    const fill = (key: string) => {
      type('Key', key);
      type('Name', 'Spring cleanup');
      type('Headline', 'Tidy the cloud before spring');
      type('Pitch', 'Idle capacity piles up over winter.');
      fireEvent.click(screen.getByRole('button', { name: 'Create campaign' }));
    };

    it('is created with If-None-Match: *, so it can never replace another campaign', async () => {
      const endpoint = fakeFetch(campaignCreation([CAMPAIGN]));
      renderSignedIn(<CampaignEditor campaign={null} />, endpoint.fetch);
      fill('spring-cleanup');
      expect(await screen.findByText(/Saved \(version 1\)/)).toBeTruthy();
      expect(endpoint.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['POST /v1/campaigns']);
      expect(endpoint.calls[0]?.headers['If-None-Match']).toBe('*');
      expect(endpoint.calls[0]?.body).toMatchObject({ key: 'spring-cleanup', name: 'Spring cleanup' });
    });

    it('shows the endpoint’s answer when its key is taken: under Key, with no conflict choices', async () => {
      const endpoint = fakeFetch(campaignCreation([CAMPAIGN]));
      renderSignedIn(<CampaignEditor campaign={null} />, endpoint.fetch);
      fill(CAMPAIGN.key);
      await waitFor(() =>
        expect(screen.getByRole('alert').textContent).toContain(`A campaign with key ${CAMPAIGN.key} already exists`),
      );
      expect(screen.getByLabelText('Key').getAttribute('aria-invalid')).toBe('true');
      expect(screen.getByText('is taken by another campaign')).toBeTruthy();
      expect(screen.queryByText(/Someone else changed this/)).toBeNull();
      expect(screen.queryByRole('button', { name: 'Overwrite with mine' })).toBeNull();
      expect(endpoint.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['POST /v1/campaigns']);
      expect(localStorage.getItem('coalface.console.draft.campaign.new')).toContain('Spring cleanup');
    });
  });
});
