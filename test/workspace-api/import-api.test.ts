import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/auth/permissions.js';
import { buildServer } from '../../src/server/app.js';
import { apiCaller, signedInUser, type ApiClient } from '../helpers/api-client.js';
import { tempDir } from '../helpers/temp-files.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';
import { encodeText } from '../helpers/test-files.js';

interface Problem {
  row: number;
  column: string | null;
  field: string | null;
  value: string;
  reason: string;
}

interface PreviewRowJson {
  rowNumber: number;
  accepted: boolean;
  hidden: boolean;
  raw?: Record<string, string>;
  fields?: Record<string, unknown> & { restricted?: Record<string, string> | null };
  problems?: Problem[];
}

interface CheckJson {
  error: string | null;
  format: string;
  encoding: string | null;
  encodingReason: string | null;
  headers: string[];
  mapping: Record<string, string | null>;
  conflicts: { field: string; columns: string[] }[];
  counts: { rowsRead: number; rowsAccepted: number; rowsRejected: number; warnings: number } | null;
  problems: Problem[];
  warnings: Problem[];
  preview: PreviewRowJson[];
}

interface JobJson {
  id: string;
  state: string;
  progress: { rowsRead: number; bytesRead: number; totalBytes: number; rowsPerSecond: number };
  report: {
    status: string;
    source: string;
    sourceCreated: boolean;
    batch: { id: number } | null;
    rowsAccepted: number;
    rowsRejected: number;
    rejectedPath?: unknown;
  } | null;
  error: string | null;
  errorProblem: { code: string; params: Record<string, string | number> } | null;
}

interface UploadJson {
  id: string;
  fileName: string;
  bytes: number;
  sha256: string;
  activity: string | null;
  rejectedRows: number;
  job: JobJson | null;
}

/**
 * A casualty list as an Arabic Excel would save it (Windows-1256): Arabic headers the importer
 * knows, a notes column it does not (kept verbatim), a witness column (restricted), one row
 * marked restricted, and rows with problems: a bad age (with a formula in its notes), no name.
 */
const listText = [
  'الرقم,الاسم,الجنس,العمر,تاريخ الوفاة,المحافظة,ملاحظات,الشاهد,السرية',
  '1,أحمد محمود الخطيب,ذكر,34,21/08/2013,ريف دمشق,قصف,أم خالد,',
  '2,فاطمة علي,أنثى,ثلاثون,2013-08-22,حمص,=1+2,,',
  '3,,ذكر,40,2013-08-23,حلب,,,',
  '4,سعيد الأحمد,ذكر,17,05/03/2014,حلب,,أبو سعيد,',
  '5,خالد يوسف,ذكر,29,2014-01-02,درعا,,,سري',
].join('\r\n');
const listBytes = encodeText(listText, 'windows-1256');

