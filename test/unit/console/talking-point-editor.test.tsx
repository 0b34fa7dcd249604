import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TalkingPointEditor } from '../../../console/components/TalkingPointEditor.tsx';
import type { KnownValues } from '../../../console/lib/knownValues.ts';
import { CAMPAIGN, fakeFetch, POINT, problem, renderSignedIn } from './fake-endpoint.tsx';

const KNOWN: KnownValues = {
  personas: ['Finance', 'IT Ops'],
  industries: ['Healthcare', 'Manufacturing'],
  regions: ['EMEA', 'NA'],
  contentIds: ['cloud-playbook', 'roi-calculator'],
  topics: ['cost', 'reliability'],
};

beforeEach(() => localStorage.clear());
afterEach(cleanup);

const editor = (point = POINT) => <TalkingPointEditor point={point} campaigns={[CAMPAIGN]} known={KNOWN} />;
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const pick = (group: string, value: string) =>
  fireEvent.click(within(screen.getByRole('group', { name: group })).getByRole('checkbox', { name: value }));

describe('the talking point editor', () => {
  it('validates with the contract before sending: empty title, window the wrong way round', async () => {
    const endpoint = fakeFetch(() => undefined);
    renderSignedIn(<TalkingPointEditor point={null} campaigns={[CAMPAIGN]} known={KNOWN} />, endpoint.fetch);
    type('Body', 'Something to say.');
    fireEvent.click(screen.getByRole('button', { name: 'Publish now' }));
    expect(await screen.findByText('Fix the fields marked above, then save again.')).toBeTruthy();
    expect(screen.getByLabelText('Title').getAttribute('aria-invalid')).toBe('true');
    type('Title', 'Budgets');
    type('Valid from', '2026-12-10T09:00');
    type('Valid to', '2026-12-01T09:00');
    expect(screen.getByText('must not be before the start')).toBeTruthy();
    expect(endpoint.calls).toEqual([]);
  });

  it('creates a live point with the audience and triggers picked from known values', async () => {
    const endpoint = fakeFetch((call) =>
      call.method === 'POST' ? { status: 201, body: { ...POINT, id: 'tp_new', version: 1 } } : undefined,
    );
    renderSignedIn(<TalkingPointEditor point={null} campaigns={[CAMPAIGN]} known={KNOWN} />, endpoint.fetch);
    type('Title', 'Finance closes the year');
    type('Body', 'Offer the ROI calculator.');
    fireEvent.change(screen.getByLabelText('Campaign'), { target: { value: 'q4-cloud-savings' } });
    fireEvent.change(screen.getByLabelText('Priority'), { target: { value: '5' } });
    pick('Personas', 'Finance');
    pick('Regions', 'EMEA');
    pick('Lifecycle stages', 'MQL');
    pick('Topics', 'cost');
    pick('Event types', 'Downloads');
    fireEvent.click(screen.getByRole('button', { name: 'Publish now' }));
    expect(await screen.findByText(/Live: open sidebars pick it up/)).toBeTruthy();
    const [post] = endpoint.calls;
    expect(post?.method).toBe('POST');
    expect(post?.headers['If-Match']).toBeUndefined();
    expect(post?.body).toEqual({
      campaign: 'q4-cloud-savings',
      title: 'Finance closes the year',
      body: 'Offer the ROI calculator.',
      status: 'live',
      priority: 5,
      audience: { personas: ['Finance'], industries: [], regions: ['EMEA'], lifecycleStages: ['mql'] },
      triggers: { contentIds: [], topics: ['cost'], eventTypes: ['content_download'] },
    });
  });

  it('retires with PATCH, If-Match and status retired', async () => {
    const endpoint = fakeFetch((call) =>
      call.method === 'PATCH' ? { status: 200, body: { ...POINT, status: 'retired', version: 8 } } : undefined,
    );
    renderSignedIn(editor(), endpoint.fetch);
    fireEvent.click(screen.getByRole('button', { name: 'Retire' }));
    expect(await screen.findByText(/Retired: reps no longer see it/)).toBeTruthy();
    const [patch] = endpoint.calls;
    expect(patch?.path).toBe('/v1/talking-points/tp_abc');
    expect(patch?.headers['If-Match']).toBe('"7"');
    expect(patch?.body).toMatchObject({ status: 'retired', title: POINT.title, validFrom: null });
  });

  it('on 412 offers to reload their version, which replaces the form', async () => {
    const endpoint = fakeFetch((call) =>
      call.method === 'PATCH'
        ? { status: 412, body: problem(412, 'This talking point is at version 9, not version 7.') }
        : { status: 200, body: { ...POINT, title: 'Their title', version: 9 } },
    );
    renderSignedIn(editor(), endpoint.fetch);
    type('Title', 'My title');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(/Someone else changed this/)).toBeTruthy();
    expect(screen.getByText('This talking point is at version 9, not version 7.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reload their version' }));
    expect(await screen.findByText(/Loaded their version \(version 9\)/)).toBeTruthy();
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Their title');
  });

  it('keeps the edit on 401 and tells the marketer to sign in again', async () => {
    const endpoint = fakeFetch(() => ({ status: 401, body: problem(401, 'Unknown token.') }));
    const { onUnauthorized } = renderSignedIn(editor(), endpoint.fetch);
    type('Body', 'Do not lose me.');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(/sign in again, then save/)).toBeTruthy();
    expect(onUnauthorized).toHaveBeenCalledOnce();
    expect(localStorage.getItem('coalface.console.draft.talkingPoint.tp_abc')).toContain('Do not lose me.');
  });

  it('asks for a saved point before previewing it for a lead', () => {
    renderSignedIn(<TalkingPointEditor point={null} campaigns={[]} known={KNOWN} />, fakeFetch(() => undefined).fetch);
    expect(screen.getByText(/Save the point as a draft first/)).toBeTruthy();
  });
});
