import type { ChartFormat } from './chart-format';
import { mirror, monthsBetween, niceTicks } from './scale';

const height = 240;
const axisRoom = 56;
const top = 14;
const bottomRoom = 44;
const minWidth = 320;
/** Room for the columns before they are narrowed: the chart fits a wide panel at its own size. */
const columnsRoom = 900;
const minBand = 7;
const maxBand = 48;

/**
 * Persons by month as columns, every month between the first and the last shown (months with
 * nobody as gaps). Time runs in the reading direction: left to right in English, right to left in
 * Arabic, as in right-to-left spreadsheets and the Arabic press; the value axis sits at the start.
 * Each column links to the records of its month.
 */
export function TimeChart(props: {
  months: { month: string; persons: number }[];
  format: ChartFormat;
  ids: { title: string; desc: string };
  href: (month: string) => string;
  columnLabel: (month: string, persons: number) => string;
  testId?: string;
}) {
  const { format } = props;
  const counts = new Map(props.months.map((m) => [m.month, m.persons]));
  const sorted = [...counts.keys()].sort();
  const all = sorted.length > 0 ? monthsBetween(sorted[0]!, sorted[sorted.length - 1]!) : [];
  const months = Math.max(1, all.length);
  const preferred = Math.min(maxBand, Math.max(minBand, columnsRoom / months));
  const width = Math.max(minWidth, axisRoom + months * preferred + 8);
  const m = mirror(format.rtl, width);
  const band = (width - axisRoom - 8) / months;
  const plot = height - top - bottomRoom;
  const ticks = niceTicks(Math.max(1, ...counts.values()));
  const scaleMax = ticks[ticks.length - 1]!;
  const y = (v: number) => top + plot - (v / scaleMax) * plot;
  // Few months: name each; many: name the years, at their first month shown.
  const nameMonths = all.length <= 18;
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
          <line x1={m.x(axisRoom)} x2={m.x(width - 4)} y1={y(tick)} y2={y(tick)} />
          <text
            x={m.x(axisRoom - 6)}
            y={y(tick)}
            dominantBaseline="central"
            textAnchor="end"
            className="chart-tick"
          >
            {format.number(tick)}
          </text>
        </g>
      ))}
      {all.map((month, i) => {
        const persons = counts.get(month) ?? 0;
        const x0 = axisRoom + i * band;
        const barWidth = Math.max(1, band * 0.8);
        const isJanuary = month.endsWith('-01');
        const yearLabel = (i === 0 || isJanuary) && (
          <text
            x={m.x(x0 + band / 2)}
            y={height - bottomRoom + (nameMonths ? 32 : 16)}
            textAnchor={nameMonths ? 'middle' : 'start'}
            className="chart-tick chart-year"
          >
            {format.year(month.slice(0, 4))}
          </text>
        );
        const monthLabel = nameMonths && (
          <text
            x={m.x(x0 + band / 2)}
            y={height - bottomRoom + 16}
            textAnchor="middle"
            className="chart-tick"
          >
            {format.monthShort(month)}
          </text>
        );
        if (persons === 0)
          return (
            <g key={month}>
              {monthLabel}
              {yearLabel}
            </g>
          );
        const label = props.columnLabel(month, persons);
        return (
          <g key={month}>
            <a href={props.href(month)} aria-label={label} className="chart-link">
              <title>{label}</title>
              <rect
                className="chart-hit"
                x={m.left(x0, band)}
                y={top}
                width={band}
                height={plot}
                fill="transparent"
              />
              <rect
                className="chart-bar"
                x={m.left(x0 + (band - barWidth) / 2, barWidth)}
                y={y(persons)}
                width={barWidth}
                height={Math.max(1, top + plot - y(persons))}
              />
            </a>
            {monthLabel}
            {yearLabel}
          </g>
        );
      })}
      <line
        className="chart-axis"
        x1={m.x(axisRoom)}
        x2={m.x(width - 4)}
        y1={top + plot}
        y2={top + plot}
      />
    </svg>
  );
}
