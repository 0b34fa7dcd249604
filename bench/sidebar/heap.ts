// The dock frame's JS heap over many lead switches, and whether it stays flat. Each sample is taken
// after a forced GC. "Flat": the least-squares slope over the second half of the run is no steeper
// than FLAT_MB_PER_100 (~500 bytes a switch). The first few hundred switches warm up (compiled code,
// interned strings, React's pools) and level off; a leak keeps climbing after them, and a copy of a
// lead's context kept per switch (tens of KB) would be a hundred times steeper.
import type { Frame, Page } from 'playwright-core';

export const FLAT_MB_PER_100 = 0.05;

export interface HeapSample {
  switches: number;
  mb: number;
}

/** The frame's used JS heap after a forced garbage collection, in MB. */
export async function heapUsedMb(page: Page, frame: Frame): Promise<number> {
  const cdp = await page.context().newCDPSession(frame);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 1_048_576;
  } finally {
    await cdp.detach();
  }
}

/** The least-squares slope of MB against switches, per 100 switches. */
export function slopePer100(samples: readonly HeapSample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const meanX = samples.reduce((sum, s) => sum + s.switches, 0) / n;
  const meanY = samples.reduce((sum, s) => sum + s.mb, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const { switches, mb } of samples) {
    covariance += (switches - meanX) * (mb - meanY);
    variance += (switches - meanX) ** 2;
  }
  return variance === 0 ? 0 : (covariance / variance) * 100;
}

export function reportHeap(samples: readonly HeapSample[]): void {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last) return;
  const secondHalf = samples.filter((s) => s.switches >= last.switches / 2);
  const slope = slopePer100(secondHalf);
  const verdict = slope <= FLAT_MB_PER_100 ? 'flat' : 'GROWING';
  const whole = slopePer100(samples);
  console.log(
    `\ndock frame JS heap after forced GC, every 100 of ${last.switches} lead switches (MB):\n  ` +
      samples.map((s) => s.mb.toFixed(2)).join(' '),
  );
  console.log(
    `${first.mb.toFixed(2)} → ${last.mb.toFixed(2)} MB; least-squares slope per 100 switches ${signed(whole)} MB over ` +
      `the run, ${signed(slope)} MB over its second half  budget flat (second half ≤ ${FLAT_MB_PER_100} MB per 100): ${verdict}`,
  );
}

const signed = (mb: number) => `${mb >= 0 ? '+' : ''}${mb.toFixed(3)}`;
