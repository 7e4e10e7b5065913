/** One top-level element of a JSON array, still as source text. */
export interface JsonArrayItem {
  /** 1-based position in the array. */
  index: number;
  /** 1-based line of the text on which the item starts. */
  line: number;
  /** The item's JSON text (to be parsed separately). */
  text: string;
}

/** A structural problem found while splitting; `line` is 1-based. */
export class JsonSplitError extends Error {
  readonly line: number;
  readonly index: number | null;

  constructor(message: string, line: number, index: number | null) {
    super(message);
    this.name = 'JsonSplitError';
    this.line = line;
    this.index = index;
  }
}

/** Items larger than this are not table rows; refusing them keeps memory bounded. */
export const MAX_ITEM_CHARS = 16 * 1024 * 1024;

type State =
  | 'root' // before the top-level value
  | 'array-first' // just after `[`: an item or `]`
  | 'array-next' // after `,`: an item must follow
  | 'item' // inside an item
  | 'wrapper-key-first' // just after `{`: a key or `}`
  | 'wrapper-key' // after `,`: a key must follow
  | 'wrapper-key-text' // inside a key string
  | 'wrapper-colon'
  | 'wrapper-value' // before a member value
  | 'wrapper-skip' // inside a member value that is not the records array
  | 'wrapper-after' // after a member value: `,` or `}`
  | 'done'; // after the top-level value

const OPENERS = new Set(['{', '[']);
const CLOSERS = new Set(['}', ']']);

function isWhitespace(char: string): boolean {
  return char === ' ' || char === '\n' || char === '\r' || char === '\t';
}

function describeChar(char: string): string {
  return JSON.stringify(char);
}

/**
 * Cuts a JSON text, fed in arbitrary chunks, into the top-level elements of
 * its array, without ever holding more than one element in memory.
 *
 * Accepts `[ ... ]` or an object whose one array-valued member holds the rows
 * (`{"records": [ ... ], "exported": "2024-05-01"}`). It tracks nesting depth,
 * strings and escapes only; each element's text must still be parsed.
 */
export class JsonArraySplitter {
  private state: State = 'root';
  private line = 1;
  private index = 0;
  /** Whether the records array sits inside a wrapper object. */
  private wrapped = false;
  private recordsKey: string | null = null;
  // Scanning state for the value currently being cut out (item or skipped member).
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: string[] = [];
  private partsLength = 0;
  private itemLine = 1;
  private keyText = '';
  private memberKey = '';

  /** Name of the wrapper member holding the rows, or null for a top-level array. */
  get wrapperKey(): string | null {
    return this.recordsKey;
  }

  /**
   * Feeds the next chunk of text and appends the items completed within it to
   * `items`. Items found before a structural error are appended before the
   * error is thrown, so callers can still deliver them in order.
   * @throws JsonSplitError when the text is not an array of values.
   */
  push(chunk: string, items: JsonArrayItem[]): void {
    let valueStart = this.state === 'item' || this.state === 'wrapper-skip' ? 0 : -1;
    for (let i = 0; i < chunk.length; i += 1) {
      const char = chunk[i] as string;
      if (char === '\n') this.line += 1;
      switch (this.state) {
        case 'item':
        case 'wrapper-skip': {
          if (this.inString) {
            if (this.escaped) this.escaped = false;
            else if (char === '\\') this.escaped = true;
            else if (char === '"') this.inString = false;
            break;
          }
          if (char === '"') {
            this.inString = true;
          } else if (OPENERS.has(char)) {
            this.depth += 1;
          } else if (this.depth > 0 && CLOSERS.has(char)) {
            this.depth -= 1;
          } else if (this.depth === 0 && (char === ',' || CLOSERS.has(char))) {
            const text = this.takeValue(chunk, valueStart, i);
            valueStart = -1;
            if (this.state === 'item') this.finishItem(text, char, items);
            else this.finishSkipped(text, char);
          }
          break;
        }
        case 'root':
          if (isWhitespace(char)) break;
          if (char === '[') this.state = 'array-first';
          else if (char === '{') {
            this.wrapped = true;
            this.state = 'wrapper-key-first';
          } else {
            throw this.error(
              `the file must hold an array of objects ([{...}, {...}]) but it starts with ${describeChar(char)}`,
            );
          }
          break;
        case 'array-first':
        case 'array-next':
          if (isWhitespace(char)) break;
          if (char === ']') {
            if (this.state === 'array-next') {
              throw this.error(`there is a comma after item ${this.index} but no item follows it`);
            }
            this.endArray();
            break;
          }
          if (char === ',') {
            throw this.error(`item ${this.index + 1} is empty (two commas in a row)`);
          }
          this.beginValue('item');
          valueStart = i;
          i -= 1; // rescan this character as the item's first
          break;
        case 'wrapper-key-first':
        case 'wrapper-key':
          if (isWhitespace(char)) break;
          if (char === '}' && this.state === 'wrapper-key-first') {
            this.state = 'done';
            break;
          }
          if (char !== '"') {
            throw this.error(`expected a quoted property name but found ${describeChar(char)}`);
          }
          this.keyText = '';
          this.escaped = false;
          this.state = 'wrapper-key-text';
          break;
        case 'wrapper-key-text':
          if (this.escaped) this.escaped = false;
          else if (char === '\\') this.escaped = true;
          else if (char === '"') {
            this.memberKey = this.parseKey();
            this.state = 'wrapper-colon';
            break;
          }
          this.keyText += char;
          break;
        case 'wrapper-colon':
          if (isWhitespace(char)) break;
          if (char !== ':') {
            throw this.error(
              `expected ":" after the property name but found ${describeChar(char)}`,
            );
          }
          this.state = 'wrapper-value';
          break;
        case 'wrapper-value':
          if (isWhitespace(char)) break;
          if (char === '[') {
            if (this.recordsKey !== null) {
              throw this.error(
                `the top-level object has more than one array ("${this.recordsKey}" and ` +
                  `"${this.memberKey}"), so it is unclear which holds the rows. Keep only the array of records`,
              );
            }
            this.recordsKey = this.memberKey;
            this.state = 'array-first';
            break;
          }
          this.beginValue('wrapper-skip');
          valueStart = i;
          i -= 1;
          break;
        case 'wrapper-after':
          if (isWhitespace(char)) break;
          if (char === ',') this.state = 'wrapper-key';
          else if (char === '}') this.state = 'done';
          else throw this.error(`expected "," or "}" but found ${describeChar(char)}`);
          break;
        case 'done':
          if (isWhitespace(char)) break;
          throw this.error(
            `there is more text after the end of the JSON (${describeChar(char)}); ` +
              `a .json file must hold a single array (use .jsonl for one object per line)`,
          );
      }
    }
    if (valueStart >= 0) this.keepPart(chunk.slice(valueStart));
  }

