import { useIsMutating, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fetchSession } from '../api';
import { CheckResults } from '../components/import/CheckResults';
import { FileSummary } from '../components/import/FileSummary';
import { ImportProgress } from '../components/import/ImportProgress';
import { ImportReport } from '../components/import/ImportReport';
import { MappingTable } from '../components/import/MappingTable';
import { PreviewTable } from '../components/import/PreviewTable';
import { SourcePicker, sourceProblem } from '../components/import/SourcePicker';
import { UploadForm } from '../components/import/UploadForm';
import { useImportFormat } from '../components/import/import-format';
import { showUpload, useUploadId } from '../components/import/useUploadId';
import {
  cancelImport,
  checkAgain,
  discardUpload,
  fetchCheck,
  fetchUpload,
  startImport,
  type ReadOptions,
  type SourceChoice,
  type UploadCheck,
} from '../import-api';
import { useSources } from './Sources';

/** The options a check was made with, its mapping spelled out for every column. */
function checkedOptions(check: UploadCheck): ReadOptions {
  return { ...check.options, columns: { ...check.options.columns, ...check.mapping } };
}

/** JSON with sorted keys: two option sets are the same whatever order their keys came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** One uploaded file: how it reads, its row errors, the source, then the import and its report. */
function UploadWorkspace({ id, restricted }: { id: string; restricted: boolean }) {
  const { t } = useTranslation();
  const format = useImportFormat();
  const queryClient = useQueryClient();
  const sources = useSources();
  const rechecking = useIsMutating({ mutationKey: ['import-recheck', id] }) > 0;
  // While an import is started, its answer streams the progress: no polling then.
  const following = useIsMutating({ mutationKey: ['import-start', id] }) > 0;
  const upload = useQuery({
    queryKey: ['import-upload', id],
    queryFn: () => fetchUpload(id),
    retry: false,
    // Every second while something runs on the server, as the screen shows its progress.
    refetchInterval: (query) => {
      if (following) return false;
      const job = query.state.data?.job;
      const running = job?.state === 'queued' || job?.state === 'running';
      return running || rechecking || query.state.data?.activity ? 1000 : false;
    },
  });
  const check = useQuery({
    queryKey: ['import-check', id, restricted],
    queryFn: () => fetchCheck(id, restricted),
    retry: false,
  });
  const [draft, setDraft] = useState<{ checkedAt: string; options: ReadOptions } | null>(null);
  const [source, setSource] = useState<SourceChoice>({ kind: 'existing', slug: '' });

  const recheck = useMutation({
    mutationKey: ['import-recheck', id],
    mutationFn: (options: ReadOptions) => checkAgain(id, options, restricted),
    onSuccess: (result) => {
      queryClient.setQueryData(['import-upload', id], result.upload);
      queryClient.setQueryData(['import-check', id, restricted], result.check);
      queryClient.removeQueries({ queryKey: ['import-check', id, !restricted] });
    },
  });
  const start = useMutation({
    mutationKey: ['import-start', id],
    mutationFn: (options: ReadOptions) =>
      startImport(id, options, source, (progress) =>
        queryClient.setQueryData(['import-upload', id], progress),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['import-upload', id] }),
  });
  const cancel = useMutation({
    mutationFn: () => cancelImport(id),
    onSuccess: (result) => queryClient.setQueryData(['import-upload', id], result),
  });
  const another = useMutation({
    mutationFn: () => discardUpload(id),
    onSettled: async () => {
      queryClient.removeQueries({ queryKey: ['import-upload', id] });
      queryClient.removeQueries({ queryKey: ['import-check', id] });
      await queryClient.invalidateQueries({ queryKey: ['sources'] });
      showUpload(null);
    },
  });

  const gone =
    (upload.error instanceof ApiError && upload.error.status === 404) ||
    (check.error instanceof ApiError && check.error.status === 404);
  if (gone || upload.isError || check.isError)
    return (
      <div className="import-section">
        <p className="problem" role="alert">
          {gone
            ? t('import.gone')
            : t('import.loadFailed', { message: (upload.error ?? check.error)?.message ?? '' })}
        </p>
        <button type="button" onClick={() => showUpload(null)}>
          {t('import.another')}
        </button>
      </div>
    );
  if (!upload.data || !check.data) return <p className="muted">{t('common.loading')}</p>;

  const current = upload.data;
  const checked = check.data;
  const job = current.job;
  const jobActive = job?.state === 'queued' || job?.state === 'running';
  const imported = job?.state === 'done' && job.report?.status === 'imported';
  const lastChecked = checkedOptions(checked);
  const options = draft && draft.checkedAt === checked.checkedAt ? draft.options : lastChecked;
  const change = (next: ReadOptions) => setDraft({ checkedAt: checked.checkedAt, options: next });
  const dirty = canonical(options) !== canonical(lastChecked);
  const busy = jobActive || rechecking || start.isPending;
  const problemWithSource = sourceProblem(
    source,
    (sources.data ?? []).map((s) => s.slug),
  );
  const blocked = checked.error !== null || checked.counts === null;
  const canImport = !busy && !dirty && !blocked && problemWithSource === null;

  return (
    <>
      {jobActive && job && (
        <ImportProgress job={job} cancelling={cancel.isPending} onCancel={() => cancel.mutate()} />
      )}
      {job && !jobActive && (
        <ImportReport
          upload={current}
          job={job}
          restricted={restricted}
          onAnother={() => another.mutate()}
        />
      )}
      {!imported && (
        <>
          <FileSummary
            upload={current}
            check={checked}
            options={options}
            disabled={busy}
            onChange={change}
          />
          <MappingTable
            check={checked}
            columns={options.columns}
            disabled={busy}
            onChange={(columns) => change({ ...options, columns })}
          />
          <div className="import-actions">
            <button
              type="button"
              disabled={!dirty || busy}
              onClick={() => recheck.mutate(options)}
              data-testid="import-check-again"
            >
              {t('import.checkAgain')}
            </button>
            <p role="status" aria-live="polite" className={dirty ? 'import-changed' : 'muted'}>
              {rechecking
                ? t('import.checking', {
                    rows: format.number(current.checkProgress?.rowsRead ?? 0),
                  })
                : dirty
                  ? t('import.changed')
                  : ''}
            </p>
            {recheck.isError && (
              <p className="problem" role="alert">
                {t('import.checkError', { message: recheck.error.message })}
              </p>
            )}
          </div>
          <CheckResults upload={current} check={checked} restricted={restricted} />
          {checked.preview.length > 0 && <PreviewTable check={checked} />}
          <SourcePicker choice={source} disabled={busy} onChange={setSource} />
          <div className="import-actions">
            <button
              type="button"
              disabled={!canImport}
              onClick={() => start.mutate(lastChecked)}
              data-testid="import-start"
            >
              {t('import.importAction')}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={jobActive || another.isPending}
              onClick={() => another.mutate()}
            >
              {t('import.discard')}
            </button>
            <p className={blocked || dirty ? 'problem small' : 'small muted'} role="status">
              {blocked
                ? t('import.importBlocked')
                : dirty
                  ? t('import.changed')
                  : problemWithSource && !jobActive
                    ? t(`import.${problemWithSource}`)
                    : ''}
            </p>
            {start.isError && !jobActive && (
              <p className="problem" role="alert">
                {t('import.startFailed', { message: start.error.message })}
              </p>
            )}
          </div>
        </>
      )}
    </>
  );
}

