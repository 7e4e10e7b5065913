import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../import-api';
import { useImportFormat } from './import-format';

/** An import while it runs: bytes read as a bar, rows and speed as words. */
export function ImportProgress({
  job,
  cancelling,
  onCancel,
}: {
  job: ImportJob;
  cancelling: boolean;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const format = useImportFormat();
  const p = job.progress;
  const words = t('import.progress', {
    read: format.number(p.rowsRead),
    accepted: format.number(p.rowsAccepted),
    rejected: format.number(p.rowsRejected),
    speed: format.number(p.rowsPerSecond),
  });
  return (
    <section aria-labelledby="import-progress-title" className="import-section import-running">
      <h2 id="import-progress-title">{t('import.importingTitle')}</h2>
      {job.state === 'queued' ? (
        <p role="status">{t('import.waiting')}</p>
      ) : (
        <>
          <progress
            max={Math.max(1, p.totalBytes)}
            value={p.bytesRead}
            aria-label={t('import.importingTitle')}
          />
          <p role="status" aria-live="polite" data-testid="import-progress">
            {words}
            <br />
            <span className="small muted">
              {t('import.bytes', {
                read: format.size(p.bytesRead),
                total: format.size(p.totalBytes),
              })}
            </span>
          </p>
        </>
      )}
      <button type="button" className="secondary" disabled={cancelling} onClick={onCancel}>
        {t('import.cancel')}
      </button>
    </section>
  );
}