  /** Signals the end of the text; throws if the JSON is incomplete. */
  end(): void {
    if (this.state === 'done') {
      if (this.wrapped && this.recordsKey === null) {
        throw this.error('the top-level object has no array of records in it');
      }
      return;
    }
    if (this.state === 'root') throw this.error('the file is empty');
    const where = this.state === 'item' ? ` inside item ${this.index + 1}` : '';
    throw this.error(
      `the file ends before the JSON is complete${where}; it may have been cut off ` +
        `while exporting or copying. Export it again`,
    );
  }

  private beginValue(state: 'item' | 'wrapper-skip'): void {
    this.state = state;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.parts = [];
    this.partsLength = 0;
    this.itemLine = this.line;
  }

  private keepPart(part: string): void {
    this.parts.push(part);
    this.partsLength += part.length;
    if (this.partsLength > MAX_ITEM_CHARS) {
      throw new JsonSplitError(
        `${this.state === 'item' ? `item ${this.index + 1}` : `the value of "${this.memberKey}"`} ` +
          `is larger than ${MAX_ITEM_CHARS / 1024 / 1024} MiB, which is not a table row; ` +
          `check that the file is an array of records`,
        this.itemLine,
        this.state === 'item' ? this.index + 1 : null,
      );
    }
  }

  private takeValue(chunk: string, start: number, end: number): string {
    const tail = start >= 0 ? chunk.slice(start, end) : '';
    const text = this.parts.length === 0 ? tail : this.parts.join('') + tail;
    this.parts = [];
    this.partsLength = 0;
    return text;
  }

  private finishItem(text: string, terminator: string, items: JsonArrayItem[]): void {
    this.index += 1;
    items.push({ index: this.index, line: this.itemLine, text });
    if (terminator === '}') {
      throw this.error(`item ${this.index} is followed by "}" where "," or "]" was expected`);
    }
    if (terminator === ']') this.endArray();
    else this.state = 'array-next';
  }

  private finishSkipped(text: string, terminator: string): void {
    try {
      JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new JsonSplitError(
        `the value of "${this.memberKey}" is not valid JSON (${reason})`,
        this.itemLine,
        null,
      );
    }
    if (terminator === ']') {
      throw this.error(`"]" found where "," or "}" was expected`);
    }
    this.state = terminator === '}' ? 'done' : 'wrapper-key';
  }

  private endArray(): void {
    this.state = this.wrapped ? 'wrapper-after' : 'done';
  }

  private parseKey(): string {
    try {
      return JSON.parse(`"${this.keyText}"`) as string;
    } catch {
      throw this.error(`the property name "${this.keyText}" is not a valid JSON string`);
    }
  }

  private error(message: string): JsonSplitError {
    return new JsonSplitError(message, this.line, null);
  }
}
