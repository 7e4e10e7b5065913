/**
 * Finds the rows and cells of a CSV file held in one buffer, by byte offset, without
 * decoding it: the one-shot linkage reads a million-row file once, decodes only the
 * cells it links on, and copies each row's own bytes to the output. Rules, as
 * spreadsheet programs write CSV: `"` opens a quoted cell only at the start of a cell;
 * inside one, `""` is a quote; a quote elsewhere is kept as typed. Line breaks are
 * `\r\n`, `\n` or `\r`; empty lines are skipped; a leading UTF-8 byte-order mark is
 * ignored.
 */

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** Cells of the row being visited: cell k is bytes `start[k]`..`end[k]` (quotes excluded). */
export interface RowCells {
  count: number;
  start: Int32Array;
  end: Int32Array;
  /** 1 when cell k was quoted (its `""` must be unescaped). */
  quoted: Uint8Array;
}

/** Byte offset where the data starts (after a UTF-8 byte-order mark). */
export function dataStart(buf: Uint8Array): number {
  return buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
}

/**
 * Calls `visit` for each non-empty row with its cells and its byte range (line break
 * excluded), in file order. Offsets are numbers: files up to 2 GiB.
 */
export function scanCsvRows(
  buf: Uint8Array,
  visit: (cells: RowCells, rowStart: number, rowEnd: number) => void,
  from = dataStart(buf),
  to = buf.length,
): void {
  let cells: RowCells = {
    count: 0,
    start: new Int32Array(64),
    end: new Int32Array(64),
    quoted: new Uint8Array(64),
  };
  const addCell = (s: number, e: number, q: number): void => {
    if (cells.count === cells.start.length) {
      const size = cells.count * 2;
      const grown: RowCells = {
        count: cells.count,
        start: new Int32Array(size),
        end: new Int32Array(size),
        quoted: new Uint8Array(size),
      };
      grown.start.set(cells.start);
      grown.end.set(cells.end);
      grown.quoted.set(cells.quoted);
      cells = grown;
    }
    cells.start[cells.count] = s;
    cells.end[cells.count] = e;
    cells.quoted[cells.count++] = q;
  };
  let i = from;
  while (i < to) {
    const rowStart = i;
    cells.count = 0;
    let rowEnd = -1;
    // One cell per iteration; the row ends at a line break outside quotes.
    for (;;) {
      if (i < to && buf[i] === QUOTE) {
        const s = i + 1;
        let j = s;
        for (;;) {
          while (j < to && buf[j] !== QUOTE) j++;
          if (j + 1 < to && buf[j + 1] === QUOTE) j += 2;
          else break;
        }
        const e = Math.min(j, to);
        // Text after the closing quote, up to the delimiter, stays with the cell.
        let k = e + 1;
        while (k < to && buf[k] !== COMMA && buf[k] !== LF && buf[k] !== CR) k++;
        if (k === e + 1 || k > to) addCell(s, e, 1);
        else addCell(s - 1, k, 0);
        i = Math.min(k, to);
      } else {
        const s = i;
        while (i < to && buf[i] !== COMMA && buf[i] !== LF && buf[i] !== CR) i++;
        addCell(s, i, 0);
      }
      if (i < to && buf[i] === COMMA) {
        i++;
        continue;
      }
      rowEnd = i;
      if (i < to && buf[i] === CR) {
        i++;
        if (i < to && buf[i] === LF) i++;
      } else if (i < to && buf[i] === LF) i++;
      break;
    }
    if (rowEnd > rowStart) visit(cells, rowStart, rowEnd);
  }
}

const decoder = new TextDecoder('utf-8');

/** The text of cell k of a visited row (quotes removed, `""` unescaped). */
export function cellText(buf: Uint8Array, cells: RowCells, k: number): string {
  if (k >= cells.count) return '';
  const s = cells.start[k] ?? 0;
  const e = cells.end[k] ?? 0;
  if (e <= s) return '';
  const text = decodeAscii(buf, s, e) ?? decoder.decode(buf.subarray(s, e));
  return cells.quoted[k] === 1 ? text.replaceAll('""', '"') : text;
}

/** Short ASCII cells (ages, dates, sexes, ids) decode faster by hand. */
function decodeAscii(buf: Uint8Array, s: number, e: number): string | undefined {
  if (e - s > 16) return undefined;
  let out = '';
  for (let i = s; i < e; i++) {
    const c = buf[i] ?? 0;
    if (c >= 0x80) return undefined;
    out += String.fromCharCode(c);
  }
  return out;
}
