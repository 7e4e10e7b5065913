import { rm } from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../core/auth/permissions.js';
import type { Database } from '../../../db/database.js';
import { appendAuditEvent } from '../../../db/repositories/audit-repository.js';
import type { User } from '../../../db/repositories/user-repository.js';
import { findSourceBySlug } from '../../../db/repositories/source-repository.js';
import {
  checkUpload,
  defaultCheckOptions,
  type CheckOptions,
  type UploadCheck,
} from '../../../services/uploads/check-upload.js';
import { ImportJobs } from '../../../services/uploads/import-jobs.js';
import { tooLarge } from '../../../services/uploads/receive-file.js';
import { rejectedRowsDownload } from '../../../services/uploads/rejected-rows-download.js';
import { TaskSlots } from '../../../services/uploads/task-slots.js';
import { UploadError } from '../../../services/uploads/upload-error.js';
import { checkUploadFileName } from '../../../services/uploads/upload-file-name.js';
import { uploadSettings, type UploadSettings } from '../../../services/uploads/upload-settings.js';
import { UploadStore, type Upload } from '../../../services/uploads/upload-store.js';
import {
  checkBody,
  commitBody,
  includeQuery,
  uploadIdParams,
  uploadQuery,
  type CheckBody,
} from './import-schemas.js';
import { checkView, jobView, uploadView } from './import-views.js';

export interface ImportRoutesOptions {
  db: Database;
  /** Upload limit, idle time, folder: from the environment when not given (upload-settings.ts). */
  uploads?: Partial<UploadSettings>;
}

function optionsOf(body: CheckBody): CheckOptions {
  return {
    columns: body.columns,
    defaults: body.defaults,
    valueMaps: body.values,
    dateOrder: body.dateOrder,
    encoding: body.encoding,
  };
}

function busy(upload: Upload): UploadError {
  return new UploadError(
    409,
    upload.activity === 'importing'
      ? `${upload.fileName} is being imported; wait for the import to finish (GET /api/imports/${upload.id} shows its progress)`
      : `${upload.fileName} is being checked; wait for the check to finish`,
  );
}

/** `Content-Disposition` for a download, with the user's (possibly Arabic) file name intact. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  // RFC 5987 leaves ' ( ) * out of a value's plain characters; encodeURIComponent keeps them.
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The Import screen's API, for roles that may import (editor, admin):
 * - POST /api/imports?name=FILE: the file as the raw body (application/octet-stream), streamed to
 *   a private folder up to the upload limit (413 past it); answers the upload and a full dry run
 *   with the detected format, encoding and mapping and a preview of the first rows;
 * - POST /api/imports/:id/check: a new dry run with the user's mapping, defaults and date order;
 * - POST /api/imports/:id/commit: imports into a source (new or existing) in the background;
 * - GET /api/imports/:id: status and progress, and the report when done; GET …/check: the last
 *   dry run; GET …/rejected.csv: the rejected rows; POST …/cancel stops an import (the upload
 *   stays); DELETE cancels and discards.
 * Uploads live in this process only (a restart loses them, never half a batch); only whoever sent
 * a file, or an administrator, sees it. Imports run one at a time; checks two at a time. Previews
 * follow /api/records' rule for restricted details.
 */