describe.each(testStores)('import API on %s', (kind) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  const uploadsParent = tempDir();
  const clients = new Map<Role | 'editor2', ApiClient>();
  const userIds = new Map<string, number>();
  const password = 'olive trees by the old sea wall';
  const call = apiCaller(() => base);
  const as = (who: Role | 'editor2') => clients.get(who)!;
  const maxBytes = 64 * 1024;

  const upload = (who: Role | 'editor2', name: string, body: Uint8Array, init: RequestInit = {}) =>
    call(`/api/imports?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      client: as(who),
      headers: { 'content-type': 'application/octet-stream' },
      body,
      ...init,
    });
  const json = async <T>(res: Response) => (await res.json()) as T;
  const count = async (sql: string) =>
    (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`))[0]!.n;

  async function finishedJob(who: Role, id: string): Promise<JobJson> {
    for (let i = 0; i < 200; i++) {
      const res = await call(`/api/imports/${id}`, { client: as(who) });
      expect(res.status).toBe(200);
      const { upload: u } = await json<{ upload: UploadJson }>(res);
      if (u.job && !['queued', 'running'].includes(u.job.state)) return u.job;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the import did not finish');
  }

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    app = await buildServer({
      db: t.db,
      authAttemptsPerMinute: 1000,
      uploads: { maxBytes, parentDir: uploadsParent.dir, previewRows: 10 },
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    const accounts: [Role | 'editor2', Role][] = [
      ['admin', 'admin'],
      ['editor', 'editor'],
      ['editor2', 'editor'],
      ['reviewer', 'reviewer'],
      ['viewer', 'viewer'],
    ];
    for (const [who, role] of accounts) {
      const email = `${who}@example.org`;
      clients.set(who, await signedInUser(t.db, call, email, role, password));
      const [row] = await t.db.query<{ id: number }>('SELECT id FROM app_user WHERE email = $1', [
        email,
      ]);
      userIds.set(who, row!.id);
    }
  });

  afterAll(async () => {
    await app?.close();
    await t?.dispose();
    uploadsParent.cleanup();
  });

  let first: UploadJson;

  it('answers an upload with the detected encoding, the mapping and a dry run that stores nothing', async () => {
    const res = await upload('editor', 'قائمة الشهداء.csv', listBytes);
    expect(res.status).toBe(201);
    const body = await json<{ upload: UploadJson; check: CheckJson }>(res);
    first = body.upload;
    expect(body.upload.fileName).toBe('قائمة الشهداء.csv');
    expect(body.upload.bytes).toBe(listBytes.length);
    expect(body.upload.id).toMatch(/^[0-9a-f]{32}$/);

    const { check } = body;
    expect(check.error).toBeNull();
    expect(check.format).toBe('csv');
    expect(check.encoding).toBe('windows-1256');
    expect(check.encodingReason).toBeTruthy();
    expect(check.mapping).toEqual({
      الرقم: 'record_id',
      الاسم: 'name',
      الجنس: 'sex',
      العمر: 'age',
      'تاريخ الوفاة': 'event_date',
      المحافظة: 'place_governorate',
      ملاحظات: null,
      الشاهد: 'restricted',
      السرية: 'confidentiality',
    });
    // Rows 3 (a bad age) and 4 (no name) are rejected; 05/03/2014 reads both ways: a warning.
    expect(check.counts).toEqual({ rowsRead: 5, rowsAccepted: 3, rowsRejected: 2, warnings: 1 });
    expect(check.problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [3, 'العمر', 'ثلاثون'],
      [4, 'الاسم', ''],
    ]);
    expect(check.problems[0]!.reason).toContain('is not an age');
    expect(check.warnings.map((w) => [w.row, w.column])).toEqual([[5, 'تاريخ الوفاة']]);

    // The first rows as they would be stored: normalised fields beside the cells as written.
    const [ahmad] = check.preview;
    expect(ahmad).toMatchObject({
      rowNumber: 2,
      accepted: true,
      hidden: false,
      raw: { الاسم: 'أحمد محمود الخطيب', الجنس: 'ذكر', ملاحظات: 'قصف' },
      fields: {
        name: 'أحمد محمود الخطيب',
        sex: 'male',
        age: 34,
        eventDate: { start: '2013-08-21', end: '2013-08-21', precision: 'day' },
        placeGovernorate: 'ريف دمشق',
      },
    });
    // Restricted details stay out unless asked for, as in /api/records.
    expect(ahmad!.raw).not.toHaveProperty('الشاهد');
    expect(ahmad!.fields).not.toHaveProperty('restricted');
    expect(JSON.stringify(check)).not.toContain('أم خالد');
    expect(check.preview[4]).toEqual({ rowNumber: 6, accepted: true, hidden: true });
    expect(JSON.stringify(check)).not.toContain('خالد يوسف');

    expect(await count('record')).toBe(0);
    expect(await count('import_batch')).toBe(0);
    expect(await count("audit_event WHERE action = 'import.commit'")).toBe(0);

    // On disk: one private folder, files under random names, never the user's.
    const [folder, ...others] = readdirSync(uploadsParent.dir);
    expect(others).toEqual([]);
    expect(folder).toMatch(/^sijil-uploads-/);
    const folderPath = join(uploadsParent.dir, folder!);
    expect(statSync(folderPath).mode & 0o777).toBe(0o700);
    const names = readdirSync(folderPath);
    for (const name of names) expect(name).toMatch(/^[0-9a-f]{32}(\.rejected\.csv)?$/);
    const uploaded = names.find((name) => statSync(join(folderPath, name)).size === first.bytes);
    expect(statSync(join(folderPath, uploaded!)).mode & 0o077).toBe(0);
  });

  it('shows restricted details only when asked for by a role allowed them, and logs the view', async () => {
    const before = await count("audit_event WHERE action = 'restricted.view'");
    const res = await call(`/api/imports/${first.id}/check?include=restricted`, {
      client: as('editor'),
    });
    expect(res.status).toBe(200);
    const { check } = await json<{ check: CheckJson }>(res);
    expect(check.preview[0]!.fields!.restricted).toEqual({ الشاهد: 'أم خالد' });
    expect(check.preview[4]).toMatchObject({ hidden: false, fields: { name: 'خالد يوسف' } });
    const views = await t.db.query<{ actor: string; entity_type: string; entity_id: string }>(
      "SELECT actor, entity_type, entity_id FROM audit_event WHERE action = 'restricted.view' ORDER BY id",
    );
    expect(views).toHaveLength(before + 1);
    expect(views.at(-1)).toEqual({
      actor: `user:${userIds.get('editor')}`,
      entity_type: 'import_upload',
      entity_id: first.id,
    });
  });

  it('checks again with a changed mapping, defaults and date order', async () => {
    const res = await call(`/api/imports/${first.id}/check`, {
      method: 'POST',
      client: as('editor'),
      body: JSON.stringify({
        columns: { العمر: null, ملاحظات: 'perpetrator' },
        defaults: { violation: 'killed', place_country: 'Syria' },
        dateOrder: 'mdy',
      }),
    });
    expect(res.status).toBe(200);
    const { check } = await json<{ check: CheckJson }>(res);
    expect(check.mapping.العمر).toBeNull();
    expect(check.mapping.ملاحظات).toBe('perpetrator');
    // The bad age no longer matters (the column is kept verbatim only): one rejected row left.
    expect(check.counts).toMatchObject({ rowsRead: 5, rowsAccepted: 4, rowsRejected: 1 });
    expect(check.preview[0]!.fields).toMatchObject({
      age: null,
      perpetrator: 'قصف',
      violation: 'killed',
      placeCountry: 'Syria',
    });
    // Month first: 05/03/2014 is the 3rd of May.
    expect(check.preview[3]!.fields!.eventDate).toMatchObject({ start: '2014-05-03' });

    // Two columns for one field: the check says so and the UI can show which.
    const clash = await call(`/api/imports/${first.id}/check`, {
      method: 'POST',
      client: as('editor'),
      body: JSON.stringify({ columns: { ملاحظات: 'name' } }),
    });
    const clashed = (await json<{ check: CheckJson }>(clash)).check;
    expect(clashed.conflicts).toEqual([{ field: 'name', columns: ['الاسم', 'ملاحظات'] }]);
    expect(clashed.error).toContain('"الاسم" and "ملاحظات"');
    expect(clashed.counts).toBeNull();
    expect(clashed.headers).toHaveLength(9);

    const bad = await call(`/api/imports/${first.id}/check`, {
      method: 'POST',
      client: as('editor'),
      body: JSON.stringify({ columns: { الاسم: 'not_a_field' } }),
    });
    expect(bad.status).toBe(400);
  });

  it('gives the rejected rows as a CSV safe to open in a spreadsheet, restricted columns left out', async () => {
    const check = await call(`/api/imports/${first.id}/check`, {
      method: 'POST',
      client: as('editor'),
      body: JSON.stringify({}),
    });
    expect(check.status).toBe(200);
    const res = await call(`/api/imports/${first.id}/rejected.csv`, { client: as('editor') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('قائمة الشهداء.rejected.csv')}`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A BOM, so that Excel reads the Arabic as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'الرقم,الاسم,الجنس,العمر,تاريخ الوفاة,المحافظة,ملاحظات,السرية,sijil_row_number,sijil_problems',
    );
    expect(lines).toHaveLength(3);
    // The formula is defused with a leading apostrophe.
    expect(lines[1]).toContain(",'=1+2,");
    expect(lines[1]).toContain(',3,');
    expect(lines[2]).toContain(',4,');
    const withRestricted = await call(`/api/imports/${first.id}/rejected.csv?include=restricted`, {
      client: as('editor'),
    });
    expect((await withRestricted.text()).split(/\r?\n/)[0]).toContain('الشاهد');
  });

  it('imports in the background into a new source, audited, with progress and a report', async () => {
    const res = await call(`/api/imports/${first.id}/commit`, {
      method: 'POST',
      client: as('editor'),
      body: JSON.stringify({
        source: 'snhr-test',
        newSource: { nameEn: 'Test network', nameAr: 'شبكة الاختبار' },
        defaults: { violation: 'killed' },
      }),
    });
    expect(res.status).toBe(202);
    const { job } = await json<{ job: JobJson }>(res);
    expect(job.id).toMatch(/^[0-9a-f]+$/);
    const done = await finishedJob('editor', first.id);
    expect(done.state).toBe('done');
    expect(done.error).toBeNull();
    expect(done.report).toMatchObject({
      status: 'imported',
      source: 'snhr-test',
      sourceCreated: true,
      rowsAccepted: 3,
      rowsRejected: 2,
    });
    expect(done.report).not.toHaveProperty('rejectedPath');
    expect(done.progress.rowsRead).toBe(5);
    expect(done.progress.bytesRead).toBe(listBytes.length);

    const records = await t.db.query<{ name: string; raw: string; restricted: unknown }>(
      "SELECT r.name, r.raw, r.restricted FROM record r JOIN source s ON s.id = r.source_id WHERE s.slug = 'snhr-test' ORDER BY r.id",
    );
    expect(records.map((r) => r.name)).toEqual(['أحمد محمود الخطيب', 'سعيد الأحمد', 'خالد يوسف']);
    expect(records[0]!.raw).not.toContain('أم خالد');
    expect(records[0]!.restricted).toEqual({ الشاهد: 'أم خالد' });
    const events = await t.db.query<{ action: string; actor: string }>(
      "SELECT action, actor FROM audit_event WHERE action IN ('source.create', 'import.commit') ORDER BY id",
    );
    const actor = `user:${userIds.get('editor')}`;
    expect(events).toEqual([
      { action: 'source.create', actor },
      { action: 'import.commit', actor },
    ]);
    const [batch] = await t.db.query<{ file_name: string; imported_by: string }>(
      'SELECT file_name, imported_by FROM import_batch',
    );
    expect(batch).toEqual({ file_name: 'قائمة الشهداء.csv', imported_by: actor });
  });

  it('reports the same bytes uploaded again for the same source as a duplicate', async () => {
    const res = await upload('editor', 'copy.csv', listBytes);
    expect(res.status).toBe(201);
    const { upload: again } = await json<{ upload: UploadJson }>(res);
    expect(again.sha256).toBe(first.sha256);
    const taken = await call(`/api/imports/${again.id}/commit`, {
      method: 'POST',
      client: as('editor'),
      body: JSON.stringify({ source: 'snhr-test', newSource: { nameEn: 'Again' } }),
    });
    expect(taken.status).toBe(409);
    expect((await json<{ error: string }>(taken)).error).toContain('already exists');
    const commit = await call(`/api/imports/${again.id}/commit`, {
      method: 'POST',
      client: as('editor'),
      body: JSON.stringify({ source: 'snhr-test' }),
    });
    expect(commit.status).toBe(202);
    const done = await finishedJob('editor', again.id);
    expect(done.report?.status).toBe('duplicate');
    expect(done.report?.batch?.id).toBeGreaterThan(0);
    expect(await count('import_batch')).toBe(1);
    expect(await count('record')).toBe(3);
  });

  it('stores all of a file or none of it when its import is cancelled', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `${i},اسم ${i},ذكر,${i % 90}`);
    const bytes = new TextEncoder().encode(['الرقم,الاسم,الجنس,العمر', ...rows].join('\n'));
    expect(bytes.length).toBeLessThan(maxBytes);
    const res = await upload('editor', 'long.csv', bytes);
    const { upload: long } = await json<{ upload: UploadJson }>(res);
    const commit = await call(`/api/imports/${long.id}/commit`, {
      method: 'POST',
      client: as('editor'),
      body: JSON.stringify({ source: 'long-list', newSource: { nameEn: 'Long list' } }),
    });
    expect(commit.status).toBe(202);
    const cancel = await call(`/api/imports/${long.id}/cancel`, {
      method: 'POST',
      client: as('editor'),
    });
    expect(cancel.status).toBe(200);
    const job = await finishedJob('editor', long.id);
    // Whether the cancel came in time or not, the batch is whole or absent, never half there.
    const stored = await count(
      "record r JOIN source s ON s.id = r.source_id WHERE s.slug = 'long-list'",
    );
    if (job.state === 'cancelled') {
      expect(job.error).toContain('nothing from this file was stored');
      expect(stored).toBe(0);
      expect(await count("source WHERE slug = 'long-list'")).toBe(0);
    } else {
      expect(job.state).toBe('done');
      expect(stored).toBe(1500);
    }
  });

  it('refuses roles that may not import, and state changes without the CSRF token', async () => {
    for (const role of ['viewer', 'reviewer'] as const) {
      const res = await upload(role, 'list.csv', listBytes);
      expect(res.status).toBe(403);
      expect((await json<{ error: string }>(res)).error).toContain(role);
      expect((await call('/api/imports', { client: as(role) })).status).toBe(403);
      expect((await call(`/api/imports/${first.id}`, { client: as(role) })).status).toBe(403);
    }
    const anonymous = await call('/api/imports?name=list.csv', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: listBytes,
    });
    expect(anonymous.status).toBe(401);
    const without = await call('/api/imports?name=list.csv', {
      method: 'POST',
      client: as('editor'),
      csrf: null,
      headers: { 'content-type': 'application/octet-stream' },
      body: listBytes,
    });
    expect(without.status).toBe(403);
    expect((await json<{ error: string }>(without)).error).toContain('X-CSRF-Token');
    const commit = await call(`/api/imports/${first.id}/commit`, {
      method: 'POST',
      client: as('editor'),
      csrf: 'wrong',
      body: JSON.stringify({ source: 'snhr-test' }),
    });
    expect(commit.status).toBe(403);
  });

  it('answers 413 with the limit past the upload size, declared or streamed', async () => {
    const big = new Uint8Array(maxBytes + 1).fill(0x61);
    const res = await upload('editor', 'big.csv', big);
    expect(res.status).toBe(413);
    const { error } = await json<{ error: string }>(res);
    expect(error).toContain('64 KB');
    expect(error).toContain('SIJIL_UPLOAD_LIMIT_MB');

    // Without a declared length the limit is enforced as the bytes arrive.
    const streamed = await call('/api/imports?name=big.csv', {
      method: 'POST',
      client: as('editor'),
      headers: { 'content-type': 'application/octet-stream' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(maxBytes / 4).fill(0x62));
          controller.close();
        },
      }),
      duplex: 'half',
    });
    expect(streamed.status).toBe(413);
    // Nothing of either is left on disk.
    const [folder] = readdirSync(uploadsParent.dir);
    const sizes = readdirSync(join(uploadsParent.dir, folder!)).map(
      (name) => statSync(join(uploadsParent.dir, folder!, name)).size,
    );
    expect(sizes.every((size) => size < maxBytes)).toBe(true);
  });

  it('refuses unsafe or unknown file names, and an empty file', async () => {
    for (const name of [
      '../../etc/passwd.csv',
      'list.pdf',
      'list',
      '.hidden.csv',
      'list\u202Eexe.csv',
    ]) {
      const res = await upload('editor', name, listBytes);
      expect(res.status, name).toBe(400);
      expect((await json<{ error: string }>(res)).error.length).toBeGreaterThan(20);
    }
    expect((await upload('editor', 'empty.csv', new Uint8Array())).status).toBe(400);
    const noName = await call('/api/imports', {
      method: 'POST',
      client: as('editor'),
      headers: { 'content-type': 'application/octet-stream' },
      body: listBytes,
    });
    expect(noName.status).toBe(400);
  });

  it('says why a file cannot be read, naming the file, never its place on disk', async () => {
    const res = await upload('editor', 'لائحة.xlsx', listBytes);
    expect(res.status).toBe(201);
    const { upload: broken, check } = await json<{ upload: UploadJson; check: CheckJson }>(res);
    expect(check.error).toContain('لائحة.xlsx');
    expect(check.error).not.toContain(uploadsParent.dir);
    expect(check.counts).toBeNull();
    // Another encoding is a choice the user can make after the upload.
    const utf16 = await call(`/api/imports/${first.id}/check`, {
      method: 'POST',
      client: as('editor'),
      body: JSON.stringify({ encoding: 'utf-16le' }),
    });
    const { check: misread } = await json<{ check: CheckJson }>(utf16);
    expect(misread.encoding).toBe('utf-16le');
    expect(misread.error).toContain('قائمة الشهداء.csv');
    expect(JSON.stringify(misread)).not.toContain(uploadsParent.dir);
    const commit = await call(`/api/imports/${broken.id}/commit`, {
      method: 'POST',
      client: as('editor'),
      body: JSON.stringify({ source: 'snhr-test', surprise: true }),
    });
    expect(commit.status).toBe(400);
    // Imported regardless of the failed check, it fails the same way, with the kind of problem
    // for the workspace to word, and stores nothing.
    const batches = await count('import_batch');
    const anyway = await call(`/api/imports/${broken.id}/commit`, {
      method: 'POST',
      client: as('editor'),
      body: JSON.stringify({ source: 'snhr-test' }),
    });
    expect(anyway.status).toBe(202);
    const failed = await finishedJob('editor', broken.id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toContain('لائحة.xlsx');
    expect(failed.errorProblem?.code).toBe('xlsx_unreadable');
    expect(JSON.stringify(failed)).not.toContain(uploadsParent.dir);
    expect(await count('import_batch')).toBe(batches);
  });

  it('documents the import routes in the OpenAPI document', async () => {
    const doc = await json<{
      paths: Record<string, Record<string, { 'x-permission'?: string } | undefined>>;
    }>(await call('/api/docs/openapi.json'));
    for (const path of ['/api/imports', '/api/imports/{id}/check', '/api/imports/{id}/commit'])
      expect(doc.paths[path]?.post?.['x-permission'], path).toBe('records:import');
    expect(doc.paths['/api/imports/{id}/rejected.csv']?.get).toBeDefined();
  });

  it('keeps each upload to whoever sent it (and admins), and discards on request', async () => {
    expect((await call(`/api/imports/${first.id}`, { client: as('editor2') })).status).toBe(404);
    expect((await call(`/api/imports/${first.id}/check`, { client: as('editor2') })).status).toBe(
      404,
    );
    expect(
      (await call(`/api/imports/${first.id}/rejected.csv`, { client: as('editor2') })).status,
    ).toBe(404);
    const commit = await call(`/api/imports/${first.id}/commit`, {
      method: 'POST',
      client: as('editor2'),
      body: JSON.stringify({ source: 'snhr-test' }),
    });
    expect(commit.status).toBe(404);
    expect((await call(`/api/imports/${first.id}`, { client: as('admin') })).status).toBe(200);
    const mine = await json<{ uploads: UploadJson[]; limits: { maxBytes: number } }>(
      await call('/api/imports', { client: as('editor2') }),
    );
    expect(mine.uploads).toEqual([]);
    expect(mine.limits.maxBytes).toBe(maxBytes);

    const gone = await call(`/api/imports/${first.id}`, { method: 'DELETE', client: as('editor') });
    expect(gone.status).toBe(200);
    expect((await call(`/api/imports/${first.id}`, { client: as('editor') })).status).toBe(404);
  });
});
