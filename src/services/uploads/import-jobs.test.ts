import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../db/pglite-database.js';
import { migrate } from '../../db/migrate.js';
import { tempDir } from '../../../test/helpers/temp-files.js';
import { defaultCheckOptions } from './check-upload.js';
import { ImportJobs } from './import-jobs.js';
import { UploadStore } from './upload-store.js';

describe('ImportJobs', () => {
  const folder = tempDir();
  afterAll(() => folder.cleanup());

  it('says a fault of the server is one, in words the workspace translates, and reports it', async () => {
    const db = await openPglite();
    await migrate(db);
    const store = new UploadStore({
      maxBytes: 1 << 20,
      idleMs: 60_000,
      parentDir: folder.dir,
      previewRows: 5,
    });
    const upload = await store.receive(
      1,
      { fileName: 'list.csv', format: 'csv' },
      Readable.from([Buffer.from('name,sex\nأحمد,ذكر\n')]),
    );
    const unexpected: unknown[] = [];
    const jobs = new ImportJobs(db, store, (error) => unexpected.push(error));
    // A store that has gone away is not the user's fault: nothing they can change in the file.
    await db.close();
    const job = jobs.start(upload, {
      source: 'list',
      createSource: { nameEn: 'List', nameAr: null },
      options: defaultCheckOptions,
      actor: 'user:1',
    });
    await jobs.finished(job);
    expect(job.state).toBe('failed');
    expect(job.errorProblem).toEqual({ code: 'server_fault', params: {} });
    expect(job.error).toContain('problem on the server');
    expect(job.error).not.toContain(upload.path);
    expect(unexpected).toHaveLength(1);
    await store.close();
  });
});
