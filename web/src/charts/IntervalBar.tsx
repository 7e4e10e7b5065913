import type { ChartFormat } from './chart-format';
import { mirror } from './scale';

const width = 220;
const height = 30;
const pad = 8;

/**
 * One kept estimate on a scale shared with its neighbours: a pale bar from zero to the persons
 * documented, a line for the interval (dashed where it has no upper bound) and a point for the
 * estimate. Mirrored in right-to-left pages, so it grows from the start side.
 */
export function IntervalBar(props: {
  observed: number;
  estimate: number;
  lower: number | null;
  upper: number | null;
  /** The top of the shared scale. */
  max: number;
  /** The whole figure in words: the drawing's accessible name. */
  description: string;
  format: ChartFormat;
}) {
  const m = mirror(props.format.rtl, width);
  const x = (v: number) => pad + (Math.min(v, props.max) / props.max) * (width - 2 * pad);
  const y = height / 2;
  const lower = props.lower ?? props.estimate;
  const upper = props.upper ?? props.max;
  return (
    <svg
      className="chart-svg"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={props.description}
      direction={props.format.rtl ? 'rtl' : 'ltr'}
    >
      <title>{props.description}</title>
      <line
        className="chart-grid"
        x1={m.x(pad)}
        x2={m.x(pad)}
        y1={4}
        y2={height - 4}
        stroke="currentColor"
        opacity={0.3}
      />
      <rect
        className="chart-bar"
        opacity={0.35}
        x={m.left(pad, x(props.observed) - pad)}
        y={y - 6}
        width={Math.max(2, x(props.observed) - pad)}
        height={12}
      />
      <line
        className="chart-interval"
        x1={m.x(x(lower))}
        x2={m.x(x(upper))}
        y1={y}
        y2={y}
        strokeDasharray={props.upper === null ? '4 3' : undefined}
      />
      {[lower, ...(props.upper === null ? [] : [upper])].map((v, i) => (
        <line
          key={i}
          className="chart-interval"
          x1={m.x(x(v))}
          x2={m.x(x(v))}
          y1={y - 7}
          y2={y + 7}
        />
      ))}
      <circle className="chart-estimate" cx={m.x(x(props.estimate))} cy={y} r={5} />
    </svg>
  );
}
