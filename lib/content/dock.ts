// The dock: the extension's sidebar page in an extension-origin iframe, fixed at the right of the
// host page, collapsible to a handle and resizable from its left edge. The iframe keeps lead data
// and what the rep types out of the page's reach. The shadow root is closed and kept only here, so a
// page script cannot read the iframe's URL (it carries the frame's one-time ticket), swap its src or
// re-frame it; the sidebar page shows lead data only with that ticket (lib/frame-ticket.ts).
// While open, the dock takes its own room where the site says how (lib/content/dock-room.ts).
import type { RoomProbe } from '../sites/room.ts';
import type { SiteId } from '../sites/types.ts';
import { clampWidth, type DockMemory, MAX_WIDTH, MIN_WIDTH, recall, remember } from './dock-memory.ts';
import { createRoom } from './dock-room.ts';
import { safe } from './safe.ts';
import { sidebarOrigin } from './sidebar-frame-url.ts';
import { t } from './words.ts';

/** open: the sidebar shows; handle: only the quiet handle; none: nothing on this page. */
export type DockMode = 'open' | 'handle' | 'none';

export interface Dock {
  /**
   * What the background decided for this page; `open` restores the rep's collapsed state and width for
   * the site. `sidePanel`: the browser has a side panel the dock may offer to open instead.
   */
  set(mode: DockMode, site?: SiteId, sidePanel?: boolean): Promise<void>;
  /** Expands or collapses (the handle, or the keyboard shortcut); nothing when no dock is shown. */
  toggle(): void;
  /** The page changed: makes the dock's room again if the app replaced the element that gave it. */
  keepRoom(): void;
  /** Gives the page its room back and takes the dock off it. */
  destroy(): void;
}

export interface DockOptions {
  /** How the site makes room for the dock beside its app; none: the dock overlays the page. */
  room?: (site: SiteId) => RoomProbe;
  /** Asks the background to open the browser's side panel for this tab (in the click); whether it opened. */
  openSidePanel?: () => Promise<boolean>;
}

const KEY_STEP = 16;

const CSS = `:host{all:initial;position:fixed;top:0;right:0;bottom:0;z-index:2147483000;display:flex;pointer-events:none}
.rail{display:flex;flex-direction:column;justify-content:center;align-items:flex-end;gap:8px}
.handle,.side{pointer-events:auto;border:1px solid #c7cbd1;border-right:0;border-radius:8px 0 0 8px;cursor:pointer}
.handle{writing-mode:vertical-rl;padding:12px 6px;background:#1f3a5f;color:#fff;font:600 12px system-ui,sans-serif}
.side{padding:4px 6px;background:#fff;color:#1f3a5f;font:16px system-ui,sans-serif}
.handle:focus-visible,.side:focus-visible,.grip:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.panel{position:relative;pointer-events:auto;height:100%;display:flex}
.grip{position:absolute;left:-4px;top:0;bottom:0;width:8px;cursor:ew-resize;z-index:1;background:transparent}
.grip:hover,.dragging .grip{background:rgba(31,58,95,.25)}
.dragging iframe{pointer-events:none}
iframe{width:var(--cf-width,360px);height:100%;border:0;border-left:1px solid #c7cbd1;background:#fff;box-shadow:-2px 0 8px rgba(0,0,0,.12);color-scheme:normal}
:host([data-collapsed]) .panel,:host([data-collapsed]) .side,.side[hidden]{display:none}`;

/** `frameUrl` gives the sidebar page's URL with a fresh frame ticket, once per iframe built. */
export function createDock(frameUrl: () => Promise<string | undefined>, options: DockOptions = {}): Dock {
  const room = createRoom();
  let mode: DockMode = 'none';
  let expanded = false;
  let site: SiteId | undefined;
  let width = 360;
  let host: HTMLElement | undefined;
  let root: ShadowRoot | undefined;
  let handle: HTMLButtonElement | undefined;
  let side: HTMLButtonElement | undefined;
  let offerSidePanel = false;
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

  /**
   * The page's room for the open dock, made once per open or resize (not on each step of a drag);
   * given back when collapsed or gone. The room is the dock's whole width, its handle included.
   */
  function fitRoom() {
    if (mode !== 'open' || !expanded || !site || !host?.isConnected) {
      room.give();
      return;
    }
    const probe = options.room?.(site) ?? [];
    room.make(probe, Math.ceil(Math.max(width, host.getBoundingClientRect().width)));
  }

  function buildPanel(root: ShadowRoot) {
    panel = document.createElement('div');
    panel.className = 'panel';
    grip = document.createElement('div');
    grip.className = 'grip';
    grip.tabIndex = 0;
    grip.setAttribute('role', 'separator');
    grip.setAttribute('aria-orientation', 'vertical');
    grip.setAttribute('aria-label', t('dockResize'));
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
      fitRoom();
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
        fitRoom();
        save();
      }),
    );
    const frame = document.createElement('iframe');
    frame.id = 'coalface-sidebar';
    frame.title = t('dockFrameTitle');
    // Copy in the sidebar writes to the clipboard from inside this frame. Chromium fixes the delegation
    // when the frame is inserted and does not match the default 'src' to the extension's origin: the
    // origin is named, before the append (docs/architecture.md, "The clipboard in the dock").
    frame.allow = `clipboard-write ${sidebarOrigin()}`;
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
    const rail = document.createElement('div');
    rail.className = 'rail';
    handle = document.createElement('button');
    handle.className = 'handle';
    handle.type = 'button';
    handle.textContent = t('extName');
    handle.title = t('toggleDockCommand');
    handle.setAttribute('aria-controls', 'coalface-sidebar');
    handle.addEventListener('click', safe(toggle));
    rail.append(handle);
    const open = options.openSidePanel;
    if (open) {
      side = document.createElement('button');
      side.className = 'side';
      side.type = 'button';
      side.title = t('dockSidePanel');
      side.setAttribute('aria-label', t('dockSidePanel'));
      // A window with a panel at its right: the browser's side panel.
      side.textContent = '◨';
      // Sent within the click: Chrome opens its side panel only in answer to a user gesture.
      side.addEventListener(
        'click',
        safe(() => {
          open()
            .then((opened) => {
              // The side panel shows the sidebar: on this tab the dock gives the page its room back.
              // Not remembered for the site, so other tabs keep the dock as the rep left it.
              if (opened && expanded) {
                expanded = false;
                render();
              }
            })
            .catch(() => undefined);
        }),
      );
      rail.append(side);
    }
    root.append(style, rail);
    return element;
  }

  function render() {
    if (mode === 'none') {
      room.give();
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
    if (side) side.hidden = !offerSidePanel;
    applyWidth(width);
    if (!host.isConnected) document.documentElement.append(host);
    fitRoom();
  }

  function toggle() {
    if (mode === 'none') return;
    expanded = !expanded;
    render();
    save();
  }

  return {
    async set(next, nextSite, sidePanel = false) {
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
      offerSidePanel = sidePanel;
      render();
    },
    toggle,
    keepRoom() {
      room.keep();
    },
    destroy() {
      generation++;
      mode = 'none';
      room.give();
      host?.remove();
      dropPanel();
      host = undefined;
      root = undefined;
    },
  };
}
