/**
 * A streaming RFC 4180 tokenizer, fed decoded text chunk by chunk. It replaces a general CSV
 * library on the import path because imports spend most of their time here: one pass over the
 * characters, fields cut with `slice`, line numbers counted as it goes (a row's number is the
 * line it starts on, even after cells that hold line breaks).
 *
 * Rules, as spreadsheet programs write CSV: `"` opens a quoted cell only at the start of a cell;
 * inside one, `""` is a quote; a quote inside an unquoted cell, or text after a closing quote,
 * is kept as typed. Line breaks are
 * `\r\n`, `\n` or `\r`, in any mix. Empty lines are skipped.
 */

import type { FileProblem } from './table-read-error.js';

export interface CsvRecord {
  values: string[];
  /** The 1-based line the record starts on. */
  line: number;
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly problem: FileProblem,
  ) {
    super(message);
  }
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote seen inside a quoted cell: the cell's end, or the first half of `""`. */
  QuoteInQuoted,
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

export class CsvTokenizer {
  private readonly delimiter: number;
  private state = State.FieldStart;
  private field = '';
  private record: string[] = [];
  private line = 1;
  private recordLine = 1;
  /** The previous chunk ended in `\r`: a `\n` starting this one belongs to it. */
  private afterCR = false;
  /** The last chunk ended inside a quoted cell with `\r`. */
  private quotedCR = false;
  /** Where the open quoted cell began, for the unclosed-quote message. */
  private quoteLine = 1;

  constructor(
    delimiter: string,
    private readonly maxRecordChars = 8 * 1024 * 1024,
  ) {
    if (delimiter.length !== 1) throw new Error('the delimiter must be one character');
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Tokenizes `text`, appending each complete record to `out`. */
  push(text: string, out: CsvRecord[]): void {
    const delimiter = this.delimiter;
    // The state lives in a local while the loop runs: it is read for every character.
    let state = this.state;
    let start = 0;
    let i = 0;
    if (this.afterCR) {
      this.afterCR = false;
      if (text.charCodeAt(0) === LF) {
        i = 1;
        start = 1;
      }
    }
    const n = text.length;
    for (; i < n; i++) {
      let c = text.charCodeAt(i);
      switch (state) {
        case State.FieldStart:
          if (c === QUOTE) {
            state = State.Quoted;
            this.quoteLine = this.line;
            start = i + 1;
            break;
          }
          if (c === delimiter) {
            this.record.push('');
            start = i + 1;
            break;
          }
          if (c === LF || c === CR) {
            i = this.endLine(text, i);
            this.endRecord(out, true);
            start = i + 1;
            break;
          }
          state = State.Unquoted;
          start = i;
          break;
        case State.Unquoted:
          // Run to the cell's end without going round the state machine for each character.
          while (c !== delimiter && c !== LF && c !== CR && ++i < n) c = text.charCodeAt(i);
          if (i === n) break; // the cell goes on in the next chunk
          if (c === delimiter) {
            this.record.push(this.field + text.slice(start, i));
            this.field = '';
          } else {
            this.field += text.slice(start, i);
            i = this.endLine(text, i);
            this.endRecord(out, false);
          }
          state = State.FieldStart;
          start = i + 1;
          break;
        case State.Quoted:
          if (c === QUOTE) {
            this.field += text.slice(start, i);
            state = State.QuoteInQuoted;
            start = i + 1;
          } else if (c === CR) {
            this.line++;
          } else if (c === LF) {
            // The \n of a \r\n inside a cell was counted with its \r (perhaps in the last chunk).
            const afterCR = i > 0 ? text.charCodeAt(i - 1) === CR : this.quotedCR;
            if (!afterCR) this.line++;
          }
          break;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.field += '"';
            state = State.Quoted;
            start = i + 1;
          } else if (c === delimiter) {
            this.record.push(this.field);
            this.field = '';
            state = State.FieldStart;
            start = i + 1;
          } else if (c === LF || c === CR) {
            i = this.endLine(text, i);
            this.endRecord(out, false);
            state = State.FieldStart;
            start = i + 1;
          } else {
            // Text after a closing quote ("a";"b" read with commas): keep the cell as typed,
            // quotes and all, rather than guess. Its raw text is the quoted content re-escaped.
            this.field = `"${this.field.replace(/"/g, '""')}"`;
            state = State.Unquoted;
            start = i;
          }
          break;
      }
    }
    this.state = state;
    this.quotedCR = state === State.Quoted && n > 0 && text.charCodeAt(n - 1) === CR;
    if (state === State.Unquoted || state === State.Quoted) {
      this.field += text.slice(start);
      let recordChars = this.field.length;
      for (const value of this.record) recordChars += value.length;
      if (recordChars > this.maxRecordChars) {
        throw new CsvSyntaxError(
          `the row starting on line ${this.recordLine} is larger than ${Math.round(this.maxRecordChars / 2 ** 20)} MiB; this usually means a quote " that is never closed, so the lines after it are swallowed into one cell`,
          this.recordLine,
          {
            code: 'row_too_large',
            params: { line: this.recordLine, mib: Math.round(this.maxRecordChars / 2 ** 20) },
          },
        );
      }
    }
  }

  /** Ends the input: the last record may lack a final line break. */
  end(out: CsvRecord[]): void {
    if (this.state === State.Quoted) {
      throw new CsvSyntaxError(
        `the quoted cell that starts on line ${this.quoteLine} is never closed, so the file ends inside it; find the cell that opens with " and add the closing "`,
        this.quoteLine,
        { code: 'unclosed_quote', params: { line: this.quoteLine } },
      );
    }
    if (this.state !== State.FieldStart || this.record.length > 0) this.endRecord(out, false);
  }

  /** Counts the line break at `i` (CRLF as one) and returns the index of its last character. */
  private endLine(text: string, i: number): number {
    this.line++;
    if (text.charCodeAt(i) === CR) {
      if (i + 1 < text.length) {
        if (text.charCodeAt(i + 1) === LF) return i + 1;
      } else this.afterCR = true;
    }
    return i;
  }

  private endRecord(out: CsvRecord[], atFieldStart: boolean): void {
    if (atFieldStart && this.record.length === 0) {
      // An empty line.
      this.recordLine = this.line;
      return;
    }
    this.record.push(this.field);
    out.push({ values: this.record, line: this.recordLine });
    this.record = [];
    this.field = '';
    this.state = State.FieldStart;
    this.recordLine = this.line;
  }
}
