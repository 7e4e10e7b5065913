import { useTranslation } from 'react-i18next';
import type { RowProblem } from '../../import-api';
import { useImportFormat } from './import-format';

/** A reason in the reader's language, or in English (left to right) when it has no translation. */
function ProblemReason({ problem }: { problem: RowProblem }) {
  const format = useImportFormat();
  const { text, lang } = format.problemText(problem);
  return (
    <td lang={lang} dir={lang === 'en' ? 'ltr' : undefined} className="import-reason">
      {text}
    </td>
  );
}

/** Problems of a whole file, located by row and column, with the importer's reasons. */
export function ProblemTable({
  problems,
  label,
  testId,
}: {
  problems: RowProblem[];
  label: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const format = useImportFormat();
  return (
    <div className="table-wrap">
      <table className="import-problems" aria-label={label} data-testid={testId}>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('import.row')}
            </th>
            <th scope="col">{t('import.column')}</th>
            <th scope="col">{t('import.value')}</th>
            <th scope="col">{t('import.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={`${p.row}-${p.column ?? ''}-${i}`}>
              <td className="num">{format.number(p.row)}</td>
              <td>{p.column === null ? t('common.unknown') : <bdi>{p.column}</bdi>}</td>
              <td>{p.value === '' ? t('common.unknown') : <bdi>{p.value}</bdi>}</td>
              <ProblemReason problem={p} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
