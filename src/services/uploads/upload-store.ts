import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { RecordBuildOptions } from '../../core/import/build-record.js';
import type { FileFormat } from '../import/readers/index.js';
import type { UploadCheck } from './check-upload.js';
import type { ImportJob } from './import-jobs.js';
import { receiveFile } from './receive-file.js';
import { UploadError } from './upload-error.js';
import type { UploadSettings } from './upload-settings.js';

/** Rejected rows written by the latest finished check or import, to download. */
export interface RejectedRows {
  path: string;
  rows: number;
  /** How they were read: which columns hold restricted details, which rows are restricted. */
  read: RecordBuildOptions;
}

/** Progress of a check while it runs. */
export interface CheckProgress {
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
}

/** One uploaded file, kept in this server process until imported, discarded or left idle. */
export interface Upload {
  readonly id: string;
  readonly ownerId: number;
  /** The name it came with: shown and recorded with the batch, never used on disk. */
  readonly fileName: string;
  readonly format: FileFormat;
  /** Where it is on disk: a random name in the server's private folder. */
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly uploadedAt: Date;
  lastUsedAt: Date;
  /** One thing at a time: a check, or an import (queued or running). */
  activity: 'checking' | 'importing' | null;
  checkProgress: CheckProgress | null;
  check: UploadCheck | null;
  job: ImportJob | null;
  rejected: RejectedRows | null;
}

/** Who asks: only the person who uploaded a file, or an administrator, may see it. */
export interface UploadViewer {
  id: number;
  role: string;
}

const randomName = () => randomBytes(16).toString('hex');

/**
 * Uploaded files in memory and in one private folder (mode 0700, random file names). Nothing here
 * survives a restart: an unfinished upload is lost, never half a batch, since imports are atomic.
 * Uploads idle for `idleMs` are forgotten and their files deleted.
 */
export class UploadStore {
  private readonly uploads = new Map<string, Upload>();
  private readonly sweeper: NodeJS.Timeout;
  /** Made with the first upload, so a server nobody uploads to leaves nothing behind. */
  private folder: Promise<string> | null = null;
  private dir: string | null = null;

  constructor(readonly settings: UploadSettings) {
    this.sweeper = setInterval(
      () => void this.sweep(new Date()),
      Math.min(settings.idleMs, 60_000),
    );
    this.sweeper.unref();
  }

  private async privateFolder(): Promise<string> {
    this.folder ??= (async () => {
      const dir = await mkdtemp(join(this.settings.parentDir, 'sijil-uploads-'));
      await chmod(dir, 0o700);
      this.dir = dir;
      return dir;
    })();
    return this.folder;
  }

  /** Writes the request body to disk (up to the size limit) and remembers it for its owner. */
  async receive(
    ownerId: number,
    file: { fileName: string; format: FileFormat },
    body: Readable,
  ): Promise<Upload> {
    const id = randomName();
    const path = join(await this.privateFolder(), randomName());
    const received = await receiveFile(body, path, this.settings.maxBytes);
    if (received.bytes === 0) {
      await rm(path, { force: true });
      throw new UploadError(400, `${file.fileName} is empty: there is nothing to import`);
    }
    const now = new Date();
    const upload: Upload = {
      id,
      ownerId,
      ...file,
      path,
      ...received,
      uploadedAt: now,
      lastUsedAt: now,
      activity: null,
      checkProgress: null,
      check: null,
      job: null,
      rejected: null,
    };
    this.uploads.set(id, upload);
    return upload;
  }

  /** The upload, if `viewer` may see it; otherwise the same 404 as for an upload that never was. */
  find(id: string, viewer: UploadViewer): Upload {
    const upload = this.uploads.get(id);
    if (!upload || (upload.ownerId !== viewer.id && viewer.role !== 'admin'))
      throw new UploadError(
        404,
        `there is no upload ${id} for you: uploads are kept for an hour after their last use, until the server restarts, and only for whoever sent them`,
      );
    upload.lastUsedAt = new Date();
    return upload;
  }

  /** The viewer's uploads (an administrator's: everyone's), newest first. */
  list(viewer: UploadViewer): Upload[] {
    return [...this.uploads.values()]
      .filter((u) => u.ownerId === viewer.id || viewer.role === 'admin')
      .sort((a, b) => b.uploadedAt.getTime() - a.uploadedAt.getTime());
  }

  /** A fresh path in the private folder for a file made from an upload (rejected rows). */
  newFilePath(suffix: string): string {
    if (this.dir === null) throw new Error('no upload has been received yet');
    return join(this.dir, `${randomName()}${suffix}`);
  }

  /** Forgets the upload and deletes its files. The caller has stopped whatever was running. */
  async discard(upload: Upload): Promise<void> {
    this.uploads.delete(upload.id);
    await rm(upload.path, { force: true });
    if (upload.rejected) await rm(upload.rejected.path, { force: true });
  }

  /** Replaces the upload's rejected-rows file, deleting the previous one. */
  async replaceRejected(upload: Upload, rejected: RejectedRows | null): Promise<void> {
    const previous = upload.rejected;
    upload.rejected = rejected;
    if (previous && previous.path !== rejected?.path) await rm(previous.path, { force: true });
  }

  /** Discards uploads idle for longer than the settings allow; never one being checked or imported. */
  async sweep(now: Date): Promise<void> {
    for (const upload of [...this.uploads.values()]) {
      const idle = now.getTime() - upload.lastUsedAt.getTime();
      if (upload.activity === null && idle > this.settings.idleMs) await this.discard(upload);
    }
  }

  /** Deletes every file and the folder: the server is stopping. */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.uploads.clear();
    const dir = await this.folder?.catch(() => null);
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
