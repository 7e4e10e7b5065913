import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { backupUrl, fetchStoreKind } from './admin-api';

/**
 * Backups: a download of the embedded store (audited by the server), or, on a PostgreSQL
 * server, where to turn instead. Either way, what a backup holds and how to keep it.
 */
export function BackupPanel() {
  const { t } = useTranslation();
  const store = useQuery({
    queryKey: ['store-kind'],
    queryFn: fetchStoreKind,
    staleTime: Infinity,
  });
  return (
    <section aria-labelledby="admin-backup-title" className="admin-card">
      <h2 id="admin-backup-title">{t('admin.backup.title')}</h2>
      <p className="admin-warning">{t('admin.backup.holdsEverything')}</p>
      {store.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : store.isError ? (
        <p className="problem" role="alert">
          {t('admin.loadFailed', { message: store.error.message })}
        </p>
      ) : store.data === 'pglite' ? (
        <>
          {/* A plain link: the browser streams the file to disk, and the session cookie goes along. */}
          <a className="button" href={backupUrl} download data-testid="backup-download">
            {t('admin.backup.download')}
          </a>
          <p className="muted small">{t('admin.backup.downloadNote')}</p>
        </>
      ) : (
        <p>{t('admin.backup.postgres')}</p>
      )}
      <h3>{t('admin.backup.commandsTitle')}</h3>
      <pre dir="ltr" className="admin-commands">
        {'sijil backup FILE\nsijil restore FILE --data NEW-FOLDER'}
      </pre>
      <p className="muted small">{t('admin.backup.commandsNote')}</p>
    </section>
  );
}
