import { describe, expect, it } from 'vitest';
import { buildRecord, createRecordBuilder } from './build-record.js';

const mapping = {
  id: 'record_id',
  name: 'name',
  sex: 'sex',
  dob: 'birth_date',
  died: 'event_date',
  witness: 'restricted',
  notes: null,
} as const;

describe('createRecordBuilder', () => {
  it('maps cells to fields, keeps the row verbatim and the restricted cells apart', () => {
    const built = buildRecord(
      {
        id: ' 17 ',
        name: '  أحمد   محمد ',
        sex: 'ذكر',
        died: '2024',
        witness: 'Umm Ali',
        notes: 'x',
      },
      { mapping },
    );
    expect(built.problems).toEqual([]);
    expect(built.fields).toMatchObject({
      sourceRecordId: '17',
      name: 'أحمد محمد',
      sex: 'male',
      eventDate: { start: '2024-01-01', end: '2024-12-31', precision: 'year' },
      restricted: { witness: 'Umm Ali' },
    });
    expect(built.raw).toEqual({
      id: ' 17 ',
      name: '  أحمد   محمد ',
      sex: 'ذكر',
      died: '2024',
      notes: 'x',
    });
  });

  it('starts every row afresh: nothing of one row carries into the next', () => {
    const build = createRecordBuilder({ mapping, dateOrder: 'dmy' });
    const first = build({
      id: '1',
      name: 'Sara',
      sex: 'nonsense',
      dob: '03/04/1990',
      witness: 'w',
    });
    expect(first.problems.map((p) => p.column)).toEqual(['sex']);
    expect(first.warnings.map((w) => w.column)).toEqual(['dob']);
    expect(first.fields.flags).toEqual(['birth_date_ambiguous']);
    const second = build({ id: '', name: 'Mona', sex: '', dob: '' });
    expect(second.problems).toEqual([]);
    expect(second.warnings).toEqual([]);
    expect(second.fields).toMatchObject({
      sourceRecordId: null,
      name: 'Mona',
      sex: null,
      birthDate: null,
      restricted: null,
      flags: [],
    });
    expect(first.fields.flags).toEqual(['birth_date_ambiguous']);
  });

  it('applies value maps by own keys only, then defaults where a row is empty', () => {
    const build = createRecordBuilder({
      mapping: { name: 'name', sex: 'sex', v: 'violation' },
      valueMaps: { sex: { '1': 'male', '2': 'female' } },
      defaults: { violation: 'killed' },
    });
    expect(build({ name: 'a', sex: '2', v: '' }).fields).toMatchObject({
      sex: 'female',
      violation: 'killed',
    });
    const inherited = build({ name: 'b', sex: 'constructor', v: 'detained' });
    expect(inherited.fields.violation).toBe('detained');
    expect(inherited.problems).toEqual([
      expect.objectContaining({ column: 'sex', field: 'sex', value: 'constructor' }),
    ]);
  });

  it('maps columns the mapping lacks by their spelling (JSON items may add keys)', () => {
    const build = createRecordBuilder({ mapping: { name: 'name' } });
    expect(build({ name: 'a', age: '7' }).fields.age).toBe(7);
    expect(build({ name: 'b', العمر: '9' }).fields.age).toBe(9);
  });

  it('refuses text that cannot be stored and rows without any name', () => {
    const build = createRecordBuilder({ mapping });
    const broken = build({ id: '1', name: 'a\0b' });
    expect(broken.problems[0]).toMatchObject({
      column: 'name',
      code: 'unstorable_text',
      value: 'a\uFFFDb',
    });
    expect(build({ id: '2', name: '  ' }).problems).toEqual([
      expect.objectContaining({ field: 'name', code: 'no_name' }),
    ]);
  });
});
