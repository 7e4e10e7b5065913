import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutText as cut } from '../../../../test/helpers/cut-text.js';
import { JsonArraySplitter, JsonSplitError, type JsonArrayItem } from './json-array-splitter.js';

function split(chunks: string[]): JsonArrayItem[] {
  const splitter = new JsonArraySplitter();
  const items: JsonArrayItem[] = [];
  for (const chunk of chunks) splitter.push(chunk, items);
  splitter.end();
  return items;
}

describe('JsonArraySplitter', () => {
  it('cuts top-level items with their index and starting line', () => {
    const items = split(['[\n {"a": "x]}\\"", "b": [1, {"c": 2}]},\n\n {"a": 2}\n]\n']);
    expect(items.map(({ index, line }) => ({ index, line }))).toEqual([
      { index: 1, line: 2 },
      { index: 2, line: 4 },
    ]);
    expect(items.map((item) => JSON.parse(item.text) as unknown)).toEqual([
      { a: 'x]}"', b: [1, { c: 2 }] },
      { a: 2 },
    ]);
  });

  it('finds the array inside a wrapper object', () => {
    const splitter = new JsonArraySplitter();
    const items: JsonArrayItem[] = [];
    splitter.push('{"meta": {"n": [1]}, "data": [{"a": 1}], "ok": true}', items);
    splitter.end();
    expect(splitter.wrapperKey).toBe('data');
    expect(items).toHaveLength(1);
  });

  it('splits the same way however the text is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.boolean(),
        (objects, rawCuts, pretty) => {
          const text = JSON.stringify(objects, null, pretty ? 2 : undefined);
          const positions = [...new Set(rawCuts.map((n) => n % (text.length + 1)))].sort(
            (a, b) => a - b,
          );
          const items = split(cut(text, positions));
          const expected = JSON.parse(text) as unknown; // not `objects`: JSON turns -0 into 0
          expect(items.map((item) => JSON.parse(item.text) as unknown)).toEqual(expected);
        },
      ),
    );
  });

  it('reports the line of a structural error', () => {
    const splitter = new JsonArraySplitter();
    const items: JsonArrayItem[] = [];
    let error: unknown = null;
    try {
      splitter.push('[{"a": 1},\n{"a": 2}}\n]', items);
    } catch (e) {
      error = e;
    }
    expect(items).toHaveLength(2);
    expect(error).toBeInstanceOf(JsonSplitError);
    expect((error as JsonSplitError).line).toBe(2);
  });
});
