import { type ReactNode, useId, useState } from 'react';
import '../../charts.css';

interface ChartFigureProps {
  /** Names the chart for tests and the benchmark (`data-chart`). */
  kind: string;
  title: string;
  /** What the chart shows, in a sentence: read by everyone, announced as the figure's name. */
  summary: string;
  legend?: ReactNode;
  /** The drawing, hidden from assistive technology: `table` says the same. */
  chart: ReactNode;
  /** The same numbers as a table: always in the accessibility tree, shown on request. */
  table: ReactNode;
}

/** A chart with its title, a sentence saying what it shows, and its numbers as a table. */
export function ChartFigure({ kind, title, summary, legend, chart, table }: ChartFigureProps) {
  const [shown, setShown] = useState(false);
  const captionId = useId();
  return (
    <figure className="chart" data-chart={kind} aria-labelledby={captionId}>
      <figcaption id={captionId} className="chart__caption">
        <span className="chart__title">{title}</span> <span className="chart__summary">{summary}</span>
      </figcaption>
      {legend}
      <div aria-hidden="true">{chart}</div>
      <button
        type="button"
        className="cf-button cf-button--small chart__toggle"
        aria-pressed={shown}
        onClick={() => setShown(!shown)}
      >
        Show as a table
      </button>
      <div className={shown ? 'chart__numbers console-table-wrap' : 'cf-visually-hidden'}>{table}</div>
    </figure>
  );
}

export interface LegendItem {
  label: string;
  /** The class that paints the swatch as the chart paints the series. */
  swatch: string;
}

/** The series' names beside their swatches (the names carry the meaning, not the colours). */
export function ChartLegend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="chart__legend">
      {items.map((item) => (
        <li key={item.label}>
          <span className={`chart__swatch ${item.swatch}`} aria-hidden="true" />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
