import type { ChartFormat } from './chart-format';
import { charsIn, labelRoom, mirror, niceTicks, shorten } from './scale';

export interface UpSetSet {
  key: string;
  label: string;
  persons: number;
  href: string;
}

export interface UpSetIntersection {
  /** The keys of the sets that recorded these persons, and no other. */
  sets: string[];
  persons: number;
  href: string;
}

const setBarRoom = 120;
const column = 46;
const barsHeight = 150;
const top = 18;
const rowHeight = 26;
const dot = 7;
const minWidth = 420;

/**
 * An UpSet chart of source overlaps: each column is one combination of sources (the persons
 * those sources, and no other, recorded), its bar their number and its dots the sources; each
 * row is a source with its total. Read from the start side: the sources' totals, their names,
 * then the combinations from the largest. Columns link to the persons of that exact
 * combination, rows to the source's records.
 */
export function UpSetChart(props: {
  sets: UpSetSet[];
  intersections: UpSetIntersection[];
  format: ChartFormat;
  ids: { title: string; desc: string };
  columnLabel: (intersection: UpSetIntersection) => string;
  rowLabel: (set: UpSetSet) => string;
  testId?: string;
}) {
  const { format, sets, intersections } = props;
  const nameRoom = labelRoom(
    sets.map((s) => s.label),
    110,
    420,
  );
  const matrixStart = setBarRoom + nameRoom;
  const width = Math.max(minWidth, matrixStart + intersections.length * column + 12);
  const m = mirror(format.rtl, width);
  const columnTicks = niceTicks(Math.max(1, ...intersections.map((c) => c.persons)), 3);
  const columnMax = columnTicks[columnTicks.length - 1]!;
  const setMax = Math.max(1, ...sets.map((s) => s.persons));
  const matrixTop = top + barsHeight + 10;
  const height = matrixTop + sets.length * rowHeight + 8;
  const barY = (v: number) => top + barsHeight - (v / columnMax) * barsHeight;
  const rowMiddle = (i: number) => matrixTop + i * rowHeight + rowHeight / 2;
  const setBarSpace = setBarRoom - 56;
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
      {columnTicks.map((tick) => (
        <g key={tick} className="chart-grid">
          <line x1={m.x(matrixStart - 4)} x2={m.x(width - 4)} y1={barY(tick)} y2={barY(tick)} />
          <text
            x={m.x(matrixStart - 8)}
            y={barY(tick)}
            dominantBaseline="central"
            textAnchor="end"
            className="chart-tick"
          >
            {format.number(tick)}
          </text>
        </g>
      ))}
      {sets.map((set, i) => {
        const w = Math.max(2, (set.persons / setMax) * setBarSpace);
        const label = props.rowLabel(set);
        return (
          <a key={set.key} href={set.href} aria-label={label} className="chart-link">
            <title>{label}</title>
            <rect
              className={i % 2 === 0 ? 'chart-stripe' : 'chart-hit'}
              x={m.left(0, width)}
              y={matrixTop + i * rowHeight}
              width={width}
              height={rowHeight}
            />
            <rect
              className="chart-bar chart-set"
              x={m.left(setBarRoom - 6 - w, w)}
              y={rowMiddle(i) - 8}
              width={w}
              height={16}
            />
            <text
              x={m.x(setBarRoom - 10 - w)}
              y={rowMiddle(i)}
              dominantBaseline="central"
              textAnchor="end"
              className="chart-value"
            >
              {format.number(set.persons)}
            </text>
            <text
              x={m.x(setBarRoom + 4)}
              y={rowMiddle(i)}
              dominantBaseline="central"
              textAnchor="start"
              className="chart-label"
            >
              {shorten(set.label, charsIn(nameRoom))}
            </text>
          </a>
        );
      })}
      {intersections.map((c, j) => {
        const centre = matrixStart + j * column + column / 2;
        const members = sets.map((s, i) => ({ i, on: c.sets.includes(s.key) }));
        const on = members.filter((d) => d.on).map((d) => d.i);
        const label = props.columnLabel(c);
        return (
          <a key={c.sets.join('+')} href={c.href} aria-label={label} className="chart-link">
            <title>{label}</title>
            <rect
              className="chart-hit"
              x={m.left(centre - column / 2, column)}
              y={top}
              width={column}
              height={height - top}
              fill="transparent"
            />
            <rect
              className="chart-bar"
              x={m.left(centre - column * 0.35, column * 0.7)}
              y={barY(c.persons)}
              width={column * 0.7}
              height={Math.max(1, top + barsHeight - barY(c.persons))}
            />
            <text
              x={m.x(centre)}
              y={barY(c.persons) - 4}
              textAnchor="middle"
              className="chart-value chart-small"
            >
              {format.number(c.persons)}
            </text>
            {on.length > 1 && (
              <line
                className="chart-connector"
                x1={m.x(centre)}
                x2={m.x(centre)}
                y1={rowMiddle(on[0]!)}
                y2={rowMiddle(on[on.length - 1]!)}
              />
            )}
            {members.map((d) => (
              <circle
                key={d.i}
                className={d.on ? 'chart-dot chart-dot-on' : 'chart-dot'}
                cx={m.x(centre)}
                cy={rowMiddle(d.i)}
                r={dot}
              />
            ))}
          </a>
        );
      })}
    </svg>
  );
}
