import { useId } from 'react';
import { shortWeek } from '../../../lib/iso-week.ts';
import { valueAxis } from '../../lib/axis.ts';
import { describeVerdictsByWeek, landedRate, type WeekVerdicts } from '../../lib/charts.ts';
import { formatRate } from '../../lib/format.ts';
import { ChartFigure, ChartLegend } from './ChartFigure.tsx';

const WIDTH = 640;
const HEIGHT = 180;
const LEFT = 36;
const BOTTOM = 22;
const TOP = 8;
const PLOT_W = WIDTH - LEFT - 8;
const PLOT_H = HEIGHT - TOP - BOTTOM;

const LEGEND = [
  { label: 'Landed', swatch: 'chart__swatch--landed' },
  { label: "Didn't land", swatch: 'chart__swatch--didnt' },
];

/** Landed and didn't-land verdicts per week as stacked bars (landed below), with the numbers as a table. */
export function WeeklyVerdicts({ title, weeks }: { title: string; weeks: readonly WeekVerdicts[] }) {
  const hatch = `hatch-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const axis = valueAxis(Math.max(0, ...weeks.map((w) => w.landed + w.didntLand)), PLOT_H);
  const band = PLOT_W / Math.max(weeks.length, 1);
  const bar = Math.min(band * 0.7, 40);
  const labelEvery = weeks.length > 12 ? 2 : 1;
  const chart = (
    <svg className="chart__svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" focusable="false">
      <defs>
        <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect className="chart__didnt" width="6" height="6" />
          <line className="chart__hatch" x1="0" y1="0" x2="0" y2="6" />
        </pattern>
      </defs>
      {axis.ticks.map((tick) => {
        const y = TOP + PLOT_H - axis.scale(tick);
        return (
          <g key={tick}>
            <line className="chart__grid" x1={LEFT} x2={WIDTH - 8} y1={y} y2={y} />
            <text className="chart__label" x={LEFT - 6} y={y + 4} textAnchor="end">
              {tick}
            </text>
          </g>
        );
      })}
      {weeks.map((w, i) => {
        const x = LEFT + i * band + (band - bar) / 2;
        const landedH = axis.scale(w.landed);
        const didntH = axis.scale(w.didntLand);
        const base = TOP + PLOT_H;
        return (
          <g key={w.week}>
            <title>
              {w.week}: {w.landed} landed, {w.didntLand} didn't land
            </title>
            <rect className="chart__landed" x={x} y={base - landedH} width={bar} height={landedH} />
            <rect
              className="chart__didnt-bar"
              fill={`url(#${hatch})`}
              x={x}
              y={base - landedH - didntH}
              width={bar}
              height={didntH}
            />
            {i % labelEvery === 0 && (
              <text className="chart__label" x={x + bar / 2} y={HEIGHT - 6} textAnchor="middle">
                {shortWeek(w.week)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
  const table = (
    <table className="console-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Week</th>
          <th scope="col">Landed</th>
          <th scope="col">Didn't land</th>
          <th scope="col">Landed rate</th>
        </tr>
      </thead>
      <tbody>
        {weeks.map((w) => (
          <tr key={w.week}>
            <th scope="row">{w.week}</th>
            <td className="console-num">{w.landed}</td>
            <td className="console-num">{w.didntLand}</td>
            <td className="console-num">{formatRate(landedRate(w.landed, w.didntLand))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFigure
      kind="weekly-verdicts"
      title={title}
      summary={describeVerdictsByWeek(weeks)}
      legend={<ChartLegend items={LEGEND} />}
      chart={chart}
      table={table}
    />
  );
}
