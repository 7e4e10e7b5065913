import type { ChartFormat } from './chart-format';
import { charsIn, labelRoom, mirror, niceTicks, shorten } from './scale';

/** One bar: its label, value, and the search that opens the records behind it. */
export interface Bar {
  key: string;
  label: string;
  value: number;
  href: string;
}

const width = 640;
const valueRoom = 70;
const rowHeight = 30;
const barHeight = 20;
const top = 8;
const axisHeight = 22;

/**
 * Horizontal bars, labelled at the start side and growing towards the end side (right to left
 * in Arabic), each bar a link to the records behind it.
 */
export function BarChart(props: {
  bars: Bar[];
  format: ChartFormat;
  ids: { title: string; desc: string };
  /** Says a bar's figure for screen readers: "Killed: 1,234 persons". */
  barLabel: (bar: Bar) => string;
  testId?: string;
}) {
  const { bars, format } = props;
  const m = mirror(format.rtl, width);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const ticks = niceTicks(max);
  const scaleMax = ticks[ticks.length - 1]!;
  const labelWidth = labelRoom(
    bars.map((b) => b.label),
    100,
    260,
  );
  const barSpace = width - labelWidth - valueRoom;
  const length = (v: number) => (v / scaleMax) * barSpace;
  const height = top + bars.length * rowHeight + axisHeight;
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
          <line
            x1={m.x(labelWidth + length(tick))}
            x2={m.x(labelWidth + length(tick))}
            y1={top - 4}
            y2={top + bars.length * rowHeight}
          />
          <text
            x={m.x(labelWidth + length(tick))}
            y={height - 6}
            textAnchor="middle"
            className="chart-tick"
          >
            {format.number(tick)}
          </text>
        </g>
      ))}
      {bars.map((bar, i) => {
        const y = top + i * rowHeight;
        const w = Math.max(bar.value > 0 ? 2 : 0, length(bar.value));
        const label = props.barLabel(bar);
        return (
          <a key={bar.key} href={bar.href} aria-label={label} className="chart-link">
            <title>{label}</title>
            {/* The whole row is the target, not just the (possibly thin) bar. */}
            <rect
              className="chart-hit"
              x={0}
              y={y}
              width={width}
              height={rowHeight}
              fill="transparent"
            />
            <text
              x={m.x(labelWidth - 8)}
              y={y + rowHeight / 2}
              dominantBaseline="central"
              textAnchor="end"
              className="chart-label"
            >
              {shorten(bar.label, charsIn(labelWidth))}
            </text>
            <rect
              className="chart-bar"
              x={m.left(labelWidth, w)}
              y={y + (rowHeight - barHeight) / 2}
              width={w}
              height={barHeight}
            />
            <text
              x={m.x(labelWidth + w + 6)}
              y={y + rowHeight / 2}
              dominantBaseline="central"
              textAnchor="start"
              className="chart-value"
            >
              {format.number(bar.value)}
            </text>
          </a>
        );
      })}
    </svg>
  );
}
