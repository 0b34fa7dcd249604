import { shortWeek } from '../../../lib/iso-week.ts';
import { valueAxis } from '../../lib/axis.ts';
import { describeFunnelFlow, type StageFlow } from '../../lib/charts.ts';
import { ChartFigure, ChartLegend } from './ChartFigure.tsx';

const WIDTH = 240;
const HEIGHT = 120;
const HALF = 44;
const MID = 8 + HALF;

const LEGEND = [
  { label: 'Entered (up)', swatch: 'chart__swatch--entered' },
  { label: 'Left (down)', swatch: 'chart__swatch--left' },
];

/** One small chart per stage: leads entering (bars up) and leaving (bars down) each week, on one shared scale. */
function StageChart({ flow, scale }: { flow: StageFlow; scale: (value: number) => number }) {
  const band = (WIDTH - 8) / Math.max(flow.weeks.length, 1);
  const bar = Math.max(band * 0.7, 1);
  const first = flow.weeks[0];
  const last = flow.weeks[flow.weeks.length - 1];
  return (
    <div className="chart-flow__stage">
      <p className="chart-flow__name">{flow.name}</p>
      <svg className="chart__svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" focusable="false">
        <line className="chart__axis" x1="4" x2={WIDTH - 4} y1={MID} y2={MID} />
        {flow.weeks.map((w, i) => {
          const x = 4 + i * band + (band - bar) / 2;
          return (
            <g key={w.week}>
              <title>
                {flow.name}, {w.week}: {w.entered} entered, {w.left} left
              </title>
              <rect className="chart__entered" x={x} y={MID - scale(w.entered)} width={bar} height={scale(w.entered)} />
              <rect className="chart__left" x={x} y={MID} width={bar} height={scale(w.left)} />
            </g>
          );
        })}
        {first && (
          <text className="chart__label" x="4" y={HEIGHT - 4}>
            {shortWeek(first.week)}
          </text>
        )}
        {last && last !== first && (
          <text className="chart__label" x={WIDTH - 4} y={HEIGHT - 4} textAnchor="end">
            {shortWeek(last.week)}
          </text>
        )}
      </svg>
    </div>
  );
}

/** The funnel's weekly flow: leads entering and leaving each stage per week, with the numbers as a table. */
export function FunnelWeeklyFlow({ stages, weeks }: { stages: readonly StageFlow[]; weeks: readonly string[] }) {
  const largest = Math.max(0, ...stages.flatMap((s) => s.weeks.flatMap((w) => [w.entered, w.left])));
  const axis = valueAxis(largest, HALF);
  const title = 'Leads entering and leaving each stage, per week';
  const chart = (
    <div className="chart-flow">
      {stages.map((flow) => (
        <StageChart key={flow.stage} flow={flow} scale={axis.scale} />
      ))}
      <p className="chart__label chart-flow__scale">Bars up to {axis.max} leads a week</p>
    </div>
  );
  const table = (
    <table className="console-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Week</th>
          {stages.map((s) => (
            <th scope="col" key={s.stage}>
              {s.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, i) => (
          <tr key={week}>
            <th scope="row">{week}</th>
            {stages.map((s) => {
              const w = s.weeks[i];
              return (
                <td key={s.stage}>
                  {w?.entered ?? 0} entered, {w?.left ?? 0} left
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFigure
      kind="funnel-flow"
      title={title}
      summary={describeFunnelFlow(stages, weeks.length)}
      legend={<ChartLegend items={LEGEND} />}
      chart={chart}
      table={table}
    />
  );
}
