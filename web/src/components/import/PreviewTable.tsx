import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MappableField, PreviewRow, RowProblem, UploadCheck } from '../../import-api';
import { useImportFormat } from './import-format';

type ShownRow = Extract<PreviewRow, { hidden: false }>;

/** Fields a default fills in the row: those no column gave a value for. */
function defaultedFields(check: UploadCheck, row: ShownRow): MappableField[] {
  const fed = new Set(
    Object.entries(check.mapping)
      .filter(([column, field]) => field !== null && (row.raw[column] ?? '').trim() !== '')
      .map(([, field]) => field),
  );
  return (Object.keys(check.options.defaults) as MappableField[]).filter((f) => !fed.has(f));
}

/** A short mark in the cell; the importer's reasons are in the row errors above. */
function CellMark({ problems, warnings }: { problems: RowProblem[]; warnings: RowProblem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0 && warnings.length === 0) return null;
  return (
    <span className="import-cell-mark">
      {problems.length > 0 ? t('import.cellProblem') : t('import.cellWarning')}
    </span>
  );
}

/**
 * The first rows as they would be stored: one column per column of the file, each cell with the
 * text as written and, under it, the value the register would keep; rejected and doubtful cells
 * marked (their reasons in the cell's title). Rows marked restricted are hidden unless restricted
 * details are shown.
 */
export function PreviewTable({ check }: { check: UploadCheck }) {
  const { t } = useTranslation();
  const format = useImportFormat();
  const hasDefaults = Object.keys(check.options.defaults).length > 0;
  const dataColumns = check.headers.length + (hasDefaults ? 1 : 0);

  const cell = (row: ShownRow, column: string): ReactNode => {
    const field = check.mapping[column] ?? null;
    const problems = row.problems.filter((p) => p.column === column);
    const warnings = row.warnings.filter((p) => p.column === column);
    const className =
      problems.length > 0
        ? 'import-cell-problem'
        : warnings.length > 0
          ? 'import-cell-warning'
          : '';
    const title =
      [...problems, ...warnings].map((p) => format.problemText(p).text).join('\n') || undefined;
    if (field === 'restricted') {
      const value = row.fields.restricted?.[column];
      return (
        <td key={column} className={className} title={title}>
          {check.restrictedShown ? (
            value && <bdi>{value}</bdi>
          ) : (
            <span className="muted small">{t('import.restrictedHidden')}</span>
          )}
          <CellMark problems={problems} warnings={[]} />
        </td>
      );
    }
    const raw = row.raw[column] ?? '';
    // Shown when the register keeps something other than the text as written (a translated sex,
    // a read date, a number), so that the differences stand out.
    const value = field ? format.stored(field, row.fields) : null;
    const stored = value !== null && value !== raw.trim() ? value : null;
    return (
      <td key={column} className={className} title={title}>
        <span className="import-raw">
          <bdi>{raw}</bdi>
        </span>
        {stored !== null && (
          <span className="import-stored">
            <bdi>{stored}</bdi>
          </span>
        )}
        <CellMark problems={problems} warnings={warnings} />
      </td>
    );
  };

  const defaultsCell = (row: ShownRow) => (
    <td>
      {defaultedFields(check, row).map((field) => (
        <span key={field} className="import-stored">
          {format.fieldLabel(field)}: <bdi>{format.stored(field, row.fields)}</bdi>
        </span>
      ))}
    </td>
  );

  return (
    <section aria-labelledby="import-preview-title" className="import-section">
      <h2 id="import-preview-title">{t('import.previewTitle')}</h2>
      <p className="small muted">{t('import.previewIntro')}</p>
      <div className="table-wrap">
        <table className="import-preview">
          <thead>
            <tr>
              <th scope="col">{t('import.row')}</th>
              <th scope="col">{t('import.status')}</th>
              {hasDefaults && <th scope="col">{t('import.fromDefaults')}</th>}
              {check.headers.map((column) => {
                const field = check.mapping[column] ?? null;
                return (
                  <th scope="col" key={column}>
                    <bdi>{column}</bdi>
                    <span className="import-th-field">
                      {field ? format.fieldLabel(field) : t('import.keptVerbatim')}
                    </span>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {check.preview.map((row) => (
              <tr
                key={row.rowNumber}
                className={row.accepted ? undefined : 'import-row-rejected'}
                data-row={row.rowNumber}
              >
                <td className="num">{format.number(row.rowNumber)}</td>
                <td>
                  {row.accepted ? t('import.accepted') : <strong>{t('import.rejected')}</strong>}
                  {/* A problem with the whole row (a CSV row with too many cells, say). */}
                  {!row.hidden &&
                    row.problems
                      .filter((p) => p.column === null)
                      .map((p) => {
                        const { text, lang } = format.problemText(p);
                        return (
                          <span
                            key={p.reason}
                            className="import-cell-reason"
                            lang={lang}
                            dir={lang === 'en' ? 'ltr' : undefined}
                          >
                            {text}
                          </span>
                        );
                      })}
                </td>
                {row.hidden ? (
                  <td colSpan={dataColumns} className="muted">
                    {t('import.hiddenRow')}
                  </td>
                ) : (
                  <>
                    {hasDefaults && defaultsCell(row)}
                    {check.headers.map((column) => cell(row, column))}
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
