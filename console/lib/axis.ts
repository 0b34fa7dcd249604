// A value axis for the console's SVG charts: d3-array's round ticks, mapped onto pixels.
import { nice, ticks } from 'd3-array';

export interface Axis {
  /** The top of the axis, a round number at or above the largest value. */
  max: number;
  ticks: number[];
  /** A value's distance from the axis's zero, in pixels over `length`. */
  scale: (value: number) => number;
}

export function valueAxis(largest: number, length: number, count = 4): Axis {
  const [, top] = nice(0, Math.max(largest, 1), count);
  const max = Math.max(top, 1);
  return { max, ticks: ticks(0, max, count).filter(Number.isInteger), scale: (value) => (value / max) * length };
}
