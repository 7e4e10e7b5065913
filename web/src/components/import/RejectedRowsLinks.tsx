import { useTranslation } from 'react-i18next';
import { rejectedRowsUrl, type Upload } from '../../import-api';

/** Downloads of the rows the latest check or import rejected; with restricted details apart. */
export function RejectedRowsLinks({ upload, restricted }: { upload: Upload; restricted: boolean }) {
  const { t } = useTranslation();
  if (upload.rejectedRows === 0) return null;
  return (
    <p className="import-downloads">
      <a href={rejectedRowsUrl(upload.id, false)} download data-testid="import-rejected-download">
        {t('import.downloadRejected')}
      </a>
      {restricted && (
        <a href={rejectedRowsUrl(upload.id, true)} download className="small">
          {t('import.downloadRejectedRestricted')}
        </a>
      )}
    </p>
  );
}
