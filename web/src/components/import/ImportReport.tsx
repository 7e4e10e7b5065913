import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJob, Upload } from '../../import-api';
import { searchHash } from '../../search-state';
import { sourceName, useSources } from '../../screens/Sources';
import { ProblemTable } from './ProblemTable';
import { RejectedRowsLinks } from './RejectedRowsLinks';
import { useImportFormat } from './import-format';

/** How an import ended: what was stored where, what was rejected, and what to do next. */
export function ImportReport({
  upload,
  job,
  restricted,
  onAnother,
}: {
  upload: Upload;
  job: ImportJob;
  restricted: boolean;
  onAnother: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useImportFormat();
  const sources = useSources();
  const queryClient = useQueryClient();
  // The import may have made a source and changed the counts: fetch them again once it has ended.
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: ['sources'] });
  }, [queryClient, job.id]);
  const source = sources.data?.find((s) => s.slug === job.source);
  const sourceLabel = source ? sourceName(source, i18n.language) : job.source;
  const report = job.report;
  const batch = report?.batch ? format.number(report.batch.id) : '';

  // Why it failed in the reader's words when there are some; else the English message follows.
  const problem = job.errorProblem;
  const reason = !problem
    ? null
    : problem.code === 'server_fault'
      ? t('import.serverFault')
      : format.fileProblemText(problem);
  const headline =
    job.state === 'cancelled'
      ? t('import.cancelled')
      : job.state === 'failed' || !report
        ? t(reason ? 'import.failedBecause' : 'import.failed')
        : report.status === 'imported'
          ? t('import.imported', { file: upload.fileName, source: sourceLabel, batch })
          : report.status === 'duplicate'
            ? t('import.duplicate', {
                source: sourceLabel,
                batch,
                date: format.date(report.batch?.finishedAt ?? null) ?? '',
              })
            : t('import.tooManyErrors');
  const good = report?.status === 'imported';

  return (
    <section
      aria-labelledby="import-report-title"
      className="import-section import-report"
      data-testid="import-report"
    >
      <h2 id="import-report-title">{t('import.reportTitle')}</h2>
      <p className={good ? 'import-done' : 'problem'} role="status">
        {headline}
      </p>
      {job.state === 'failed' &&
        (reason ? (
          <p className="problem import-reason" data-testid="import-job-problem">
            {reason}
          </p>
        ) : (
          job.error && (
            <p className="problem" lang="en" dir="ltr">
              {job.error}
            </p>
          )
        ))}
      {report && report.status === 'imported' && (
        <>
          {report.sourceCreated && <p>{t('import.sourceCreated', { source: sourceLabel })}</p>}
          <p data-testid="import-report-counts">
            {t('import.reportCounts', {
              read: format.number(report.rowsRead),
              accepted: format.number(report.rowsAccepted),
              rejected: format.number(report.rowsRejected),
              warnings: format.number(report.warnings),
              seconds: format.number(Number(report.seconds.toFixed(1))),
            })}
          </p>
          {report.problems.length > 0 && (
            <ProblemTable
              problems={report.problems}
              label={t('import.problemsTitle')}
              testId="import-report-problems"
            />
          )}
          <RejectedRowsLinks upload={upload} restricted={restricted} />
          <p>
            <a href={searchHash({ q: '', filters: { source: [job.source] } })}>
              {t('import.seeRecords')}
            </a>
          </p>
        </>
      )}
      <button type="button" onClick={onAnother}>
        {t('import.another')}
      </button>
    </section>
  );
}
