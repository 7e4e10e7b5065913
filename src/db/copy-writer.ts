import { arrayLiteral, escapeText, type CopyValue } from './copy-text.js';

/**
 * Writes rows in COPY text format (as `copyLine` does) straight into UTF-8 bytes. Building one
 * large string per chunk and encoding it afterwards made the importer spend a quarter of its time
 * collecting garbage; writing each field into a growing buffer does not.
 */
export class CopyWriter {
  private buffer: Buffer;
  private length = 0;
  private fields = 0;

  constructor(initialBytes = 1 << 20) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  field(value: CopyValue): this {
    if (this.fields++ > 0) this.byte(0x09);
    if (value === null) return this.ascii('\\N');
    if (typeof value === 'string') return this.text(value);
    if (typeof value === 'number')
      return this.ascii(Number.isFinite(value) ? String(value) : '\\N');
    if (typeof value === 'boolean') return this.ascii(value ? 't' : 'f');
    if (Array.isArray(value))
      return value.length === 0 ? this.ascii('{}') : this.text(arrayLiteral(value as string[]));
    return this.text(JSON.stringify(value));
  }

  endRow(): this {
    this.byte(0x0a);
    this.fields = 0;
    return this;
  }

  /** The rows written so far, in a buffer of their own (so it can be transferred); starts afresh. */
  take(): Uint8Array {
    const rows = new Uint8Array(this.buffer.subarray(0, this.length));
    this.length = 0;
    this.fields = 0;
    return rows;
  }

  private text(value: string): this {
    const escaped = escapeText(value);
    // A UTF-16 code unit never takes more than 3 bytes of UTF-8.
    this.reserve(escaped.length * 3);
    this.length += this.buffer.write(escaped, this.length, 'utf8');
    return this;
  }

  private ascii(value: string): this {
    this.reserve(value.length);
    this.length += this.buffer.write(value, this.length, 'latin1');
    return this;
  }

  private byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
