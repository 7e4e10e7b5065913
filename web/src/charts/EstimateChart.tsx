import type { ChartFormat } from './chart-format';
import { mirror, niceTicks } from './scale';

const width = 640;
const labelWidth = 170;
const valueRoom = 20;
const top = 10;
const rowHeight = 40;
const axisHeight = 24;

/**
 * The persons the register documents beside the estimated total and its interval: a bar for the
 * documented (a link to them), a point with whiskers for the estimate. The estimate is not a
 * list of people, so it links nowhere.
 */
export function EstimateChart(props: {
  observed: number;
  estimate: number;
  lower: number | null;
  upper: number | null;
  /** Short row names, and full sentences with the figures for screen readers and tooltips. */
  rowLabels: { observed: string; estimate: string };
  descriptions: { observed: string; estimate: string };
  observedHref: string;
  format: ChartFormat;
  ids: { title: string; desc: string };
  testId?: string;
}) {
  const { format } = props;
  const m = mirror(format.rtl, width);
  const ticks = niceTicks(Math.max(props.observed, props.estimate, props.upper ?? 0), 4);
  const scaleMax = ticks[ticks.length - 1]!;
  const space = width - labelWidth - valueRoom;
  const x = (v: number) => labelWidth + (v / scaleMax) * space;
  const height = top + 2 * rowHeight + axisHeight;
  const estimateY = top + rowHeight + rowHeight / 2;
  const lower = props.lower ?? props.estimate;
  const upper = props.upper ?? scaleMax;
  return (
    <svg
      className="chart-svg"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="group"
      aria-labelledby={props.ids.title}
      aria-describedby={props.ids.desc}
      direction={format.rtl ? 'rtl' : 'ltr'}
      data-testid={props.testId}
    >
      {ticks.map((tick) => (
        <g key={tick} className="chart-grid">
          <line x1={m.x(x(tick))} x2={m.x(x(tick))} y1={top} y2={top + 2 * rowHeight} />
          <text x={m.x(x(tick))} y={height - 6} textAnchor="middle" className="chart-tick">
            {format.number(tick)}
          </text>
        </g>
      ))}
      <a href={props.observedHref} aria-label={props.descriptions.observed} className="chart-link">
        <title>{props.descriptions.observed}</title>
        <text
          x={m.x(labelWidth - 8)}
          y={top + rowHeight / 2}
          dominantBaseline="central"
          textAnchor="end"
          className="chart-label"
        >
          {props.rowLabels.observed}
        </text>
        <rect
          className="chart-bar"
          x={m.left(labelWidth, x(props.observed) - labelWidth)}
          y={top + 8}
          width={Math.max(2, x(props.observed) - labelWidth)}
          height={rowHeight - 16}
        />
      </a>
      <g aria-label={props.descriptions.estimate} role="img">
        <title>{props.descriptions.estimate}</title>
        <text
          x={m.x(labelWidth - 8)}
          y={estimateY}
          dominantBaseline="central"
          textAnchor="end"
          className="chart-label"
        >
          {props.rowLabels.estimate}
        </text>
        <line
          className="chart-interval"
          x1={m.x(x(lower))}
          x2={m.x(x(upper))}
          y1={estimateY}
          y2={estimateY}
          strokeDasharray={props.upper === null ? '4 3' : undefined}
        />
        {[lower, ...(props.upper === null ? [] : [upper])].map((v) => (
          <line
            key={v}
            className="chart-interval"
            x1={m.x(x(v))}
            x2={m.x(x(v))}
            y1={estimateY - 8}
            y2={estimateY + 8}
          />
        ))}
        <circle className="chart-estimate" cx={m.x(x(props.estimate))} cy={estimateY} r={6} />
      </g>
    </svg>
  );
}
