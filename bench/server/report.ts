export interface Budget {
  what: string;
  value: number;
  unit: string;
  budget?: number;
  higherIsBetter?: boolean;
  /** For checks that are not a number against a budget. */
  pass?: boolean;
}

export const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));

/** The figures against docs/budgets.md, one row each, with a verdict where there is a budget. */
export function printTable(title: string, rows: readonly Budget[]): void {
  const lines = rows.map((r) => {
    let verdict = '';
    if (r.pass !== undefined) verdict = r.pass ? 'ok' : 'MISSED';
    else if (r.budget !== undefined) {
      const ok = r.higherIsBetter ? r.value >= r.budget : r.value <= r.budget;
      verdict = `${ok ? 'ok' : 'MISSED'} (budget ${r.higherIsBetter ? '≥' : '≤'} ${fmt(r.budget)})`;
    }
    return [r.what, `${fmt(r.value)} ${r.unit}`, verdict];
  });
  const w0 = Math.max(...lines.map((l) => l[0]?.length ?? 0));
  const w1 = Math.max(...lines.map((l) => l[1]?.length ?? 0));
  process.stdout.write(`\n${title}\n\n`);
  for (const [a, b, c] of lines) process.stdout.write(`  ${a?.padEnd(w0)}  ${b?.padStart(w1)}  ${c}\n`);
  process.stdout.write('\n');
}

export interface GridRow {
  what: string;
  /** One cell per column, already formatted (a verdict may follow the figure). */
  cells: readonly string[];
  budget?: string;
}

/** Figures side by side, a column per engine or setup, the budget last. */
export function printGrid(title: string, columns: readonly string[], rows: readonly GridRow[]): void {
  const table = [['', ...columns, 'budget'], ...rows.map((r) => [r.what, ...r.cells, r.budget ?? ''])];
  const widths = (table[0] ?? []).map((_, i) => Math.max(...table.map((line) => line[i]?.length ?? 0)));
  process.stdout.write(`\n${title}\n\n`);
  for (const line of table) {
    const cells = line.map((cell, i) =>
      i === 0 || i === line.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0),
    );
    process.stdout.write(`  ${cells.join('  ').trimEnd()}\n`);
  }
  process.stdout.write('\n');
}
