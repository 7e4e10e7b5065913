import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../src/services/import/import-file.js';
import { ensureSource } from '../src/services/sources/sources-service.js';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { tempDir } from './helpers/temp-files.js';
import { encodeText } from './helpers/test-files.js';

function quote(cell: string): string {
  // An empty cell is quoted so that a row of one empty cell is not an empty line.
  return cell === '' || /[",\n\r]/.test(cell) || cell !== cell.trim()
    ? `"${cell.replace(/"/g, '""')}"`
    : cell;
}

// Cells drawn from what real lists hold: Arabic and Latin names, digits in three scripts, commas,
// quotes and line breaks inside cells.
const arabicLetters = 'ابتثجحخدذرسشصضطظعغفقكلمنهوي';
const cell = fc.oneof(
  fc.stringMatching(/^[a-zA-Z ,"'\n-]{0,12}$/),
  fc.array(fc.constantFrom(...arabicLetters, ' '), { maxLength: 12 }).map((a) => a.join('')),
  fc.constantFrom(
    '٣٤',
    '۴۵',
    '12',
    '',
    'm',
    'f',
    'ذكر',
    'أنثى',
    '2013-03-05',
    '05/03/2013',
    'March 2013',
    'abc',
  ),
);
const columns = ['name', 'age', 'sex', 'date_of_death', 'notes', 'extra'];
const table = fc.record({
  order: fc.shuffledSubarray(columns, { minLength: 1 }),
  rows: fc.array(fc.array(cell, { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 25 }),
  encoding: fc.constantFrom(
    'utf-8' as const,
    'utf-8-bom' as const,
    'utf-16le-bom' as const,
    'windows-1256' as const,
  ),
});

describe('importing random tables (property)', () => {
  let t: TestDatabase;
  const files = tempDir();
  let n = 0;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await ensureSource(t.db, { slug: 'prop' }, 'test');
  });
  afterAll(async () => {
    await t.dispose();
    files.cleanup();
  });

  it('accounts for every row and stores each accepted row verbatim', async () => {
    await fc.assert(
      fc.asyncProperty(table, async ({ order, rows, encoding }) => {
        const cells = rows.map((r) => order.map((_, i) => r[i]!));
        const text =
          [order.join(','), ...cells.map((r) => r.map(quote).join(','))].join('\r\n') + '\r\n';
        // Windows-1256 holds Arabic and ASCII only: skip tables it cannot represent.
        let bytes: Uint8Array = new Uint8Array();
        try {
          bytes = encodeText(text, encoding);
        } catch {
          fc.pre(false);
        }
        const path = files.file(`t${n++}.csv`, bytes);
        const report = await importFile(t.db, {
          path,
          source: 'prop',
          actor: 'test',
          maxErrors: null,
          rejectedPath: null,
        });
        if (report.status === 'duplicate') return;
        expect(report.status).toBe('imported');
        // A row whose cells are all blank (Excel leaves them at the end of sheets) is no row.
        expect(report.rowsRead).toBe(cells.filter((r) => r.some((c) => c.trim() !== '')).length);
        expect(report.rowsAccepted + report.rowsRejected).toBe(report.rowsRead);
        const stored = await t.db.query<{ row_number: number; raw: Record<string, string> }>(
          'SELECT row_number, raw::jsonb AS raw FROM record WHERE batch_id = $1 ORDER BY row_number',
          [report.batch!.id],
        );
        expect(stored).toHaveLength(report.rowsAccepted);
        const rejected = await t.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM import_rejection WHERE batch_id = $1',
          [report.batch!.id],
        );
        expect(rejected[0]!.n).toBe(report.rowsRejected);
        // Each stored row is its input row, cell for cell (rows are told apart by content, since
        // multi-line cells make line numbers differ from row indexes).
        const inputs = cells.map((r) =>
          JSON.stringify(Object.fromEntries(order.map((c, i) => [c, r[i]!]))),
        );
        for (const s of stored)
          expect(inputs).toContain(
            JSON.stringify(Object.fromEntries(order.map((c) => [c, s.raw[c]]))),
          );
      }),
      { numRuns: 40 },
    );
  });

  it('never crashes on random bytes: it imports, or refuses with a message, and leaves no partial batch', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 400 }), async (bytes) => {
        const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM record');
        const path = files.file(`r${n++}.csv`, bytes);
        try {
          const report = await importFile(t.db, {
            path,
            source: 'prop',
            actor: 'test',
            maxErrors: null,
            rejectedPath: null,
          });
          expect(report.rowsAccepted + report.rowsRejected).toBe(report.rowsRead);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message.length).toBeGreaterThan(10);
          const after = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM record');
          expect(after[0]!.n).toBe(before[0]!.n);
        }
      }),
      { numRuns: 60 },
    );
  });
});
