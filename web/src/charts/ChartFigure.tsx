import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One row of a chart's table: a label, its figure, and where the records behind it are. */
export interface ChartRow {
  key: string;
  label: string;
  value: string;
  href?: string;
}

/**
 * A chart with its heading, a sentence saying what it shows, and the same figures as a table
 * (folded away; screen readers and anyone who prefers numbers can open it). The drawing gets the
 * heading's and the sentence's ids for its accessible name and description.
 */
export function ChartFigure(props: {
  title: string;
  summary: string;
  valueHeading: string;
  rows: ChartRow[];
  className?: string;
  testId?: string;
  children: (ids: { title: string; desc: string }) => ReactNode;
}) {
  const { t } = useTranslation();
  const title = useId();
  const desc = useId();
  return (
    <figure
      className={`chart ${props.className ?? ''}`}
      aria-labelledby={title}
      data-testid={props.testId}
    >
      <h2 id={title}>{props.title}</h2>
      <p id={desc} className="muted small">
        {props.summary}
      </p>
      {props.children({ title, desc })}
      {props.rows.length > 0 && (
        <details className="chart-table">
          <summary>{t('dashboard.asTable')}</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.group')}</th>
                <th scope="col" className="num">
                  {props.valueHeading}
                </th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.href ? <a href={r.href}>{r.label}</a> : r.label}</th>
                  <td className="num">{r.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
