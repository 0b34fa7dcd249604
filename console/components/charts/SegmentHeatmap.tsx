import { useId } from 'react';
import type { Tally } from '../../../lib/contract/feedback.ts';
import { DIMENSION_LABEL, DIMENSIONS, describeHeatmap, type Heatmap, heatLevel, landedRate } from '../../lib/charts.ts';
import { formatRate } from '../../lib/format.ts';
import '../../charts.css';

const SHADES = ['0–19%', '20–39%', '40–59%', '60–79%', '80–100%'];

function Cell({ tally }: { tally: Tally }) {
  const level = heatLevel(tally);
  const total = tally.landed + tally.didntLand;
  if (level === null) {
    return (
      <td className="chart-heat__cell">
        <span aria-hidden="true">—</span>
        <span className="cf-visually-hidden">no verdicts</span>
      </td>
    );
  }
  return (
    <td className={`chart-heat__cell chart-heat--${level}`}>
      {formatRate(landedRate(tally.landed, tally.didntLand))} <span className="chart-heat__n">of {total}</span>
    </td>
  );
}

/**
 * Landed rate per segment value (rows) for everything shown and the most-judged points and messages
 * (columns): a table whose cells are shaded by rate and hold the rate and the verdict count, so the
 * shade never carries meaning alone.
 */
export function SegmentHeatmap({ heatmap }: { heatmap: Heatmap }) {
  const { columns, rows } = heatmap;
  const captionId = useId();
  return (
    <figure className="chart" data-chart="segment-heatmap" aria-labelledby={captionId}>
      <figcaption id={captionId} className="chart__caption">
        <span className="chart__title">Landed rate by segment</span>{' '}
        <span className="chart__summary">{describeHeatmap(heatmap)}</span>
      </figcaption>
      <p className="chart__legend chart-heat__legend">
        <span>Shade by landed rate:</span>
        {SHADES.map((label, level) => (
          <span key={label} className={`chart-heat__key chart-heat--${level}`}>
            {label}
          </span>
        ))}
      </p>
      {rows.length === 0 ? (
        <p className="console-hint">No verdict in this view names an industry, persona or region.</p>
      ) : (
        // With many segments and targets the table scrolls sideways: focusable, so a keyboard can scroll it.
        <section
          className="console-table-wrap"
          aria-label="Landed rate by segment, scrolls sideways"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must take focus for keyboard users (WCAG 2.1.1).
          tabIndex={0}
        >
          <table className="console-table chart-heat">
            <caption className="cf-visually-hidden">
              Landed rate by segment: share of verdicts that landed, and how many verdicts
            </caption>
            <thead>
              <tr>
                <th scope="col">Segment</th>
                {columns.map((c) => (
                  <th scope="col" key={c.id} className="chart-heat__target">
                    {c.title}
                  </th>
                ))}
              </tr>
            </thead>
            {DIMENSIONS.map((dimension) => {
              const inDimension = rows.filter((r) => r.dimension === dimension);
              if (inDimension.length === 0) return null;
              return (
                <tbody key={dimension}>
                  <tr>
                    <th scope="rowgroup" colSpan={columns.length + 1} className="chart-heat__group">
                      {DIMENSION_LABEL[dimension]}
                    </th>
                  </tr>
                  {inDimension.map((row) => (
                    <tr key={row.value}>
                      <th scope="row">{row.value}</th>
                      {row.cells.map((tally, i) => (
                        <Cell key={columns[i]?.id ?? i} tally={tally} />
                      ))}
                    </tr>
                  ))}
                </tbody>
              );
            })}
          </table>
        </section>
      )}
    </figure>
  );
}
