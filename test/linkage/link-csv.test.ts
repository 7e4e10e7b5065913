import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  generateSynthetic,
  mergePartials,
  PART_STRIDE,
  stringAt,
  type PreparedRecords,
} from '../../src/core/linkage/index.js';
import {
  parseLinkTable,
  prepareRows,
  rowKey,
  writeClusteredCsv,
  LINK_COLUMNS,
} from '../../src/services/linkage/index.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const dir = mkdtempSync(join(tmpdir(), 'sijil-link-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading a CSV for linkage', () => {
  it('reads quoted cells, CRLF, a byte-order mark and short rows, and warns about repeated ids', async () => {
    const text =
      '\uFEFFsource,record_id,name,sex,note\r\n' +
      'a,1,"النجار, محمد",m,"says ""hi""\r\nover two lines"\r\n' +
      '\r\n' +
      'a,1,احمد علي,m\r\n' +
      'b,7,سعاد,f,x\n';
    const table = await parseLinkTable(bytes(text), 'in.csv');
    expect(table.header).toEqual(['source', 'record_id', 'name', 'sex', 'note']);
    expect(table.records.count).toBe(3);
    expect(Array.from(table.regular)).toEqual([1, 0, 1]);
    expect(rowKey(table, 2)).toEqual({ source: 'b', recordId: '7' });
    expect(table.warnings.join(' ')).toMatch(/1 rows repeat a \(source, record_id\)/);
    expect(Array.from(table.records.sex)).toEqual([1, 1, 2]);

    const out = join(dir, 'out.csv');
    await writeClusteredCsv(table, Int32Array.of(0, 1, 0), out);
    const written = readFileSync(out, 'utf8');
    // Regular rows keep their own bytes; the short row is padded to the header.
    expect(written).toBe(
      'source,record_id,name,sex,note,cluster_id\n' +
        'a,1,"النجار, محمد",m,"says ""hi""\r\nover two lines",p1\n' +
        'a,1,احمد علي,m,,p2\n' +
        'b,7,سعاد,f,x,p1\n',
    );
  });

  it('replaces an existing cluster_id column, and says clearly what is missing', async () => {
    const table = await parseLinkTable(bytes('name,cluster_id\nمحمد,old\nاحمد,old\n'), 'in.csv');
    expect(table.warnings.join(' ')).toMatch(/no "source" column/);
    const out = join(dir, 'replaced.csv');
    await writeClusteredCsv(table, Int32Array.of(0, 0), out);
    expect(readFileSync(out, 'utf8')).toBe('name,cluster_id\nمحمد,p1\nاحمد,p1\n');
    await expect(parseLinkTable(bytes(''), 'empty.csv')).rejects.toThrow(/empty/);
    await expect(parseLinkTable(bytes('id,age\n1,3\n'), 'x.csv')).rejects.toThrow(
      /no "name" or "name_latin" column/,
    );
  });
});

/** What linkage sees of each record, in words: independent of how ids were numbered. */
function view(r: PreparedRecords): string[] {
  return Array.from({ length: r.count }, (_, i) => {
    const k = r.name[i] ?? 0;
    const parts = Array.from(r.names.parts.subarray(k * PART_STRIDE, (k + 1) * PART_STRIDE), (id) =>
      stringAt(r.strings, id),
    );
    return [
      parts.join('/'),
      r.sources[r.source[i] ?? 0],
      r.sex[i],
      r.birth[i],
      r.age[i],
      r.idNumber[i],
      r.names.fullName[k],
      r.names.joined[k],
      r.names.chains[k * 2],
    ].join('|');
  });
}

describe('preparing a file in parts', () => {
  it('gives the same records however the rows are split', async () => {
    const rows = generateSynthetic({ records: 1200, sources: 4, seed: 9 });
    const header = 'source,record_id,name,name_latin,sex,age,birth_date,death_date,id_number';
    const lines = rows.map((r) =>
      [
        r.source,
        r.recordId,
        r.name,
        r.nameLatin,
        r.sex,
        r.age,
        r.birthDate,
        r.deathDate,
        r.idNumber,
      ].join(','),
    );
    const table = await parseLinkTable(bytes([header, ...lines].join('\n')), 'synth.csv');
    const columns = LINK_COLUMNS.map((c) => header.split(',').indexOf(c));
    const whole = view(table.records);
    for (const cuts of [[600], [1, 599, 1100]]) {
      const bounds = [0, ...cuts, rows.length];
      const parts = bounds
        .slice(1)
        .map((to, k) =>
          prepareRows(table.bytes, table.rowStart, table.rowEnd, bounds[k] ?? 0, to, columns),
        );
      expect(view(mergePartials(parts.map((p) => p.partial)))).toEqual(whole);
    }
  });
});
