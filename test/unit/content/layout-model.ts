import { afterAll } from 'vitest';

/**
 * happy-dom lays nothing out: a small model of the page stands in. The window is `viewport` wide; a
 * block spans it unless its inline style pulls its right edge in; `hidden` shows nothing; `.stubborn`
 * keeps its width whatever is set on it (a layout the pull does not take on); the dock is its sidebar
 * and a 30 px rail. `reads` counts layouts.
 */
export function layoutModel(): { viewport: number; reads: number } {
  const model = { viewport: 1280, reads: 0 };
  const rectOf = Element.prototype.getBoundingClientRect;
  Element.prototype.getBoundingClientRect = function (this: Element) {
    model.reads++;
    const el = this as HTMLElement;
    if (el.hidden) return DOMRect.fromRect({ x: 0, y: 0, width: 0, height: 0 });
    // The dock: its sidebar's width and a 30 px rail for the handle, at the right.
    if (el.localName === 'coalface-dock') {
      const width = Number.parseInt(el.style.getPropertyValue('--cf-width'), 10) + 30;
      return DOMRect.fromRect({ x: model.viewport - width, y: 0, width, height: 100 });
    }
    let right = model.viewport;
    if (!el.classList.contains('stubborn')) {
      const width = /^calc\(100% - (\d+)px\)$/.exec(el.style.getPropertyValue('width'))?.[1];
      const margin = /^(\d+)px$/.exec(el.style.getPropertyValue('margin-right'))?.[1];
      right -= Number(width ?? margin ?? 0);
    }
    return DOMRect.fromRect({ x: 0, y: 0, width: right, height: 100 });
  };
  Object.defineProperty(document.documentElement, 'clientWidth', { configurable: true, get: () => model.viewport });
  afterAll(() => {
    Element.prototype.getBoundingClientRect = rectOf;
  });
  return model;
}
