// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDock, type Dock } from '../../../lib/content/dock.ts';
import { recall, remember } from '../../../lib/content/dock-memory.ts';
import { room } from '../../../lib/sites/room.ts';
import { layoutModel } from './layout-model.ts';

const layout = layoutModel();

// The dock's shadow root is closed, so a page cannot reach it; the test keeps the roots it attaches.
const roots = new WeakMap<Element, ShadowRoot>();
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
  const root = attachShadow.call(this, init);
  roots.set(this, root);
  return root;
};

let tickets = 0;
/** Stands in for the content script asking the background for a one-time frame ticket. */
const frameUrl = vi.fn(async () => `about:blank#ticket-${++tickets}`);

let dock: Dock;
beforeEach(() => {
  fakeBrowser.reset();
  frameUrl.mockClear();
  dock = createDock(frameUrl);
});
afterEach(() => dock.destroy());

const host = () => document.querySelector('coalface-dock');
const inside = () => {
  const element = host();
  return element ? roots.get(element) : undefined;
};
const frame = () => inside()?.querySelector('iframe') ?? null;
const handle = () => inside()?.querySelector('button') ?? null;

describe('the dock', () => {
  it('opens beside a lead, with the sidebar page in an iframe whose URL carries a fresh ticket', async () => {
    await dock.set('open', 'gmail');
    await vi.waitFor(() => expect(frame()?.getAttribute('src')).toMatch(/^about:blank#ticket-\d+$/));
    expect(host()?.hasAttribute('data-collapsed')).toBe(false);
    expect(handle()?.getAttribute('aria-expanded')).toBe('true');
  });

  it('shows only the handle, and loads no sidebar, on a page with no lead', async () => {
    await dock.set('handle', 'gmail');
    expect(handle()).not.toBeNull();
    expect(frame()).toBeNull();
  });

  it('shows nothing when the site is off or the page is no lead view', async () => {
    await dock.set('open', 'gmail');
    await dock.set('none');
    expect(host()).toBeNull();
    dock.toggle();
    expect(host()).toBeNull();
  });

  it('remembers per site that the rep collapsed it', async () => {
    await dock.set('open', 'hubspot');
    handle()?.click();
    expect(host()?.hasAttribute('data-collapsed')).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect((await recall('hubspot')).collapsed).toBe(true);
    expect((await recall('gmail')).collapsed).toBe(false);

    const again = createDock(frameUrl);
    dock.destroy();
    await again.set('open', 'hubspot');
    expect(host()?.hasAttribute('data-collapsed')).toBe(true);
    again.toggle();
    expect(host()?.hasAttribute('data-collapsed')).toBe(false);
    again.destroy();
  });

  it('keeps a remembered width within 300–560 px and resizes from the keyboard', async () => {
    await remember('salesforce', { collapsed: false, width: 900 });
    expect((await recall('salesforce')).width).toBe(560);
    await browser.storage.local.set({ dock: { salesforce: { collapsed: false, width: 420 } } });
    await dock.set('open', 'salesforce');
    const grip = inside()?.querySelector('[role="separator"]');
    expect(grip?.getAttribute('aria-valuenow')).toBe('420');
    grip?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    expect(grip?.getAttribute('aria-valuenow')).toBe('436');
    expect((host() as HTMLElement).style.getPropertyValue('--cf-width')).toBe('436px');
  });

  it('keeps its insides from the page: the shadow root is closed', async () => {
    await dock.set('open', 'gmail');
    expect(host()).not.toBeNull();
    expect(host()?.shadowRoot).toBeNull();
    expect(document.querySelector('iframe')).toBeNull();
  });

  it('asks for a new ticket whenever the sidebar frame is built again, never reusing one', async () => {
    await dock.set('open', 'gmail');
    await vi.waitFor(() => expect(frame()?.getAttribute('src')).toBeTruthy());
    const first = frame()?.getAttribute('src');
    await dock.set('none');
    await dock.set('open', 'gmail');
    await vi.waitFor(() => expect(frame()?.getAttribute('src')).toBeTruthy());
    expect(frame()?.getAttribute('src')).not.toBe(first);
    expect(frameUrl).toHaveBeenCalledTimes(2);
  });

  it('builds the frame again if the page takes the dock out of the document', async () => {
    await dock.set('open', 'gmail');
    await vi.waitFor(() => expect(frame()?.getAttribute('src')).toBeTruthy());
    const first = frame()?.getAttribute('src');
    host()?.remove();
    await dock.set('open', 'gmail');
    await vi.waitFor(() => expect(frame()?.getAttribute('src')).toBeTruthy());
    expect(frame()?.getAttribute('src')).not.toBe(first);
  });

  it('collapsing and expanding keep the same frame: no new ticket', async () => {
    await dock.set('open', 'gmail');
    await vi.waitFor(() => expect(frame()?.getAttribute('src')).toBeTruthy());
    dock.toggle();
    dock.toggle();
    expect(frameUrl).toHaveBeenCalledTimes(1);
  });
});

describe('the dock’s room on the page', () => {
  const ROOM = [room('2026-12', '#app', 'width')];
  const appRight = () => document.querySelector('#app')?.getBoundingClientRect().right;
  let roomDock: Dock;
  beforeEach(() => {
    layout.viewport = 1280;
    document.body.innerHTML = '<div id="app" style="width: 100%;">Mail</div>';
    roomDock = createDock(frameUrl, { room: () => ROOM });
  });
  afterEach(() => roomDock.destroy());

  it('is the whole dock’s width while open, and goes back to the page collapsed, gone or destroyed', async () => {
    await roomDock.set('open', 'gmail');
    expect(appRight()).toBe(1280 - 390);
    roomDock.toggle();
    expect(appRight()).toBe(1280);
    roomDock.toggle();
    expect(appRight()).toBe(890);
    await roomDock.set('none');
    expect(appRight()).toBe(1280);
    await roomDock.set('open', 'gmail');
    roomDock.destroy();
    expect(appRight()).toBe(1280);
    expect(document.querySelector('#app')?.getAttribute('style')).toBe('width: 100%;');
  });

  it('follows a resize from the keyboard, and comes back when the app replaces its root', async () => {
    await roomDock.set('open', 'gmail');
    const grip = roots.get(host() as Element)?.querySelector('[role="separator"]');
    grip?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    expect(appRight()).toBe(1280 - 406);
    document.body.innerHTML = '<div id="app" style="width: 100%;">Next</div>';
    roomDock.keepRoom();
    expect(appRight()).toBe(874);
  });

  it('is not taken on a page with only the handle', async () => {
    await roomDock.set('handle', 'gmail');
    expect(appRight()).toBe(1280);
  });
});

describe('the side panel button', () => {
  const sideButton = () => roots.get(host() as Element)?.querySelector<HTMLButtonElement>('button.side') ?? null;

  it('is there only when the browser has a side panel', async () => {
    const withPanel = createDock(frameUrl, { openSidePanel: async () => true });
    await withPanel.set('open', 'gmail');
    expect(sideButton()?.hidden).toBe(true);
    await withPanel.set('open', 'gmail', true);
    expect(sideButton()?.hidden).toBe(false);
    withPanel.destroy();
    await dock.set('open', 'gmail', true);
    expect(sideButton()).toBeNull();
  });

  it('opens the side panel in one click and collapses the dock on this tab, without remembering it for the site', async () => {
    const open = vi.fn(async () => true);
    const withPanel = createDock(frameUrl, { openSidePanel: open });
    await withPanel.set('open', 'outlook', true);
    sideButton()?.click();
    expect(open).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(host()?.hasAttribute('data-collapsed')).toBe(true));
    expect((await recall('outlook')).collapsed).toBe(false);
    withPanel.destroy();
  });

  it('leaves the dock open when the side panel did not open', async () => {
    const open = vi.fn(async () => false);
    const withPanel = createDock(frameUrl, { openSidePanel: open });
    await withPanel.set('open', 'gmail', true);
    sideButton()?.click();
    await vi.waitFor(() => expect(open).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 0));
    expect(host()?.hasAttribute('data-collapsed')).toBe(false);
    withPanel.destroy();
  });
});
