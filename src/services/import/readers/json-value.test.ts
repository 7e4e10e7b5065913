import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  jsonValueToCellText,
  JsonNumber,
  JsonSyntaxError,
  parseJsonValue,
  stringifyJsonValue,
} from './json-value.js';

describe('parseJsonValue', () => {
  it('keeps numbers as written and objects in key order', () => {
    const value = parseJsonValue('{"b": 1.50, "2": -0, "a": [true, null, "\\u0645"]}');
    expect(value).toBeInstanceOf(Map);
    const map = value as Map<string, unknown>;
    expect([...map.keys()]).toEqual(['b', '2', 'a']);
    expect(map.get('b')).toEqual(new JsonNumber('1.50'));
    expect(map.get('a')).toEqual([true, null, 'م']);
  });

  it('round-trips anything JSON.stringify produces', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(stringifyJsonValue(parseJsonValue(text))).toBe(text);
      }),
    );
  });

  it.each(['{"a" 1}', '[1,]', '{"a": 01}', '"\\x"', 'tru', '{"a": 1} x', '"a\nb"', '[[[['])(
    'rejects %j',
    (text) => {
      expect(() => parseJsonValue(text)).toThrow(JsonSyntaxError);
    },
  );

  it('refuses absurd nesting instead of overflowing the stack', () => {
    expect(() => parseJsonValue('['.repeat(100_000))).toThrow(/nested/);
  });
});

describe('jsonValueToCellText', () => {
  it('maps values to cell text', () => {
    expect(jsonValueToCellText(null)).toBe('');
    expect(jsonValueToCellText(' نص ')).toBe(' نص ');
    expect(jsonValueToCellText(false)).toBe('false');
    expect(jsonValueToCellText(new JsonNumber('1e3'))).toBe('1e3');
    expect(jsonValueToCellText(parseJsonValue('{"a": [1, "x"]}'))).toBe('{"a":[1,"x"]}');
  });
});
