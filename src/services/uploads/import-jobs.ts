import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Database } from '../../db/database.js';
import { recordSearchIndex } from '../../db/repositories/record-search-index.js';
import { importFile, type ImportProgress, type ImportReport } from '../import/import-file.js';
import type { SourceInput } from '../../db/repositories/source-repository.js';
import type { CheckOptions } from './check-upload.js';
import { TaskSlots } from './task-slots.js';
import type { FileProblem } from '../import/readers/index.js';
import { userMessageOf, userProblemOf } from './user-message.js';
import type { Upload, UploadStore } from './upload-store.js';

export type ImportJobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** Why a job did not finish, for the workspace to word: the file's own problem, or the server's. */
export type JobProblem = FileProblem | { code: 'server_fault'; params: Record<string, never> };

/** One import of an upload into the register, run in the background. */
export interface ImportJob {
  readonly id: string;
  state: ImportJobState;
  readonly source: string;
  readonly queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  progress: ImportProgress | null;
  /** The importer's report once it has finished (imported, duplicate or too many errors). */
  report: ImportReport | null;
  /** Why it failed, for the user; null unless it failed or was cancelled. */
  error: string | null;
  /**
   * The kind of `error`, for words in the reader's language; null when the workspace has none for
   * it (the English `error` is all there is) or when the job was cancelled (its state says so).
   */
  errorProblem: JobProblem | null;
}

/** What to import: the upload, into which source (created with it when new), read how. */
export interface ImportRequest {
  source: string;
  /** Names of a source to create with the import (audited by the source service). */
  createSource: Omit<SourceInput, 'slug'> | null;
  options: CheckOptions;
  actor: string;
}

const cancelled = 'the import was cancelled; nothing from this file was stored';

/**
 * Runs imports one at a time for the whole server, in the order they were asked for: the store
 * takes one large write at a time best, and each import is one transaction. A cancelled or
 * failed import stores nothing (importFile is atomic).
 */
export class ImportJobs {
  private readonly slots = new TaskSlots(1);
  private readonly running = new Map<
    ImportJob,
    { controller: AbortController; done: Promise<void> }
  >();

  constructor(
    private readonly db: Database,
    private readonly store: UploadStore,
    private readonly onUnexpected: (error: unknown) => void,
  ) {}

  /** Imports waiting for their turn. */
  get queued(): number {
    return this.slots.queued;
  }

  /** Queues the import of `upload` and returns its job at once; poll the job for progress. */
  start(upload: Upload, request: ImportRequest): ImportJob {
    const job: ImportJob = {
      id: randomBytes(12).toString('hex'),
      state: 'queued',
      source: request.source,
      queuedAt: new Date(),
      startedAt: null,
      finishedAt: null,
      progress: null,
      report: null,
      error: null,
      errorProblem: null,
    };
    upload.activity = 'importing';
    upload.job = job;
    const controller = new AbortController();
    const done = this.slots
      .run(() => this.run(upload, job, request, controller.signal))
      .catch(this.onUnexpected)
      .finally(() => {
        this.running.delete(job);
        upload.activity = null;
        upload.lastUsedAt = new Date();
      });
    this.running.set(job, { controller, done });
    return job;
  }

  private async run(
    upload: Upload,
    job: ImportJob,
    request: ImportRequest,
    signal: AbortSignal,
  ): Promise<void> {
    if (signal.aborted) {
      Object.assign(job, { state: 'cancelled', error: cancelled, finishedAt: new Date() });
      return;
    }
    job.state = 'running';
    job.startedAt = new Date();
    const rejectedPath = this.store.newFilePath('.rejected.csv');
    const { options } = request;
    try {
      const report = await importFile(this.db, {
        path: upload.path,
        fileName: upload.fileName,
        format: upload.format,
        ...(options.encoding ? { encoding: options.encoding } : {}),
        source: request.source,
        ...(request.createSource ? { createSource: request.createSource } : {}),
        actor: request.actor,
        columns: options.columns,
        defaults: options.defaults,
        valueMaps: options.valueMaps,
        dateOrder: options.dateOrder,
        // The user saw every row error in the check before asking for the import.
        maxErrors: null,
        maxErrorShare: null,
        rejectedPath,
        signal,
        onProgress: (progress) => {
          job.progress = progress;
        },
      });
      job.report = report;
      job.state = 'done';
      // Start adding the records to search now rather than at the next search (a failure here
      // shows again at that search).
      if (report.status === 'imported') recordSearchIndex(this.db).catch(() => undefined);
      // After an import, the rows to download are the ones it rejected (kept with the batch too).
      if (report.status === 'imported' || report.rejectedPath)
        await this.store.replaceRejected(
          upload,
          report.rejectedPath
            ? {
                path: rejectedPath,
                rows: report.rowsRejected,
                read: { ...options, mapping: report.mapping },
              }
            : null,
        );
    } catch (error) {
      await rm(rejectedPath, { force: true });
      job.state = signal.aborted ? 'cancelled' : 'failed';
      const hidden = [upload.path, rejectedPath];
      try {
        job.error = signal.aborted ? cancelled : userMessageOf(error, upload.fileName, hidden);
        if (!signal.aborted) job.errorProblem = userProblemOf(error, upload.fileName, hidden);
      } catch {
        this.onUnexpected(error);
        job.error =
          'the import failed because of a problem on the server (it has been logged); nothing from this file was stored';
        job.errorProblem = { code: 'server_fault', params: {} };
      }
    } finally {
      job.finishedAt = new Date();
    }
  }

  /** Resolves once the job has ended (done, failed or cancelled). */
  async finished(job: ImportJob): Promise<void> {
    await this.running.get(job)?.done;
  }

  /** Stops the upload's import if it is queued or running, and waits until it has stopped. */
  async cancel(upload: Upload): Promise<void> {
    const job = upload.job;
    const entry = job ? this.running.get(job) : undefined;
    if (!entry) return;
    entry.controller.abort();
    await entry.done;
  }

  /** Cancels every import and waits for them: the server is stopping. */
  async close(): Promise<void> {
    const entries = [...this.running.values()];
    for (const entry of entries) entry.controller.abort();
    await Promise.all(entries.map((e) => e.done));
  }
}
