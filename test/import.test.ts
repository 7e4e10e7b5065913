import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../src/services/import/import-file.js';
import { exportRecords } from '../src/services/export/export-records.js';
import { verifyAudit } from '../src/services/audit/verify-audit.js';
import { ensureSource } from '../src/services/sources/sources-service.js';
import { openTestDatabase, testStores, type TestDatabase } from './helpers/test-database.js';
import { tempDir } from './helpers/temp-files.js';

const gazaLike = [
  'id,name,en_name,age,dob,sex,source',
  '994024404,أحمد عبدالرحمن أحمد شهاب,Ahmed Abdalrahamun Ahmed Shehab,43,1980-05-02,m,h',
  '994022770,رائد زياد حسن كسكين,Rayed Zyad Hassan Keskin,٤٣,,m,c',
  'missing-1,فاطمة محمد,Fatima Muhammad,7,,f,u',
].join('\n');

function sink(): { stream: Writable; text(): string } {
  const chunks: Buffer[] = [];
  return {
    stream: new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
    }),
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

async function count(t: TestDatabase, table: string): Promise<number> {
  const rows = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

describe.each(testStores)('import on %s', (kind) => {
  let t: TestDatabase;
  const files = tempDir();
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await t.dispose();
    files.cleanup();
  });

  it('imports a list verbatim with normalised fields, one person per record, audited', async () => {
    const path = files.file('gaza.csv', gazaLike);
    const report = await importFile(t.db, {
      path,
      source: 'moh',
      createSource: { nameEn: 'Ministry of Health' },
      actor: 'test',
      defaults: { violation: 'killed' },
    });
    expect(report.status).toBe('imported');
    expect(report).toMatchObject({
      rowsRead: 3,
      rowsAccepted: 3,
      rowsRejected: 0,
      sourceCreated: true,
    });
    expect(report.mapping).toMatchObject({
      id: 'record_id',
      en_name: 'name_latin',
      dob: 'birth_date',
      source: null,
    });

    const rows = await t.db.query<{
      source_record_id: string;
      name: string;
      age: number;
      sex: string;
      raw: string;
      birth_date_start: string | null;
      violation: string;
      person_id: number;
      id: number;
    }>('SELECT * FROM record ORDER BY row_number');
    expect(rows.map((r) => r.source_record_id)).toEqual(['994024404', '994022770', 'missing-1']);
    expect(rows[0]).toMatchObject({
      name: 'أحمد عبدالرحمن أحمد شهاب',
      age: 43,
      sex: 'male',
      birth_date_start: '1980-05-02',
      violation: 'killed',
    });
    expect(rows[1]!.age).toBe(43);
    // The raw row is the JSON text of the file's cells, in the file's column order.
    expect(rows[1]!.raw).toBe(
      JSON.stringify({
        id: '994022770',
        name: 'رائد زياد حسن كسكين',
        en_name: 'Rayed Zyad Hassan Keskin',
        age: '٤٣',
        dob: '',
        sex: 'm',
        source: 'c',
      }),
    );
    for (const r of rows) expect(r.person_id).toBe(r.id);
    expect(await count(t, 'person')).toBe(3);

    const batch = await t.db.query<{ rows_read: number; rows_accepted: number; sha256: string }>(
      'SELECT * FROM import_batch',
    );
    expect(batch).toHaveLength(1);
    expect(batch[0]).toMatchObject({ rows_read: 3, rows_accepted: 3 });
    const audit = await t.db.query<{ action: string }>(
      'SELECT action FROM audit_event ORDER BY id',
    );
    expect(audit.map((a) => a.action)).toEqual(['source.create', 'import.commit']);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it('treats the same bytes again as a no-op that says so', async () => {
    const before = await count(t, 'record');
    const report = await importFile(t.db, {
      path: files.file('gaza-again.csv', gazaLike),
      source: 'moh',
      actor: 'test',
    });
    expect(report.status).toBe('duplicate');
    expect(report.batch?.rowsAccepted).toBe(3);
    expect(await count(t, 'record')).toBe(before);
    expect(await count(t, 'import_batch')).toBe(1);
  });

  it('refuses a new slug unless asked to create the source, writing nothing', async () => {
    await expect(
      importFile(t.db, {
        path: files.file('x.csv', gazaLike + '\n'),
        source: 'nobody',
        actor: 'test',
      }),
    ).rejects.toThrow(/there is no source "nobody"/);
  });

  it('rejects bad rows with their reasons, keeps them, and takes the fixed file back', async () => {
    const csv = [
      'name,age,sex,date of death',
      'سعيد,abc,m,2014-02-01',
      ',30,m,2014-02-01',
      'ليلى,30,x,2014-02-01',
      'خالد,30,m,05/03/2013',
    ].join('\n');
    const rejectedPath = `${files.dir}/bad.rejected.csv`;
    const report = await importFile(t.db, {
      path: files.file('bad.csv', csv),
      source: 'snhr',
      createSource: { nameEn: 'SNHR' },
      actor: 'test',
      maxErrors: null,
      rejectedPath,
    });
    expect(report).toMatchObject({
      status: 'imported',
      rowsRead: 4,
      rowsAccepted: 1,
      rowsRejected: 3,
      warnings: 1,
    });
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'age'],
      [3, 'name'],
      [4, 'sex'],
    ]);
    expect(report.warningSamples[0]).toMatchObject({ row: 5, column: 'date of death' });
    const accepted = await t.db.query<{ flags: string[]; event_date_start: string }>(
      "SELECT flags, event_date_start FROM record WHERE name = 'خالد'",
    );
    expect(accepted[0]).toEqual({
      flags: ['event_date_ambiguous'],
      event_date_start: '2013-03-05',
    });
    const stored = await t.db.query<{ row_number: number; raw: Record<string, string> }>(
      'SELECT row_number, raw::jsonb AS raw FROM import_rejection ORDER BY row_number',
    );
    expect(stored.map((r) => r.row_number)).toEqual([2, 3, 4]);
    expect(stored[0]!.raw.age).toBe('abc');

    const rejected = readFileSync(rejectedPath, 'utf8');
    expect(rejected).toContain('sijil_problems');
    const fixed = rejected
      .replace('abc', '31')
      .replace(',30,m,', 'مجهول,30,m,')
      .replace(',x,', ',f,');
    const again = await importFile(t.db, {
      path: files.file('bad.fixed.csv', fixed),
      source: 'snhr',
      actor: 'test',
      maxErrors: 0,
    });
    expect(again).toMatchObject({ status: 'imported', rowsAccepted: 3, rowsRejected: 0 });
    expect(
      Object.keys(
        (
          await t.db.query<{ raw: object }>(
            "SELECT raw::jsonb AS raw FROM record WHERE name = 'سعيد'",
          )
        )[0]!.raw,
      ),
    ).not.toContain('sijil_problems');
  });

  it('checks a file without writing anything on a dry run', async () => {
    const before = { records: await count(t, 'record'), audit: await count(t, 'audit_event') };
    const report = await importFile(t.db, {
      path: files.file('dry.csv', 'name,age\nنور,12\nبلا عمر,كبير\n'),
      source: 'snhr',
      actor: 'test',
      dryRun: true,
      maxErrors: null,
      rejectedPath: null,
    });
    expect(report).toMatchObject({
      status: 'dry-run',
      rowsRead: 2,
      rowsAccepted: 1,
      rowsRejected: 1,
      batch: null,
    });
    expect(report.problems[0]).toMatchObject({ row: 3, column: 'age', value: 'كبير' });
    expect(await count(t, 'record')).toBe(before.records);
    expect(await count(t, 'audit_event')).toBe(before.audit);
  });

  it('writes nothing at all when too many rows are rejected', async () => {
    const before = {
      records: await count(t, 'record'),
      batches: await count(t, 'import_batch'),
      audit: await count(t, 'audit_event'),
    };
    const csv = ['name,age', 'a,1', 'b,x', 'c,y', 'd,z'].join('\n');
    const report = await importFile(t.db, {
      path: files.file('worse.csv', csv),
      source: 'brand-new',
      createSource: {},
      actor: 'test',
      maxErrors: 2,
      rejectedPath: null,
    });
    expect(report.status).toBe('too-many-errors');
    expect(report.batch).toBeNull();
    expect(await count(t, 'record')).toBe(before.records);
    expect(await count(t, 'import_batch')).toBe(before.batches);
    expect(await count(t, 'audit_event')).toBe(before.audit);
    expect((await t.db.query("SELECT 1 FROM source WHERE slug = 'brand-new'")).length).toBe(0);
  });

  it('leaves no partial batch when interrupted', async () => {
    const lines = ['name,age'];
    for (let i = 0; i < 20_000; i++) lines.push(`شخص ${i},${i % 90}`);
    const controller = new AbortController();
    const before = await count(t, 'record');
    await expect(
      importFile(t.db, {
        path: files.file('long.csv', lines.join('\n')),
        source: 'snhr',
        actor: 'test',
        chunkSize: 1000,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.rowsRead >= 5000) controller.abort();
        },
      }),
    ).rejects.toThrow(/interrupted/);
    expect(await count(t, 'record')).toBe(before);
    expect(await count(t, 'import_batch')).toBe(3);
  });

  it('keeps columns named like JavaScript internals verbatim in the raw row', async () => {
    const report = await importFile(t.db, {
      path: files.file('odd-headers.csv', 'name,__proto__,constructor,toString\nمحمد,a,b,c\n'),
      source: 'snhr',
      actor: 'test',
    });
    expect(report).toMatchObject({ status: 'imported', rowsAccepted: 1 });
    const [row] = await t.db.query<{ raw: string }>(`SELECT raw FROM record WHERE batch_id = $1`, [
      report.batch!.id,
    ]);
    expect(row!.raw).toBe('{"name":"محمد","__proto__":"a","constructor":"b","toString":"c"}');
  });

  it('reads Windows-1256 Arabic exports without mangling them', async () => {
    // "الاسم,العمر\nمحمد,5\n" in Windows-1256.
    const bytes = Buffer.from([
      0xc7, 0xe1, 0xc7, 0xd3, 0xe3, 0x2c, 0xc7, 0xe1, 0xda, 0xe3, 0xd1, 0x0a, 0xe3, 0xcd, 0xe3,
      0xcf, 0x2c, 0x35, 0x0a,
    ]);
    const report = await importFile(t.db, {
      path: files.file('cp1256.csv', bytes),
      source: 'snhr',
      actor: 'test',
    });
    expect(report).toMatchObject({ status: 'imported', encoding: 'windows-1256', rowsAccepted: 1 });
    const rows = await t.db.query<{ name: string; age: number }>(
      `SELECT name, age FROM record WHERE batch_id = $1`,
      [report.batch!.id],
    );
    expect(rows).toEqual([{ name: 'محمد', age: 5 }]);
  });

  it('keeps restricted details out of raw and out of exports unless asked, and defuses formulas', async () => {
    await ensureSource(t.db, { slug: 'witnesses' }, 'test');
    const csv = [
      'name,witness,phone,notes',
      '=HYPERLINK("http://evil"),Umm Khaled,+963 11 000,@SUM(1)',
    ].join('\n');
    const report = await importFile(t.db, {
      path: files.file('w.csv', csv),
      source: 'witnesses',
      actor: 'test',
    });
    expect(report.rowsAccepted).toBe(1);
    const row = (
      await t.db.query<{ raw: Record<string, string>; restricted: Record<string, string> }>(
        'SELECT raw::jsonb AS raw, restricted FROM record WHERE batch_id = $1',
        [report.batch!.id],
      )
    )[0]!;
    expect(row.raw).toEqual({ name: '=HYPERLINK("http://evil")', notes: '@SUM(1)' });
    expect(row.restricted).toEqual({ witness: 'Umm Khaled', phone: '+963 11 000' });

    const out = sink();
    const n = await exportRecords(t.db, out.stream, {
      format: 'csv',
      source: 'witnesses',
      includeRestricted: false,
      actor: 'test',
    });
    expect(n).toBe(1);
    const text = out.text();
    expect(text).not.toContain('Umm Khaled');
    expect(text).not.toContain('+963');
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);

    const full = sink();
    await exportRecords(t.db, full.stream, {
      format: 'jsonl',
      source: 'witnesses',
      includeRestricted: true,
      actor: 'admin',
    });
    expect(JSON.parse(full.text().trim())).toMatchObject({ restricted: { witness: 'Umm Khaled' } });
    const actions = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_event WHERE action LIKE 'export%' ORDER BY id",
    );
    expect(actions.map((a) => a.action)).toEqual(['export', 'export.restricted']);
  });

  it('imports XLSX and JSON lists through the same path', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('الضحايا');
    sheet.addRow(['الاسم', 'العمر', 'تاريخ الوفاة', 'المحافظة']);
    sheet.addRow(['عمر خالد', 27, new Date(Date.UTC(2013, 2, 5)), 'دمشق']);
    const xlsxPath = `${files.dir}/list.xlsx`;
    await workbook.xlsx.writeFile(xlsxPath);
    const xlsx = await importFile(t.db, { path: xlsxPath, source: 'snhr', actor: 'test' });
    expect(xlsx).toMatchObject({ status: 'imported', format: 'xlsx', rowsAccepted: 1 });
    const fromXlsx = await t.db.query<{
      name: string;
      age: number;
      event_date_start: string;
      place_governorate: string;
    }>('SELECT name, age, event_date_start, place_governorate FROM record WHERE batch_id = $1', [
      xlsx.batch!.id,
    ]);
    expect(fromXlsx).toEqual([
      { name: 'عمر خالد', age: 27, event_date_start: '2013-03-05', place_governorate: 'دمشق' },
    ]);

    const jsonPath = files.file(
      'list.json',
      JSON.stringify({
        records: [
          { name: 'Ahmad Yusuf', sex: 'male', place: { camp: 'Yarmouk' } },
          { name: 'سلمى', age: '٦' },
        ],
      }),
    );
    const json = await importFile(t.db, { path: jsonPath, source: 'snhr', actor: 'test' });
    expect(json).toMatchObject({ status: 'imported', format: 'json', rowsAccepted: 2 });
    const fromJson = await t.db.query<{
      name: string;
      sex: string | null;
      age: number | null;
      raw: Record<string, string>;
    }>(
      'SELECT name, sex, age, raw::jsonb AS raw FROM record WHERE batch_id = $1 ORDER BY row_number',
      [json.batch!.id],
    );
    expect(fromJson[0]).toMatchObject({
      name: 'Ahmad Yusuf',
      sex: 'male',
      raw: { place: '{"camp":"Yarmouk"}' },
    });
    expect(fromJson[1]).toMatchObject({ name: 'سلمى', age: 6 });
  });

  it('detects tampering with the audit trail', async () => {
    expect((await verifyAudit(t.db)).ok).toBe(true);
    await t.db.query(
      "UPDATE audit_event SET actor = 'someone else' WHERE id = (SELECT min(id) + 1 FROM audit_event)",
    );
    const result = await verifyAudit(t.db);
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/edited/);
  });
});
