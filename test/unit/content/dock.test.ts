// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDock, type Dock } from '../../../lib/content/dock.ts';
import { recall, remember } from '../../../lib/content/dock-memory.ts';

let dock: Dock;
beforeEach(() => {
  fakeBrowser.reset();
  dock = createDock('about:blank');
});
afterEach(() => dock.destroy());

const host = () => document.querySelector('coalface-dock');
const frame = () => host()?.shadowRoot?.querySelector('iframe') ?? null;
const handle = () => host()?.shadowRoot?.querySelector('button') ?? null;

describe('the dock', () => {
  it('opens beside a lead, with the sidebar page in an iframe', async () => {
    await dock.set('open', 'gmail');
    expect(frame()?.getAttribute('src')).toBe('about:blank');
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

    const again = createDock('about:blank');
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
    const grip = host()?.shadowRoot?.querySelector('[role="separator"]');
    expect(grip?.getAttribute('aria-valuenow')).toBe('420');
    grip?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    expect(grip?.getAttribute('aria-valuenow')).toBe('436');
    expect((host() as HTMLElement).style.getPropertyValue('--cf-width')).toBe('436px');
  });
});