export const importRoutes: FastifyPluginAsync<ImportRoutesOptions> = (app, options) => {
  const { db } = options;
  const settings = uploadSettings(options.uploads);
  const store = new UploadStore(settings);
  const jobs = new ImportJobs(db, store, (error) =>
    app.log.error(
      { err: error instanceof Error ? { type: error.name, message: error.message } : {} },
      'import failed',
    ),
  );
  const checks = new TaskSlots(2);
  const checking = new Map<string, AbortController>();
  app.addHook('onClose', async () => {
    for (const controller of checking.values()) controller.abort();
    await jobs.close();
    await store.close();
  });
  // The upload's body stays a stream until the handler, after access control, writes it to disk.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) =>
    done(null, payload),
  );

  const tag = 'imports';
  const importing = 'records:import' as const;
  const userOf = (request: FastifyRequest): User => request.user!;

  /** May the caller see restricted details, if asked? 403 when asked by a role that may not. */
  function showRestricted(request: FastifyRequest): boolean {
    const { include } = includeQuery.parse(request.query);
    const user = userOf(request);
    if (include === 'restricted' && !can(user.role, 'restricted:read'))
      throw new UploadError(403, `your role (${user.role}) may not see restricted details`);
    return include === 'restricted';
  }

  async function auditRestrictedView(user: User, upload: Upload, after: object): Promise<void> {
    await db.transaction((tx) =>
      appendAuditEvent(tx, {
        actor: `user:${user.id}`,
        action: 'restricted.view',
        entityType: 'import_upload',
        entityId: upload.id,
        after: { fileName: upload.fileName, sha256: upload.sha256, ...after },
      }),
    );
  }

  async function respondWithCheck(request: FastifyRequest, upload: Upload, check: UploadCheck) {
    const show = showRestricted(request);
    const { view, shown } = checkView(check, show);
    if (shown.length > 0)
      await auditRestrictedView(userOf(request), upload, { previewRows: shown });
    return view;
  }

  /** A dry run of the upload; stopped if the caller goes away or the upload is discarded. */
  async function runCheck(upload: Upload, checkOptions: CheckOptions, reply: FastifyReply) {
    if (upload.activity) throw busy(upload);
    upload.activity = 'checking';
    upload.checkProgress = { rowsRead: 0, bytesRead: 0, totalBytes: upload.bytes };
    const controller = new AbortController();
    checking.set(upload.id, controller);
    const callerGone = () => {
      if (!reply.raw.writableEnded) controller.abort();
    };
    reply.raw.on('close', callerGone);
    const rejectedPath = store.newFilePath('.rejected.csv');
    try {
      const outcome = await checks.run(() =>
        checkUpload(upload, checkOptions, {
          previewRows: settings.previewRows,
          rejectedPath,
          signal: controller.signal,
          onProgress: (progress) => {
            upload.checkProgress = progress;
          },
        }),
      );
      if (controller.signal.aborted) throw new UploadError(409, 'the check was stopped');
      upload.check = outcome.check;
      await store.replaceRejected(
        upload,
        outcome.rejectedRows > 0
          ? {
              path: rejectedPath,
              rows: outcome.rejectedRows,
              read: { ...checkOptions, mapping: outcome.check.mapping },
            }
          : null,
      );
      return outcome.check;
    } catch (error) {
      await rm(rejectedPath, { force: true });
      throw error;
    } finally {
      checking.delete(upload.id);
      reply.raw.off('close', callerGone);
      upload.activity = null;
      upload.checkProgress = null;
    }
  }

  app.get(
    '/api/imports',
    {
      config: {
        permission: importing,
        docs: { tag, summary: 'Your uploads, and the upload limit' },
      },
    },
    (request) => ({
      uploads: store.list(userOf(request)).map((u) => uploadView(u, settings.idleMs)),
      limits: { maxBytes: settings.maxBytes, idleMinutes: Math.round(settings.idleMs / 60_000) },
      importsWaiting: jobs.queued,
    }),
  );

  app.post(
    '/api/imports',
    {
      config: {
        permission: importing,
        docs: {
          tag,
          summary: 'Upload a file and check it (nothing is written to the register)',
          description:
            'Send the file itself as the body with Content-Type: application/octet-stream and its name in `name`. Answers 201 with the upload and a full dry run: format, encoding, the mapping found from the column names, the row errors, and the first rows as they would be stored. 413 past the upload limit (GET /api/imports gives it).',
          query: uploadQuery,
        },
      },
    },
    async (request, reply) => {
      const query = uploadQuery.parse(request.query);
      const file = checkUploadFileName(query.name);
      showRestricted(request);
      const declared = Number(request.headers['content-length'] ?? NaN);
      if (declared > settings.maxBytes)
        return reply
          .code(413)
          .header('connection', 'close')
          .send({ error: tooLarge(settings.maxBytes).message });
      if (!(request.body instanceof Readable))
        throw new UploadError(
          400,
          'send the file itself as the request body, with Content-Type: application/octet-stream',
        );
      let upload: Upload;
      try {
        upload = await store.receive(userOf(request).id, file, request.body);
      } catch (error) {
        if (error instanceof UploadError && error.statusCode === 413)
          void reply.header('connection', 'close');
        throw error;
      }
      try {
        const check = await runCheck(upload, defaultCheckOptions, reply);
        return await reply.code(201).send({
          upload: uploadView(upload, settings.idleMs),
          check: await respondWithCheck(request, upload, check),
        });
      } catch (error) {
        // The caller never learns this upload's id: keep nothing of it.
        await store.discard(upload);
        throw error;
      }
    },
  );

  app.get(
    '/api/imports/:id',
    {
      config: {
        permission: importing,
        docs: {
          tag,
          summary: 'An upload: what is being done with it, its import progress and report',
          params: uploadIdParams,
        },
      },
    },
    (request) => {
      const { id } = uploadIdParams.parse(request.params);
      return { upload: uploadView(store.find(id, userOf(request)), settings.idleMs) };
    },
  );

  app.get(
    '/api/imports/:id/check',
    {
      config: {
        permission: importing,
        docs: {
          tag,
          summary: 'The last dry run of an upload',
          params: uploadIdParams,
          query: includeQuery,
        },
      },
    },
    async (request) => {
      const { id } = uploadIdParams.parse(request.params);
      const upload = store.find(id, userOf(request));
      if (!upload.check) throw new UploadError(404, `${upload.fileName} has not been checked yet`);
      return { check: await respondWithCheck(request, upload, upload.check) };
    },
  );

  app.post(
    '/api/imports/:id/check',
    {
      config: {
        permission: importing,
        docs: {
          tag,
          summary: 'Check an upload again with a mapping, defaults and date order (a dry run)',
          params: uploadIdParams,
          query: includeQuery,
          body: checkBody,
        },
      },
    },
    async (request, reply) => {
      const { id } = uploadIdParams.parse(request.params);
      const body = checkBody.parse(request.body ?? {});
      showRestricted(request);
      const upload = store.find(id, userOf(request));
      const check = await runCheck(upload, optionsOf(body), reply);
      return {
        upload: uploadView(upload, settings.idleMs),
        check: await respondWithCheck(request, upload, check),
      };
    },
  );

  app.post(
    '/api/imports/:id/commit',
    {
      config: {
        permission: importing,
        docs: {
          tag,
          summary: 'Import an upload into a source, in the background (one import at a time)',
          description:
            'Answers 202 with the job at once; poll GET /api/imports/:id for progress and the report, or ask for `Accept: application/x-ndjson` to get the upload and job as one line of JSON a second until the import ends (on the embedded store other requests wait while an import runs). The whole file is one batch: a failed or cancelled import stores nothing, and the same file imported again into the same source is reported as a duplicate. A new source (newSource) is created with the import.',
          params: uploadIdParams,
          body: commitBody,
        },
      },
    },
    async (request, reply) => {
      const { id } = uploadIdParams.parse(request.params);
      const body = commitBody.parse(request.body);
      const user = userOf(request);
      const upload = store.find(id, user);
      if (upload.activity) throw busy(upload);
      const existing = await findSourceBySlug(db, body.source);
      if (body.newSource && existing)
        throw new UploadError(
          409,
          `a source with the code "${body.source}" already exists: choose it from the sources, or give the new source another code`,
        );
      if (!body.newSource && !existing)
        throw new UploadError(
          400,
          `there is no source "${body.source}": choose one of GET /api/sources, or describe a new one in newSource`,
        );
      const job = jobs.start(upload, {
        source: body.source,
        createSource: body.newSource
          ? { nameEn: body.newSource.nameEn ?? null, nameAr: body.newSource.nameAr ?? null }
          : null,
        options: optionsOf(body),
        actor: `user:${user.id}`,
      });
      const state = () => ({ upload: uploadView(upload, settings.idleMs), job: jobView(job) });
      if (!(request.headers.accept ?? '').includes('application/x-ndjson'))
        return reply.code(202).send(state());
      // Progress as the answer itself, one line a second until the end: on the embedded store
      // every other request (polling included) waits while the import's transaction runs. The
      // import goes on if the caller goes away.
      const lines = new PassThrough();
      const write = () => lines.write(`${JSON.stringify(state())}\n`);
      write();
      const ticker = setInterval(write, 1000);
      reply.raw.on('close', () => clearInterval(ticker));
      void jobs.finished(job).then(() => {
        clearInterval(ticker);
        write();
        lines.end();
      });
      return reply
        .code(202)
        .type('application/x-ndjson; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(lines);
    },
  );

  app.post(
    '/api/imports/:id/cancel',
    {
      config: {
        permission: importing,
        docs: {
          tag,
          summary: 'Cancel the running import of an upload (nothing is stored); the upload stays',
          params: uploadIdParams,
        },
      },
    },
    async (request) => {
      const { id } = uploadIdParams.parse(request.params);
      const upload = store.find(id, userOf(request));
      await jobs.cancel(upload);
      return { upload: uploadView(upload, settings.idleMs) };
    },
  );

  app.get(
    '/api/imports/:id/rejected.csv',
    {
      config: {
        permission: importing,
        docs: {
          tag,
          summary: 'The rows the latest check or import rejected, as CSV to fix and import again',
          description:
            'Each row keeps its cells, with sijil_row_number and sijil_problems added; cells are made safe to open in a spreadsheet. Restricted columns and rows marked restricted are left out unless include=restricted (logged).',
          params: uploadIdParams,
          query: includeQuery,
        },
      },
    },
    async (request, reply) => {
      const { id } = uploadIdParams.parse(request.params);
      const show = showRestricted(request);
      const upload = store.find(id, userOf(request));
      if (!upload.rejected)
        throw new UploadError(
          404,
          `no rows of ${upload.fileName} were rejected by its latest check or import`,
        );
      if (show) await auditRestrictedView(userOf(request), upload, { download: 'rejected rows' });
      const base = upload.fileName.replace(/\.[^.]*$/, '');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(`${base}.rejected.csv`))
        .header('cache-control', 'no-store')
        .send(rejectedRowsDownload(upload.rejected, show));
    },
  );

  app.delete(
    '/api/imports/:id',
    {
      config: {
        permission: importing,
        docs: {
          tag,
          summary: 'Discard an upload, cancelling its import if one is running (nothing is stored)',
          params: uploadIdParams,
        },
      },
    },
    async (request) => {
      const { id } = uploadIdParams.parse(request.params);
      const upload = store.find(id, userOf(request));
      const importRunning = upload.activity === 'importing';
      checking.get(upload.id)?.abort();
      await jobs.cancel(upload);
      await store.discard(upload);
      return { discarded: true, importCancelled: importRunning };
    },
  );
  return Promise.resolve();
};
