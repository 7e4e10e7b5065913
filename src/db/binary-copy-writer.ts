/**
 * Writes rows in PostgreSQL's binary COPY format straight into bytes. The store then reads each
 * value as it is (an integer as four bytes, a date as a day number) instead of parsing its text:
 * measured on the embedded store, a fifth less work per record than the text format.
 *
 * Format: a signature and two zero words; per row the number of fields (int16), then per field
 * its length in bytes (int32, -1 for NULL) and the bytes; a -1 (int16) at the end.
 */

const signature = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const textOid = 25;
const millisPerDay = 86_400_000;
const epoch2000 = Date.UTC(2000, 0, 1);
const isoDate = /^(-?\d{4,})-(\d{2})-(\d{2})$/;

export class BinaryCopyWriter {
  private buffer: Buffer;
  private length = 0;

  constructor(initialBytes = 1 << 20) {
    this.buffer = Buffer.allocUnsafe(Math.max(initialBytes, 64));
    this.start();
  }

  /** Begins a row of `fields` values. */
  row(fields: number): this {
    this.reserve(2);
    this.length = this.buffer.writeInt16BE(fields, this.length);
    return this;
  }

  int4(value: number | null): this {
    if (value === null) return this.null();
    this.reserve(8);
    this.length = this.buffer.writeInt32BE(4, this.length);
    this.length = this.buffer.writeInt32BE(value, this.length);
    return this;
  }

  int2(value: number | null): this {
    if (value === null) return this.null();
    this.reserve(6);
    this.length = this.buffer.writeInt32BE(2, this.length);
    this.length = this.buffer.writeInt16BE(value, this.length);
    return this;
  }

  text(value: string | null): this {
    if (value === null) return this.null();
    // A UTF-16 code unit never takes more than 3 bytes of UTF-8.
    this.reserve(4 + value.length * 3);
    const at = this.length + 4;
    const bytes = this.buffer.write(value, at, 'utf8');
    this.buffer.writeInt32BE(bytes, this.length);
    this.length = at + bytes;
    return this;
  }

  /** A date given as YYYY-MM-DD: days since 2000-01-01, as PostgreSQL stores it. */
  date(value: string | null): this {
    if (value === null) return this.null();
    const m = isoDate.exec(value);
    if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${value}`);
    const day = new Date(0);
    day.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return this.int4((day.getTime() - epoch2000) / millisPerDay);
  }

  /** A one-dimensional text[] without NULL elements. */
  textArray(values: readonly string[]): this {
    this.reserve(4 + 20);
    const lengthAt = this.length;
    let at = lengthAt + 4;
    if (values.length === 0) {
      at = this.buffer.writeInt32BE(0, at); // no dimensions
      at = this.buffer.writeInt32BE(0, at); // no NULLs
      at = this.buffer.writeInt32BE(textOid, at);
    } else {
      at = this.buffer.writeInt32BE(1, at);
      at = this.buffer.writeInt32BE(0, at);
      at = this.buffer.writeInt32BE(textOid, at);
      at = this.buffer.writeInt32BE(values.length, at);
      at = this.buffer.writeInt32BE(1, at); // lower bound
    }
    this.length = at;
    for (const value of values) this.text(value);
    this.buffer.writeInt32BE(this.length - lengthAt - 4, lengthAt);
    return this;
  }

  /** jsonb: a version byte (1), then the JSON text. */
  jsonb(value: object | null): this {
    if (value === null) return this.null();
    const json = JSON.stringify(value);
    this.reserve(5 + json.length * 3);
    const at = this.length + 5;
    this.buffer[this.length + 4] = 1;
    const bytes = this.buffer.write(json, at, 'utf8');
    this.buffer.writeInt32BE(bytes + 1, this.length);
    this.length = at + bytes;
    return this;
  }

  /** Whether rows were written since the last take. */
  get empty(): boolean {
    return this.length === signature.length + 8;
  }

  /** The rows written so far, ended and in a buffer of their own (so it can be transferred). */
  take(): Uint8Array {
    this.reserve(2);
    this.length = this.buffer.writeInt16BE(-1, this.length);
    const rows = new Uint8Array(this.buffer.subarray(0, this.length));
    this.length = 0;
    this.start();
    return rows;
  }

  private start(): void {
    signature.copy(this.buffer, 0);
    this.length = this.buffer.writeInt32BE(0, signature.length); // flags
    this.length = this.buffer.writeInt32BE(0, this.length); // header extension length
  }

  private null(): this {
    this.reserve(4);
    this.length = this.buffer.writeInt32BE(-1, this.length);
    return this;
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
