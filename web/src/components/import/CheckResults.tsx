import { useTranslation } from 'react-i18next';
import type { Upload, UploadCheck } from '../../import-api';
import { ProblemTable } from './ProblemTable';
import { RejectedRowsLinks } from './RejectedRowsLinks';
import { useImportFormat } from './import-format';

/** What the dry run found in the whole file: counts, row errors, warnings. Nothing is written. */
export function CheckResults({
  upload,
  check,
  restricted,
}: {
  upload: Upload;
  check: UploadCheck;
  restricted: boolean;
}) {
  const { t } = useTranslation();
  const format = useImportFormat();
  const mappingTrouble = check.conflicts.length > 0 || check.missingColumns.length > 0;
  const fileProblem = check.errorProblem && format.fileProblemText(check.errorProblem);
  return (
    <section aria-labelledby="import-problems-title" className="import-section">
      <h2 id="import-problems-title">{t('import.problemsTitle')}</h2>
      {check.error && !mappingTrouble && (
        <div className="problem" role="alert">
          {fileProblem ? (
            <>
              <p>{t('import.checkFailedBecause')}</p>
              <p className="import-reason" data-testid="import-file-problem">
                {fileProblem}
              </p>
            </>
          ) : (
            <>
              <p>{t('import.checkFailed')}</p>
              <p lang="en" dir="ltr" className="import-reason">
                {check.error}
              </p>
            </>
          )}
        </div>
      )}
      {check.counts && (
        <>
          <p data-testid="import-counts">
            <strong>
              {t('import.counts', {
                read: format.number(check.counts.rowsRead),
                accepted: format.number(check.counts.rowsAccepted),
                rejected: format.number(check.counts.rowsRejected),
                warnings: format.number(check.counts.warnings),
              })}
            </strong>{' '}
            <span className="muted">{t('import.nothingWritten')}</span>
          </p>
          {check.problems.length === 0 ? (
            <p>{t('import.noProblems')}</p>
          ) : (
            <>
              <ProblemTable
                problems={check.problems}
                label={t('import.problemsTitle')}
                testId="import-problems"
              />
              {check.counts.rowsRejected > new Set(check.problems.map((p) => p.row)).size && (
                <p className="small muted">
                  {t('import.problemsShown', { shown: format.number(check.problems.length) })}
                </p>
              )}
            </>
          )}
          <RejectedRowsLinks upload={upload} restricted={restricted} />
          {check.warnings.length > 0 && (
            <>
              <h3>{t('import.warningsTitle')}</h3>
              <ProblemTable
                problems={check.warnings}
                label={t('import.warningsTitle')}
                testId="import-warnings"
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
