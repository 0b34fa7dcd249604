// The dock on a host page in Firefox, read as the rep sees it. The dock's shadow root is closed, so
// its iframe is found among the page's frames by the document it shows: over BiDi an extension
// frame's `frame.url()` stays about:blank, but scripts and clicks in it work.
import { setTimeout } from 'node:timers/promises';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { SLOW_MS, textIn } from './text.ts';

async function isSidebarOf(frame: Frame, uuid: string): Promise<boolean> {
  if (frame.detached) return false;
  const href = await frame.evaluate(() => location.href).catch(() => '');
  return href.startsWith(`moz-extension://${uuid}/sidebar.html`);
}

/** The sidebar page in the dock of `page`, once the dock is on the page and its frame has loaded. */
export async function dockFrame(page: Page, uuid: string, timeoutMs = SLOW_MS): Promise<Frame> {
  await page.waitForSelector('coalface-dock', { timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.mainFrame().childFrames()) {
      if (await isSidebarOf(frame, uuid)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`the dock's sidebar frame did not load within ${timeoutMs} ms`);
    // Its iframe is built, then loads the sidebar page: look again shortly.
    await setTimeout(100);
  }
}

/** A talking point's card in the sidebar, by its title. */
export async function pointCard(sidebar: Frame, title: string): Promise<ElementHandle> {
  const heading = await textIn(sidebar, 'li.cf-point h3', title);
  const card = (await heading.evaluateHandle((node) => node.closest('li.cf-point'))).asElement();
  if (!card) throw new Error(`the point "${title}" has no card`);
  return card as ElementHandle;
}

/** "Didn't land", a reason, Send: as a rep says a point did not work. */
export async function flagDidntLand(card: ElementHandle, reason: string): Promise<void> {
  await (await textIn(card, 'button', "Didn't land")).click();
  await (await textIn(card, 'label.cf-radio', reason)).click();
  await (await textIn(card, 'form.cf-didnt-land button[type=submit]', 'Send')).click();
}
