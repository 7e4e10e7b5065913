import type { ChartFormat } from './chart-format';
import { mirror, niceTicks } from './scale';

export interface PyramidRow {
  /** An age band label ('0-4' … '60+') or 'unknown'. */
  band: string;
  label: string;
  /** The broad age group the band belongs to, for shading (null: unknown age). */
  group: 'child' | 'adult' | 'elderly' | null;
  male: number;
  female: number;
}

const width = 640;
const centre = 96;
const valueRoom = 58;
const rowHeight = 28;
const barHeight = 20;
const top = 30;
const gapBeforeUnknown = 12;
const axisHeight = 22;

/**
 * A population pyramid: one row per age band, oldest at the top, males on the start side and
 * females on the end side (mirrored in Arabic), bars growing outwards from the band labels in the
 * middle. Persons of unknown age are a row of their own below a gap. Each bar is a link.
 */
export function PopulationPyramid(props: {
  rows: PyramidRow[];
  format: ChartFormat;
  ids: { title: string; desc: string };
  sexLabel: { male: string; female: string };
  /** The heading of the middle column of age bands. */
  ageHeading: string;
  href: (band: string, sex: 'male' | 'female') => string;
  barLabel: (row: PyramidRow, sex: 'male' | 'female', persons: number) => string;
  testId?: string;
}) {
  const { format, rows } = props;
  const m = mirror(format.rtl, width);
  const max = Math.max(1, ...rows.flatMap((r) => [r.male, r.female]));
  const ticks = niceTicks(max, 3);
  const scaleMax = ticks[ticks.length - 1]!;
  const half = (width - centre) / 2 - valueRoom;
  const length = (v: number) => (v / scaleMax) * half;
  const middle = width / 2;
  const rowY = (i: number) =>
    top + i * rowHeight + (rows[i]?.band === 'unknown' ? gapBeforeUnknown : 0);
  const bottom = rowY(rows.length - 1) + rowHeight;
  const height = bottom + axisHeight;
  // Start side (males) grows from middle - centre/2 towards x = 0 before mirroring.
  const sides = [
    { sex: 'male' as const, edge: middle - centre / 2, dir: -1 },
    { sex: 'female' as const, edge: middle + centre / 2, dir: 1 },
  ];
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
      <text x={middle} y={14} textAnchor="middle" className="chart-heading">
        {props.ageHeading}
      </text>
      {sides.map((side) => (
        <text
          key={side.sex}
          x={m.x(side.edge + side.dir * (half / 2))}
          y={14}
          textAnchor="middle"
          className={`chart-heading chart-${side.sex}`}
        >
          {props.sexLabel[side.sex]}
        </text>
      ))}
      {sides.flatMap((side) =>
        ticks.map((tick) => {
          const x = m.x(side.edge + side.dir * length(tick));
          return (
            <g key={`${side.sex}-${tick}`} className="chart-grid">
              <line x1={x} x2={x} y1={top - 4} y2={bottom} />
              <text x={x} y={height - 6} textAnchor="middle" className="chart-tick">
                {format.number(tick)}
              </text>
            </g>
          );
        }),
      )}
      {rows.map((row, i) => {
        const y = rowY(i);
        return (
          <g key={row.band}>
            {row.group !== null && (
              <rect
                className={`chart-band chart-band-${row.group}`}
                x={0}
                y={y}
                width={width}
                height={rowHeight}
              />
            )}
            <text
              x={middle}
              y={y + rowHeight / 2}
              dominantBaseline="central"
              textAnchor="middle"
              className="chart-label"
            >
              {row.label}
            </text>
            {sides.map((side) => {
              const persons = row[side.sex];
              if (persons === 0) return null;
              const w = Math.max(2, length(persons));
              const from = side.dir < 0 ? side.edge - w : side.edge;
              const valueX = side.dir < 0 ? side.edge - w - 6 : side.edge + w + 6;
              const label = props.barLabel(row, side.sex, persons);
              // Positions are mirrored in Arabic and anchors follow the text direction, so the
              // same logical anchor points outwards on both pages.
              const outwards = side.dir < 0 ? 'end' : 'start';
              return (
                <a
                  key={side.sex}
                  href={props.href(row.band, side.sex)}
                  aria-label={label}
                  className="chart-link"
                >
                  <title>{label}</title>
                  <rect
                    className="chart-hit"
                    x={m.left(
                      side.dir < 0 ? 0 : side.edge,
                      side.dir < 0 ? side.edge : width - side.edge,
                    )}
                    y={y}
                    width={side.dir < 0 ? side.edge : width - side.edge}
                    height={rowHeight}
                    fill="transparent"
                  />
                  <rect
                    className={`chart-bar chart-${side.sex}`}
                    x={m.left(from, w)}
                    y={y + (rowHeight - barHeight) / 2}
                    width={w}
                    height={barHeight}
                  />
                  <text
                    x={m.x(valueX)}
                    y={y + rowHeight / 2}
                    dominantBaseline="central"
                    textAnchor={outwards}
                    className="chart-value"
                  >
                    {format.number(persons)}
                  </text>
                </a>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
