// The rows bench:detect prints, and how a browser's detection and load samples become them: the
// same figures and budgets for Chromium and Firefox.
import { createRandom } from '../../server/seed/prng.ts';

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

export const BATCHES = 2_000;
/** Batches run first, as on a page open a while, so the JIT has compiled detection. */
export const WARM_UP_BATCHES = 100;
export const LOADS = 400;
export const DETECT_BUDGET_MS = 2;
export const LOAD_BUDGET = 1.05;

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
/** The mean of the middle 80%: a load now and then slowed by the machine weighs nothing, the rest all count. */
export function trimmedMean(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.slice(Math.floor(sorted.length * 0.1), Math.ceil(sorted.length * 0.9));
  return middle.reduce((sum, v) => sum + v, 0) / middle.length;
}

/** What bench/detect/page-entry.ts puts on the bench page. */
export interface BenchWindow {
  __bench: {
    nodes(): number;
    leads(): number;
    detect(batches: number): Batch[];
    counters(): { timeouts: number; intervals: number; frames: number; observerCallbacks: number; reports: number };
    resetCounters(): void;
  };
}

/** A page's `evaluate`, as Playwright and puppeteer both offer it: a function run in the page with a number. */
export type Evaluate = (fn: (n: number) => unknown, n: number) => Promise<unknown>;

/**
 * Detection timed on a bench page already holding page-entry.ts's bundle: warmed up as a page open a
 * while would be, then `BATCHES` mutation batches, as rows for `browser`.
 */
export async function detectionOnPage(browser: string, evaluate: Evaluate): Promise<Row[]> {
  const nodes = (await evaluate(() => (window as unknown as BenchWindow).__bench.nodes(), 0)) as number;
  const leads = (await evaluate(() => (window as unknown as BenchWindow).__bench.leads(), 0)) as number;
  await evaluate((n) => (window as unknown as BenchWindow).__bench.detect(n), WARM_UP_BATCHES);
  const batches = (await evaluate((n) => (window as unknown as BenchWindow).__bench.detect(n), BATCHES)) as Batch[];
  return detectionRows(browser, batches, nodes, leads);
}

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

const loadRatio = (withExtension: number[], without: number[]) => trimmedMean(withExtension) / trimmedMean(without);

/**
 * The 95% interval of the ratio, from 1,000 resamples of the load pairs (seeded: the same samples give
 * the same interval): how far this run's figure can be trusted on a machine whose load times wander.
 */
function ratioInterval(withExtension: number[], without: number[]): [number, number] {
  const random = createRandom(withExtension.length);
  const ratios: number[] = [];
  for (let r = 0; r < 1_000; r++) {
    const picks = withExtension.map(() => Math.floor(random.next() * withExtension.length));
    ratios.push(
      loadRatio(
        picks.map((i) => withExtension[i] ?? Number.NaN),
        picks.map((i) => without[i] ?? Number.NaN),
      ),
    );
  }
  ratios.sort((a, b) => a - b);
  return [percentile(ratios, 2.5), percentile(ratios, 97.5)];
}

/** The ratio of the trimmed means, load `i` with the extension paired with load `i` without. */
export function loadRow(browser: string, withExtension: number[], without: number[]): Row {
  const [withMs, withoutMs] = [trimmedMean(withExtension), trimmedMean(without)];
  const ratio = withMs / withoutMs;
  const [low, high] = ratioInterval(withExtension, without);
  return {
    figure: `${browser}: page load where the extension runs / where it does not (${withExtension.length} each in one tab: ${withMs.toFixed(1)} / ${withoutMs.toFixed(1)} ms; 95% interval ${low.toFixed(3)}–${high.toFixed(3)})`,
    value: `${ratio.toFixed(3)}×`,
    budget: `≤ ${LOAD_BUDGET}×`,
    pass: ratio <= LOAD_BUDGET,
  };
}

/** The bench page's URL for load `i`: a new query each time, so every load is a full navigation. */
export const loadUrl = (url: string, i: number) => url.replace('#', `?load=${i}#`);

/**
 * `LOADS` load times of the page without and with the extension, after one warm-up load each,
 * alternating which goes first so neither gets the warmer machine. The caller loads both in one tab:
 * of two tabs, the first was 7% slower than the second on the same page (measured here, 200 loads each).
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
