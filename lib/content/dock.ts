// The dock: the extension's sidebar page in an extension-origin iframe, fixed at the right of the
// host page, collapsible to a handle and resizable from its left edge. The iframe keeps lead data
// and what the rep types out of the page's reach. The shadow root is closed and kept only here, so a
// page script cannot read the iframe's URL (it carries the frame's one-time ticket), swap its src or
// re-frame it; the sidebar page shows lead data only with that ticket (lib/frame-ticket.ts).
import type { SiteId } from '../sites/types.ts';
import { clampWidth, type DockMemory, MAX_WIDTH, MIN_WIDTH, recall, remember } from './dock-memory.ts';
import { safe } from './safe.ts';

/** open: the sidebar shows; handle: only the quiet handle; none: nothing on this page. */
export type DockMode = 'open' | 'handle' | 'none';

export interface Dock {
  /** What the background decided for this page; `open` restores the rep's collapsed state and width for the site. */
  set(mode: DockMode, site?: SiteId): Promise<void>;
  /** Expands or collapses (the handle, or the keyboard shortcut); nothing when no dock is shown. */
  toggle(): void;
  destroy(): void;
}

const KEY_STEP = 16;

const CSS = `
:host { all: initial; position: fixed; top: 0; right: 0; bottom: 0; z-index: 2147483000; display: flex; pointer-events: none; }
.handle { pointer-events: auto; align-self: center; writing-mode: vertical-rl; padding: 12px 6px; border: 1px solid #c7cbd1;
  border-right: 0; border-radius: 8px 0 0 8px; background: #1f3a5f; color: #fff; font: 600 12px system-ui, sans-serif; cursor: pointer; }
.handle:focus-visible, .grip:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
.panel { position: relative; pointer-events: auto; height: 100%; display: flex; }
.grip { position: absolute; left: -4px; top: 0; bottom: 0; width: 8px; cursor: ew-resize; z-index: 1; background: transparent; }
.grip:hover, .dragging .grip { background: rgba(31,58,95,.25); }
.dragging iframe { pointer-events: none; }
iframe { width: var(--cf-width, 360px); height: 100%; border: 0; border-left: 1px solid #c7cbd1; background: #fff;
  box-shadow: -2px 0 8px rgba(0,0,0,.12); color-scheme: normal; }
:host([data-collapsed]) .panel { display: none; }`;

/** `frameUrl` gives the sidebar page's URL with a fresh frame ticket, once per iframe built. */
export function createDock(frameUrl: () => Promise<string | undefined>): Dock {
  let mode: DockMode = 'none';
  let expanded = false;
  let site: SiteId | undefined;
  let width = 360;
  let host: HTMLElement | undefined;
  let root: ShadowRoot | undefined;
  let handle: HTMLButtonElement | undefined;
  let panel: HTMLElement | undefined;
  let grip: HTMLElement | undefined;
  let generation = 0;

  const save = () => {
    if (mode === 'open' && site) void remember(site, { collapsed: !expanded, width });
  };

  function applyWidth(next: number) {
    width = clampWidth(next);
    host?.style.setProperty('--cf-width', `${width}px`);
    grip?.setAttribute('aria-valuenow', String(width));
  }

  function buildPanel(root: ShadowRoot) {
    panel = document.createElement('div');
    panel.className = 'panel';
    grip = document.createElement('div');
    grip.className = 'grip';
    grip.tabIndex = 0;
    grip.setAttribute('role', 'separator');
    grip.setAttribute('aria-orientation', 'vertical');
    grip.setAttribute('aria-label', 'Resize the Coalface sidebar');
    grip.setAttribute('aria-valuemin', String(MIN_WIDTH));
    grip.setAttribute('aria-valuemax', String(MAX_WIDTH));
    grip.setAttribute('aria-valuenow', String(width));
    const drag = panel;
    const thumb = grip;
    thumb.addEventListener(
      'pointerdown',
      safe((event: PointerEvent) => {
        event.preventDefault();
        thumb.setPointerCapture(event.pointerId);
        drag.classList.add('dragging');
      }),
    );
    thumb.addEventListener(
      'pointermove',
      safe((event: PointerEvent) => {
        if (drag.classList.contains('dragging')) applyWidth(innerWidth - event.clientX);
      }),
    );
    const stop = safe((event: PointerEvent) => {
      if (!drag.classList.contains('dragging')) return;
      drag.classList.remove('dragging');
      if (thumb.hasPointerCapture(event.pointerId)) thumb.releasePointerCapture(event.pointerId);
      save();
    });
    thumb.addEventListener('pointerup', stop);
    thumb.addEventListener('pointercancel', stop);
    thumb.addEventListener(
      'keydown',
      safe((event: KeyboardEvent) => {
        // The grip is the left edge: moving it left widens the sidebar.
        const delta = event.key === 'ArrowLeft' ? KEY_STEP : event.key === 'ArrowRight' ? -KEY_STEP : 0;
        if (delta === 0) return;
        event.preventDefault();
        applyWidth(width + delta);
        save();
      }),
    );
    const frame = document.createElement('iframe');
    frame.id = 'coalface-sidebar';
    frame.title = 'Coalface sidebar';
    // Copy in the sidebar writes to the clipboard from inside this frame.
    frame.allow = 'clipboard-write';
    panel.append(grip, frame);
    root.append(panel);
    const built = panel;
    frameUrl()
      .then((url) => {
        if (!url || panel !== built) return;
        // An iframe loading before the host page's load event would hold that event back: wait for it.
        if (document.readyState === 'complete') frame.src = url;
        else addEventListener('load', () => frame.setAttribute('src', url), { once: true });
      })
      .catch(() => undefined);
  }

  /** An iframe taken out of the document loads again when put back: it is built anew, with a new ticket. */
  function dropPanel() {
    panel?.remove();
    panel = undefined;
    grip = undefined;
  }

  function build(): HTMLElement {
    const element = document.createElement('coalface-dock');
    root = element.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = CSS;
    handle = document.createElement('button');
    handle.className = 'handle';
    handle.type = 'button';
    handle.textContent = 'Coalface';
    handle.title = 'Show or hide the Coalface sidebar';
    handle.setAttribute('aria-controls', 'coalface-sidebar');
    handle.addEventListener('click', safe(toggle));
    root.append(style, handle);
    return element;
  }

  function render() {
    if (mode === 'none') {
      host?.remove();
      dropPanel();
      return;
    }
    host ??= build();
    if (!host.isConnected) dropPanel();
    // The sidebar page loads only once the rep first sees it: a handle costs the host page nothing.
    if (expanded && !panel && root) buildPanel(root);
    host.toggleAttribute('data-collapsed', !expanded);
    handle?.setAttribute('aria-expanded', String(expanded));
    applyWidth(width);
    if (!host.isConnected) document.documentElement.append(host);
  }

  function toggle() {
    if (mode === 'none') return;
    expanded = !expanded;
    render();
    save();
  }

  return {
    async set(next, nextSite) {
      const ticket = ++generation;
      let memory: DockMemory | undefined;
      if (next === 'open' && nextSite && (nextSite !== site || mode !== 'open')) memory = await recall(nextSite);
      if (ticket !== generation) return;
      if (nextSite) site = nextSite;
      if (memory) {
        expanded = !memory.collapsed;
        width = memory.width;
      } else if (next === 'handle' || next === 'none') {
        expanded = false;
      }
      mode = next;
      render();
    },
    toggle,
    destroy() {
      generation++;
      mode = 'none';
      host?.remove();
      dropPanel();
      host = undefined;
      root = undefined;
    },
  };
}
