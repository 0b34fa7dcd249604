// A page script that frames the sidebar page itself (to read lead data, show a fake sidebar or
// clickjack one) gets nothing: the dock's shadow root is closed, so the page cannot read or swap the
// dock's iframe, and the sidebar page shows lead data only with the one-time ticket our content
// script put in the dock's iframe URL. Even a leaked ticket is refused in any other frame.
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, DANA_THREAD, dockFrame, type Endpoint, isSidebarUrl, startRepOnGmail } from './harness.ts';

let endpoint: Endpoint;
let browser: Browser;

beforeAll(async () => {
  ({ endpoint, browser } = await startRepOnGmail());
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.stop();
});

/** What the host page's own scripts can see of the dock. */
function whatThePageSees(page: Page) {
  return page.evaluate(() => {
    const dock = document.querySelector('coalface-dock');
    return {
      dock: dock !== null,
      shadowRoot: dock?.shadowRoot !== null && dock?.shadowRoot !== undefined,
      iframes: Array.from(document.querySelectorAll('iframe')).map((frame) => frame.src),
    };
  });
}

interface DomNode {
  nodeName: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

/**
 * The dock iframe's `src` as it stands in the DOM: in Chrome the sidebar page's per-session dynamic
 * URL, the only one a page may frame. Read through CDP, which sees into closed shadow roots; a page
 * script could read it only while the shadow root was open.
 */
async function dockIframeSrc(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const find = (node: DomNode): string | undefined => {
      const attributes = node.attributes ?? [];
      const attribute = (name: string) => attributes[attributes.indexOf(name) + 1];
      if (node.nodeName === 'IFRAME' && attributes.includes('id') && attribute('id') === 'coalface-sidebar')
        return attribute('src');
      for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
        const found = find(child);
        if (found) return found;
      }
      return undefined;
    };
    const src = find(root);
    if (!src) throw new Error('no dock iframe in the page');
    return src;
  } finally {
    await cdp.detach();
  }
}

/** The page frames itself an iframe of `src`, as a hostile script would. */
function frameFromThePage(page: Page, src: string) {
  return page.evaluate((url) => {
    const frame = document.createElement('iframe');
    frame.src = url;
    frame.style.cssText = 'position:fixed;left:0;top:0;width:360px;height:600px';
    document.body.append(frame);
  }, src);
}

describe('a sidebar page framed by the host page', () => {
  it('shows no lead data, with or without a leaked ticket, while the real dock keeps showing the lead', async () => {
    const page = await browser.context.newPage();
    await page.goto(DANA_THREAD);
    const dock = await dockFrame(page);
    await dock.getByRole('heading', { name: 'Dana Lee' }).waitFor({ timeout: 15_000 });

    // The page finds the dock element but cannot reach inside it, so not the iframe or its URL.
    expect(await whatThePageSees(page)).toEqual({ dock: true, shadowRoot: false, iframes: [] });

    // Suppose the page knew the URL anyway: bare, and with the dock's own ticket (already used).
    const withTicket = await dockIframeSrc(page);
    const bare = withTicket.split('#')[0] ?? withTicket;
    expect(withTicket).not.toBe(bare);
    await frameFromThePage(page, bare);
    await frameFromThePage(page, withTicket);

    const framedByPage = async (): Promise<Frame[]> => {
      const found: Frame[] = [];
      for (const frame of page.frames()) {
        if (frame === dock || !isSidebarUrl(frame.url())) continue;
        const owner = await frame.frameElement();
        if (await owner.evaluate((element) => element.getRootNode() === document)) found.push(frame);
      }
      return found;
    };
    await expect.poll(async () => (await framedByPage()).length, { timeout: 15_000 }).toBe(2);
    for (const rogue of await framedByPage()) {
      await rogue.getByText('Open Coalface from its own button.').waitFor({ timeout: 15_000 });
      const shown = await rogue.content();
      expect(shown).not.toContain('Dana Lee');
      expect(shown).not.toContain('dana.lee@acme-robotics.com');
      expect(await rogue.getByRole('heading').count()).toBe(0);
    }

    // The real dock is untouched and still answers the rep.
    await dock.getByRole('heading', { name: 'Dana Lee' }).waitFor();
    expect(await dock.getByText('Open Coalface from its own button.').count()).toBe(0);
    await page.close();
  });
});
