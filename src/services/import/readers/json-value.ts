/**
 * A JSON number kept as its source text, so `12345678901234567890` or `1.50`
 * reach the register exactly as written instead of as a rounded double.
 */
export class JsonNumber {
  constructor(readonly source: string) {}
}

/** A parsed JSON object; a Map keeps keys in file order, even numeric-looking ones. */
export type JsonObject = Map<string, JsonValue>;

/** A parsed JSON value whose numbers keep their source text. */
export type JsonValue = string | boolean | null | JsonNumber | JsonValue[] | JsonObject;

/** Malformed JSON; `position` is the character offset within the parsed text. */
export class JsonSyntaxError extends Error {
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.name = 'JsonSyntaxError';
    this.position = position;
  }
}

/** Nesting beyond this is not tabular data and would risk a stack overflow. */
const MAX_DEPTH = 256;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Parses one JSON text like `JSON.parse`, except that numbers keep their
 * source text ({@link JsonNumber}) and objects are Maps in key order. When a
 * key repeats, the last value wins (as with `JSON.parse`).
 * @throws JsonSyntaxError with the offending position.
 */
export function parseJsonValue(text: string): JsonValue {
  let pos = 0;

  const fail = (message: string): never => {
    throw new JsonSyntaxError(message, pos);
  };

  const skipWhitespace = (): void => {
    for (;;) {
      const code = text.charCodeAt(pos);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) pos += 1;
      else return;
    }
  };

  const found = (): string =>
    pos >= text.length ? 'the end of the text' : JSON.stringify(text[pos]);

  const parseString = (): string => {
    const start = pos;
    pos += 1; // opening quote
    let hasEscape = false;
    for (;;) {
      const code = text.charCodeAt(pos);
      if (Number.isNaN(code)) fail('a text value is not closed with "');
      if (code === 0x22) break;
      if (code === 0x5c) {
        hasEscape = true;
        pos += 2;
        continue;
      }
      if (code < 0x20) fail('a text value contains a raw line break or control character');
      pos += 1;
    }
    pos += 1; // closing quote
    if (!hasEscape) return text.slice(start + 1, pos - 1);
    try {
      return JSON.parse(text.slice(start, pos)) as string;
    } catch {
      pos = start;
      return fail('a text value contains an invalid escape sequence');
    }
  };

  const parseValue = (depth: number): JsonValue => {
    if (depth > MAX_DEPTH) fail(`values are nested more than ${MAX_DEPTH} levels deep`);
    skipWhitespace();
    const char = text[pos];
    switch (char) {
      case '"':
        return parseString();
      case '{': {
        pos += 1;
        const object: JsonObject = new Map();
        skipWhitespace();
        if (text[pos] === '}') {
          pos += 1;
          return object;
        }
        for (;;) {
          skipWhitespace();
          if (text[pos] !== '"') fail(`expected a quoted property name but found ${found()}`);
          const key = parseString();
          skipWhitespace();
          if (text[pos] !== ':') fail(`expected ":" after "${key}" but found ${found()}`);
          pos += 1;
          object.set(key, parseValue(depth + 1));
          skipWhitespace();
          if (text[pos] === ',') {
            pos += 1;
          } else if (text[pos] === '}') {
            pos += 1;
            return object;
          } else {
            fail(`expected "," or "}" but found ${found()}`);
          }
        }
      }
      case '[': {
        pos += 1;
        const array: JsonValue[] = [];
        skipWhitespace();
        if (text[pos] === ']') {
          pos += 1;
          return array;
        }
        for (;;) {
          array.push(parseValue(depth + 1));
          skipWhitespace();
          if (text[pos] === ',') {
            pos += 1;
          } else if (text[pos] === ']') {
            pos += 1;
            return array;
          } else {
            fail(`expected "," or "]" but found ${found()}`);
          }
        }
      }
      default: {
        for (const [word, value] of LITERALS) {
          if (text.startsWith(word, pos)) {
            pos += word.length;
            return value;
          }
        }
        NUMBER.lastIndex = pos;
        const match = NUMBER.exec(text);
        if (match === null) return fail(`unexpected ${found()}`);
        pos += match[0].length;
        return new JsonNumber(match[0]);
      }
    }
  };

  const value = parseValue(0);
  skipWhitespace();
  if (pos < text.length) fail(`unexpected ${found()} after the end of the value`);
  return value;
}

const LITERALS: readonly (readonly [string, boolean | null])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

/** Serializes a value back to compact JSON, numbers as written in the source. */
export function stringifyJsonValue(value: JsonValue): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof JsonNumber) return value.source;
  if (Array.isArray(value)) return `[${value.map(stringifyJsonValue).join(',')}]`;
  const members: string[] = [];
  for (const [key, member] of value)
    members.push(`${JSON.stringify(key)}:${stringifyJsonValue(member)}`);
  return `{${members.join(',')}}`;
}

/**
 * Cell text for a JSON value: strings verbatim, numbers as written, booleans
 * as `true`/`false`, null as empty, nested objects and arrays as compact JSON.
 */
export function jsonValueToCellText(value: JsonValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  return stringifyJsonValue(value);
}

/** Human name of a value's JSON type, for error messages. */
export function describeJsonType(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'a text value';
  if (typeof value === 'boolean') return 'a true/false value';
  if (value instanceof JsonNumber) return 'a number';
  if (Array.isArray(value)) return 'an array';
  return 'an object';
}
