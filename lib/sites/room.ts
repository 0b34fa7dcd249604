import type { Alternative } from './probe.ts';

/**
 * How an app's layout gives the dock its width, as established Gmail sidebars do it: the element
 * whose right edge is pulled in, and how.
 * - `width`: `width: calc(100% - W)`, for a full-width block (an app root, a main column).
 * - `margin-right` / `padding-right`: `W`, for a block whose width follows its parent (auto, flex).
 */
export type Pull = 'width' | 'margin-right' | 'padding-right';

/** One way of making room, as seen on a given month (`YYYY-MM`). */
export interface RoomAlternative extends Alternative {
  pull: Pull;
}

/** Ways of making room, newest first: the first whose element the page has, and that takes, is used. */
export type RoomProbe = readonly RoomAlternative[];

export function room(month: string, selector: string, pull: Pull, name = selector): RoomAlternative {
  return { name, seen: month, selector, pull };
}
