import type { AgainstFloor, Measured } from './against-floor.ts';
import { fmt, type GridRow, printGrid } from './report.ts';

/** Lookup throughput as a share of the no-op's, on the same server and connections. */
export const FLOOR_SHARE_BUDGET = 0.5;
export const LOOKUP_P99_BUDGET_MS = 15;
/** Server CPU per lookup at the largest scale ÷ at 10k leads. */
export const GROWTH_BUDGET = 1.3;

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');

/**
 * The growth curve: a column per database size, each lookup beside the floor measured on the same
 * server in the same run, and a last row comparing the largest size's cost with the smallest's.
 */
export function printFloorTable(
  measured: readonly { leads: number; figures: AgainstFloor }[],
  run: { connections: number; duration: number },
): void {
  const columns = measured.map((m) => `${m.leads.toLocaleString('en-US')} leads`);
  const cells = (f: (m: AgainstFloor) => string) => measured.map((m) => f(m.figures));
  const share = (m: AgainstFloor, l: Measured) => l.reqPerSec / Math.max(1, m.me.reqPerSec);
  const shareCell = (m: AgainstFloor, l: Measured) => {
    const v = share(m, l);
    return `${(v * 100).toFixed(0)}% ${verdict(v >= FLOOR_SHARE_BUDGET)}`;
  };
  const p99Cell = (l: Measured) => `${l.p50} / ${l.p99} ms ${verdict(l.p99 <= LOOKUP_P99_BUDGET_MS)}`;
  const first = measured[0]?.figures;
  const last = measured.at(-1)?.figures;
  const growth = (pick: (m: AgainstFloor) => Measured) =>
    first && last ? pick(last).cpuMicros / Math.max(1, pick(first).cpuMicros) : Number.NaN;
  const growthCell = (g: number) => `${g.toFixed(2)}× ${verdict(g <= GROWTH_BUDGET)}`;
  const rows: GridRow[] = [
    { what: 'GET /v1/me (the floor)', cells: cells((m) => `${fmt(m.me.reqPerSec)} req/s`) },
    { what: '  server CPU per request', cells: cells((m) => `${fmt(m.me.cpuMicros)} µs`) },
    { what: 'lookup, Zipf-like leads', cells: cells((m) => `${fmt(m.zipf.reqPerSec)} req/s`) },
    {
      what: '  ÷ the floor',
      cells: cells((m) => shareCell(m, m.zipf)),
      budget: `≥ ${FLOOR_SHARE_BUDGET * 100}%`,
    },
    { what: '  p50 / p99', cells: cells((m) => p99Cell(m.zipf)), budget: `p99 ≤ ${LOOKUP_P99_BUDGET_MS} ms` },
    { what: '  server CPU per lookup', cells: cells((m) => `${fmt(m.zipf.cpuMicros)} µs`) },
    { what: 'lookup, uniform leads (cold)', cells: cells((m) => `${fmt(m.uniform.reqPerSec)} req/s`) },
    {
      what: '  ÷ the floor',
      cells: cells((m) => shareCell(m, m.uniform)),
      budget: `≥ ${FLOOR_SHARE_BUDGET * 100}%`,
    },
    { what: '  p50 / p99', cells: cells((m) => p99Cell(m.uniform)), budget: `p99 ≤ ${LOOKUP_P99_BUDGET_MS} ms` },
    { what: '  server CPU per lookup', cells: cells((m) => `${fmt(m.uniform.cpuMicros)} µs`) },
    {
      what: 'errors / non-2xx',
      cells: cells(
        (m) => `${m.me.errors + m.zipf.errors + m.uniform.errors} / ${m.me.non2xx + m.zipf.non2xx + m.uniform.non2xx}`,
      ),
    },
  ];
  if (measured.length > 1) {
    rows.push(
      {
        what: 'CPU per lookup, largest ÷ smallest: Zipf',
        cells: measured.map((_, i) => (i === measured.length - 1 ? growthCell(growth((m) => m.zipf)) : '')),
        budget: `≤ ${GROWTH_BUDGET}×`,
      },
      {
        what: '  uniform',
        cells: measured.map((_, i) => (i === measured.length - 1 ? growthCell(growth((m) => m.uniform)) : '')),
        budget: `≤ ${GROWTH_BUDGET}×`,
      },
    );
  }
  printGrid(
    `One endpoint worker (serve --workers 1, rate limits off), ${run.connections} connections, ${run.duration} s per load; ` +
      'the load generator on the other core',
    columns,
    rows,
  );
}
