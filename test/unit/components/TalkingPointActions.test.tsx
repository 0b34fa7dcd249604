// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { danaContext, readyState } from './fixtures.ts';
import { renderSidebar } from './render.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  Reflect.deleteProperty(document, 'execCommand');
});

const [IDLE_CAPACITY] = danaContext.talkingPoints;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
if (!IDLE_CAPACITY) throw new Error('fixture needs a talking point');

function pointCard(title: string) {
  const card = screen.getByRole('heading', { level: 3, name: title }).closest('li');
  if (!card) throw new Error(`no card for ${title}`);
  return within(card);
}

function stubClipboard(writeText: (text: string) => Promise<void>) {
  const spy = vi.fn(writeText);
  vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: spy } });
  return spy;
}

/** The selection fallback refuses too (copyText's order: test/unit/ui/clipboard.test.ts). */
function refuseSelectionCopy() {
  Object.defineProperty(document, 'execCommand', { configurable: true, value: () => false });
}

describe('Copy', () => {
  it("puts the point's text on the clipboard and says Copied", async () => {
    const writeText = stubClipboard(async () => {});
    renderSidebar(readyState());
    const card = pointCard(IDLE_CAPACITY.title);
    fireEvent.click(card.getByRole('button', { name: `Copy “${IDLE_CAPACITY.title}”` }));
    await waitFor(() =>
      expect(card.getByRole('button', { name: `Copy “${IDLE_CAPACITY.title}”` }).textContent).toBe('Copied'),
    );
    expect(writeText).toHaveBeenCalledWith(IDLE_CAPACITY.body);
    expect(card.getByText('Copied to the clipboard.')).toBeTruthy();
  });

  it('tells the background of each copy as a use of the point, with its own id and no text', async () => {
    stubClipboard(async () => {});
    const { sent } = renderSidebar(readyState());
    const button = pointCard(IDLE_CAPACITY.title).getByRole('button', { name: /^Copy/ });
    fireEvent.click(button);
    await waitFor(() => expect(sent('use')).toHaveLength(1));
    fireEvent.click(button);
    await waitFor(() => expect(sent('use')).toHaveLength(2));
    const uses = sent('use');
    for (const use of uses) {
      expect(use).toEqual({
        type: 'use',
        id: expect.stringMatching(UUID),
        action: 'copied',
        target: { kind: 'talkingPoint', id: IDLE_CAPACITY.id },
      });
    }
    expect(uses[0]?.id).not.toBe(uses[1]?.id);
  });

  it('says how to copy by hand when the clipboard is refused', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    stubClipboard(async () => {
      throw new DOMException('Write permission denied.', 'NotAllowedError');
    });
    refuseSelectionCopy();
    renderSidebar(readyState());
    const card = pointCard(IDLE_CAPACITY.title);
    fireEvent.click(card.getByRole('button', { name: /^Copy/ }));
    const alert = await card.findByRole('alert');
    expect(alert.textContent).toBe(
      "The browser didn't let Coalface use the clipboard. Select the text above and press Ctrl+C (⌘C on a Mac).",
    );
    expect(card.getByRole('button', { name: /^Copy/ }).textContent).toBe('Copy');
  });

  it('records the use when the clipboard refused, since the rep is told to copy the text by hand', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    stubClipboard(async () => {
      throw new DOMException('Write permission denied.', 'NotAllowedError');
    });
    refuseSelectionCopy();
    const { sent } = renderSidebar(readyState());
    const card = pointCard(IDLE_CAPACITY.title);
    fireEvent.click(card.getByRole('button', { name: /^Copy/ }));
    await card.findByRole('alert');
    expect(sent('use')).toEqual([
      {
        type: 'use',
        id: expect.stringMatching(UUID),
        action: 'copied',
        target: { kind: 'talkingPoint', id: IDLE_CAPACITY.id },
      },
    ]);
  });
});

