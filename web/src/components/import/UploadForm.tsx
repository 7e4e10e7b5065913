import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { fetchImportLimits, uploadFile, type Upload, type UploadCheck } from '../../import-api';
import { useImportFormat } from './import-format';

const accepted = '.csv,.tsv,.txt,.xlsx,.json,.jsonl,.ndjson';

/** Choose a file and send it; the server checks every row before answering. */
export function UploadForm({
  restricted,
  onUploaded,
}: {
  restricted: boolean;
  onUploaded: (result: { upload: Upload; check: UploadCheck }) => void;
}) {
  const { t } = useTranslation();
  const format = useImportFormat();
  const [file, setFile] = useState<File | null>(null);
  const limits = useQuery({ queryKey: ['import-limits'], queryFn: fetchImportLimits });
  const send = useMutation({
    mutationFn: (chosen: File) => uploadFile(chosen, restricted),
    onSuccess: onUploaded,
  });
  const maxBytes = limits.data?.maxBytes ?? null;
  // Checked here too, so a large file is not sent only to be refused.
  const tooLarge = file !== null && maxBytes !== null && file.size > maxBytes;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file && !tooLarge && !send.isPending) send.mutate(file);
  };

  return (
    <form className="import-upload" onSubmit={submit}>
      <label>
        {t('import.file')}
        <input
          type="file"
          name="file"
          accept={accepted}
          disabled={send.isPending}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            send.reset();
          }}
        />
      </label>
      {limits.data && (
        <p className="small muted">
          {t('import.limit', {
            size: format.size(limits.data.maxBytes),
            minutes: format.count('minutes', limits.data.idleMinutes),
          })}
        </p>
      )}
      <div>
        <button type="submit" disabled={!file || tooLarge || send.isPending}>
          {send.isPending ? t('import.uploading') : t('import.upload')}
        </button>
      </div>
      <p className="problem" role="alert">
        {file && maxBytes !== null && (tooLarge || (send.error as ApiError | null)?.status === 413)
          ? t('import.tooLarge', { size: format.size(file.size), limit: format.size(maxBytes) })
          : send.isError
            ? t('import.uploadFailed', { message: send.error.message })
            : ''}
      </p>
    </form>
  );
}
