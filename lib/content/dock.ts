// The dock: the extension's sidebar page in an extension-origin iframe, fixed at the right of the
// host page, collapsible to a handle. The iframe keeps lead data and what the rep types out of the
// page's reach; the shadow root only keeps the page's CSS off the handle. It is open so tests can
// find the iframe; closing it would add no protection, since the iframe is the boundary.

const WIDTH_PX = 360;

export interface Dock {
  show(): void;
  hide(): void;
  destroy(): void;
}

export function createDock(sidebarUrl: string): Dock {
  let host: HTMLElement | undefined;
  let expanded = true;

  function build(): HTMLElement {
    const element = document.createElement('coalface-dock');
    const root = element.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = `
      :host { all: initial; position: fixed; top: 0; right: 0; bottom: 0; z-index: 2147483000; display: flex; pointer-events: none; }
      .handle { pointer-events: auto; align-self: center; writing-mode: vertical-rl; padding: 12px 6px; border: 1px solid #c7cbd1;
        border-right: 0; border-radius: 8px 0 0 8px; background: #1f3a5f; color: #fff; font: 600 12px system-ui, sans-serif; cursor: pointer; }
      .handle:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
      iframe { pointer-events: auto; width: ${WIDTH_PX}px; height: 100%; border: 0; border-left: 1px solid #c7cbd1; background: #fff;
        box-shadow: -2px 0 8px rgba(0,0,0,.12); color-scheme: normal; }
      :host([data-collapsed]) iframe { display: none; }`;
    const handle = document.createElement('button');
    handle.className = 'handle';
    handle.type = 'button';
    handle.textContent = 'Coalface';
    handle.setAttribute('aria-expanded', 'true');
    handle.setAttribute('aria-controls', 'coalface-sidebar');
    handle.title = 'Show or hide the Coalface sidebar';
    handle.addEventListener('click', () => {
      expanded = !expanded;
      handle.setAttribute('aria-expanded', String(expanded));
      element.toggleAttribute('data-collapsed', !expanded);
    });
    const frame = document.createElement('iframe');
    frame.id = 'coalface-sidebar';
    frame.title = 'Coalface sidebar';
    frame.src = sidebarUrl;
    root.append(style, handle, frame);
    element.toggleAttribute('data-collapsed', !expanded);
    return element;
  }

  return {
    show() {
      if (host?.isConnected) return;
      host ??= build();
      document.documentElement.append(host);
    },
    hide() {
      host?.remove();
    },
    destroy() {
      host?.remove();
      host = undefined;
    },
  };
}