/**
 * The Import screen: upload a list, see how it reads and every row error before anything is
 * written, choose the source, import it as one batch with progress, and read the report.
 * For editors and administrators (the server refuses the others too).
 */
export function ImportScreen() {
  const { t } = useTranslation();
  const id = useUploadId();
  const queryClient = useQueryClient();
  const session = useQuery({ queryKey: ['session'], queryFn: fetchSession, staleTime: Infinity });
  const [restricted, setRestricted] = useState(false);
  const role = session.data?.user.role;
  const allowed = role === 'editor' || role === 'admin';

  return (
    <section aria-labelledby="import-title" className="import">
      <h1 id="import-title">{t('import.title')}</h1>
      {!allowed ? (
        <p className="problem" role="alert">
          {t('import.notAllowed')}
        </p>
      ) : (
        <>
          <p className="muted">{t('import.intro')}</p>
          <label className="inline">
            <input
              type="checkbox"
              name="includeRestricted"
              checked={restricted}
              onChange={(e) => setRestricted(e.target.checked)}
            />
            {t('import.includeRestricted')}
          </label>
          {id ? (
            <UploadWorkspace key={id} id={id} restricted={restricted} />
          ) : (
            <UploadForm
              restricted={restricted}
              onUploaded={({ upload, check }) => {
                queryClient.setQueryData(['import-upload', upload.id], upload);
                queryClient.setQueryData(['import-check', upload.id, restricted], check);
                showUpload(upload.id);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
