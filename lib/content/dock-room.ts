// Makes room for the dock beside the host app, so the dock covers none of what the rep reads. The
// site's adapter says how (its `room`, lib/sites/room.ts); this pulls that element's right edge in
// while the dock is open, once per open or resize, checks that it took, and undoes it exactly. Where
// no alternative fits the page, nothing is changed and the dock overlays the page as before.
import type { Pull, RoomProbe } from '../sites/room.ts';

/** Narrower than this, the app would be of no use beside the dock: the dock overlays it instead. */
export const MIN_APP_WIDTH = 600;

export interface Room {
  /** Makes `width` px of room at the right with the first alternative that takes; false: the dock overlays. */
  make(probe: RoomProbe, width: number): boolean;
  /** After the page changed: makes the room again if the app replaced or restyled the element, else nothing. */
  keep(): void;
  /** Gives the page its width back, with the element's own inline style as it was. */
  give(): void;
}

export function createRoom(doc: Document = document): Room {
  // What the open dock asks for: how, and how wide. `retry`: whether keep() may try again (not while
  // the window is too narrow).
  let probe: RoomProbe | undefined;
  let width = 0;
  let retry = false;
  // The element pulled in, how, its style attribute before and after the pull, and its own inline
  // declaration of that property (value, priority).
  let el: HTMLElement | undefined;
  let prop: Pull = 'width';
  let value = '';
  let before: string | null = null;
  let after: string | null = null;
  let own: [string, string] = ['', ''];
  // Elements hidden, or where a pull did not take: not tried again while they live, since each try
  // lays the page out.
  const refused = new WeakSet<Element>();

  const intact = () => el?.isConnected === true && el.style.getPropertyValue(prop) === value;

  function undo(): void {
    if (!el) return;
    const style = el.style;
    // Untouched since: the attribute as it was, to the letter. Else the app restyled it meanwhile:
    // our declaration, if still there, goes and the page's own comes back; the app's new one stays.
    if (el.getAttribute('style') === after) {
      if (before === null) el.removeAttribute('style');
      else el.setAttribute('style', before);
    } else if (style.getPropertyValue(prop) === value) {
      style.removeProperty(prop);
      if (own[0]) style.setProperty(prop, own[0], own[1]);
    }
    el = undefined;
  }

  /** Pulls with the first alternative that takes. False when the window leaves the app too little. */
  function pull(): boolean {
    undo();
    let viewport: number | undefined;
    for (const alternative of probe ?? []) {
      const found = doc.querySelector<HTMLElement>(alternative.selector);
      if (!found?.style || refused.has(found)) continue;
      // Read only once an element is there: it lays the page out.
      viewport ??= doc.documentElement.clientWidth;
      if (viewport - width < MIN_APP_WIDTH) return false;
      const style = found.style;
      prop = alternative.pull;
      own = [style.getPropertyValue(prop), style.getPropertyPriority(prop)];
      before = found.getAttribute('style');
      value = prop === 'width' ? `calc(100% - ${width}px)` : `${width}px`;
      el = found;
      style.setProperty(prop, value, 'important');
      after = found.getAttribute('style');
      // Took: the element shows, and its right edge now stops where the dock begins.
      const box = found.getBoundingClientRect();
      if (box.width > 0 && box.right <= viewport - width + 1) return true;
      undo();
      refused.add(found);
    }
    return true;
  }

  return {
    make(next, nextWidth) {
      if (next === probe && nextWidth === width && intact()) return true;
      probe = next;
      width = nextWidth;
      retry = pull();
      return el !== undefined;
    },
    keep() {
      // Nothing wanted, still in place, or a window too narrow: nothing to do, and no layout read.
      if (probe && retry && !intact()) retry = pull();
    },
    give() {
      probe = undefined;
      undo();
    },
  };
}