describe('Insert', () => {
  it('says nothing until the rep clicks', () => {
    renderSidebar(readyState());
    expect(screen.queryByText(/draft/)).toBeNull();
    expect(screen.queryByText(/Open a reply/)).toBeNull();
  });

  it("asks the background to insert the point's text and shows its answer", () => {
    const { sent, answer } = renderSidebar(readyState());
    const card = pointCard(IDLE_CAPACITY.title);
    fireEvent.click(card.getByRole('button', { name: `Insert “${IDLE_CAPACITY.title}” into your draft` }));
    const [intent] = sent('insert');
    expect(intent).toEqual({
      type: 'insert',
      requestId: expect.any(String),
      text: IDLE_CAPACITY.body,
      // The use it becomes once the text is in: the point and an id made now; no text of its own.
      use: { id: expect.stringMatching(UUID), target: { kind: 'talkingPoint', id: IDLE_CAPACITY.id } },
    });
    expect(card.getByText('Inserting…')).toBeTruthy();

    act(() => answer({ requestId: intent?.requestId ?? '', ok: true, code: 'inserted', message: 'Inserted.' }));
    expect(card.getByText('Inserted into your draft')).toBeTruthy();
  });

  it('tells the rep to open a reply first when there is no draft', () => {
    const { sent, answer } = renderSidebar(readyState());
    const card = pointCard(IDLE_CAPACITY.title);
    fireEvent.click(card.getByRole('button', { name: /^Insert/ }));
    const [intent] = sent('insert');
    act(() => answer({ requestId: intent?.requestId ?? '', ok: false, code: 'no-compose', message: 'no compose' }));
    expect(card.getByText('Open a reply or a new message first, then click Insert.')).toBeTruthy();
  });

  it("answers only the card that asked; another card's answer is not shown here", () => {
    const { sent, answer } = renderSidebar(readyState());
    fireEvent.click(pointCard(IDLE_CAPACITY.title).getByRole('button', { name: /^Insert/ }));
    const [intent] = sent('insert');
    act(() => answer({ requestId: intent?.requestId ?? '', ok: true, code: 'inserted', message: '' }));
    expect(pointCard('Budget cycle timing').queryByText('Inserted into your draft')).toBeNull();
  });
});

describe("a campaign's call to action", () => {
  it('is told to the background as a use of the campaign when the rep opens it, click or middle click', () => {
    const campaign = danaContext.campaign;
    if (!campaign?.message.cta) throw new Error('fixture needs a campaign with a call to action');
    const { sent } = renderSidebar(readyState());
    const link = within(screen.getByRole('region', { name: 'Campaign' })).getByRole('link', {
      name: new RegExp(campaign.message.cta.label),
    });
    // happy-dom would follow the link; the rep's browser opens it in a new tab.
    link.addEventListener('click', (event) => event.preventDefault());
    fireEvent.click(link);
    fireEvent(link, new MouseEvent('auxclick', { bubbles: true, button: 1 }));
    fireEvent(link, new MouseEvent('auxclick', { bubbles: true, button: 2 }));
    const uses = sent('use');
    expect(uses).toEqual([
      {
        type: 'use',
        id: expect.stringMatching(UUID),
        action: 'opened_cta',
        target: { kind: 'campaignMessage', id: campaign.key },
      },
      {
        type: 'use',
        id: expect.stringMatching(UUID),
        action: 'opened_cta',
        target: { kind: 'campaignMessage', id: campaign.key },
      },
    ]);
    expect(uses[0]?.id).not.toBe(uses[1]?.id);
  });
});

describe('how a point has fared', () => {
  it('reads "Landed 8 of 11" when reps have said', () => {
    const fared = { ...IDLE_CAPACITY, fared: { landed: 8, didntLand: 3 } };
    renderSidebar(readyState({ ...danaContext, talkingPoints: [fared] }));
    expect(pointCard(IDLE_CAPACITY.title).getByText('Landed 8 of 11')).toBeTruthy();
  });

  it('says nothing when no rep has said', () => {
    renderSidebar(readyState());
    expect(screen.queryByText(/^Landed \d+ of/)).toBeNull();
  });
});

describe('endpoint text is text', () => {
  it('shows markup in a point body as characters, and creates no element from it', () => {
    const markup = '<img src=x onerror=alert(1)>';
    const { main } = renderSidebar(
      readyState({ ...danaContext, talkingPoints: [{ ...IDLE_CAPACITY, body: markup, title: '<b>Bold</b>' }] }),
    );
    expect(screen.getByText(markup)).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: '<b>Bold</b>' })).toBeTruthy();
    expect(main.querySelector('img, b')).toBeNull();
  });

  it('makes no link of a javascript: call to action', () => {
    const campaign = danaContext.campaign;
    if (!campaign) throw new Error('fixture needs a campaign');
    renderSidebar(
      readyState({
        ...danaContext,
        campaign: {
          ...campaign,
          message: { ...campaign.message, cta: { label: 'Claim', url: 'javascript:alert(1)' } },
        },
      }),
    );
    const region = within(screen.getByRole('region', { name: 'Campaign' }));
    expect(region.queryByRole('link')).toBeNull();
    expect(document.querySelector('a[href^="javascript:"]')).toBeNull();
  });
});
