// The rows bench:detect prints, and how a browser's detection and load samples become them: the
// same figures and budgets for Chromium and Firefox.

export interface Row {
  figure: string;
  value: string;
  budget: string;
  pass: boolean;
}

/** One check after one mutation batch, as the page's `__bench.detect` returns it. */
export interface Batch {
  ms: number;
  full: boolean;
}

export const BATCHES = 1_000;
/** Batches run first, as on a page open a while, so the JIT has compiled detection. */
export const WARM_UP_BATCHES = 100;
export const LOADS = 100;
export const DETECT_BUDGET_MS = 2;
export const LOAD_BUDGET = 1.05;

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
export const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export function detectionRows(browser: string, batches: Batch[], nodes: number, leads: number): Row[] {
  const times = batches.map((b) => b.ms).sort((a, b) => a - b);
  const full = batches
    .filter((b) => b.full)
    .map((b) => b.ms)
    .sort((a, b) => a - b);
  const row = (figure: string, ms: number): Row => ({
    figure: `${browser}: ${figure}`,
    value: `${ms.toFixed(2)} ms`,
    budget: `≤ ${DETECT_BUDGET_MS} ms`,
    pass: ms <= DETECT_BUDGET_MS,
  });
  return [
    row(
      `detection per mutation batch, p50 (${nodes} elements, ${leads} leads, ${batches.length} batches)`,
      percentile(times, 50),
    ),
    row('detection per mutation batch, p95', percentile(times, 95)),
    // The batches that could change who is shown, alone: the worst case, held to the same budget.
    row(`  only the ${full.length} batches detected in full, p95`, percentile(full, 95)),
  ];
}

/** The ratio of the medians. */
export function loadRow(browser: string, withExtension: number[], without: number[]): Row {
  const ratio = median(withExtension) / median(without);
  return {
    figure: `${browser}: page load where the extension runs / where it does not (median of ${withExtension.length} each: ${median(withExtension).toFixed(1)} / ${median(without).toFixed(1)} ms)`,
    value: `${ratio.toFixed(3)}×`,
    budget: `≤ ${LOAD_BUDGET}×`,
    pass: ratio <= LOAD_BUDGET,
  };
}

/** The bench page's URL for load `i`: a new query each time, so every load is a full navigation. */
export const loadUrl = (url: string, i: number) => url.replace('#', `?load=${i}#`);

/**
 * `LOADS` load times of the page without and with the extension, after one warm-up load each,
 * alternating which goes first so neither gets the warmer machine.
 */
export async function alternateLoads(load: (which: 'without' | 'with', i: number) => Promise<number>) {
  await load('without', -1);
  await load('with', -1);
  const without: number[] = [];
  const withExtension: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const order = i % 2 === 0 ? (['without', 'with'] as const) : (['with', 'without'] as const);
    for (const which of order) (which === 'with' ? withExtension : without).push(await load(which, i));
  }
  return { without, withExtension };
}
