import { describe, expect, it } from 'vitest';
import { headerKey, resolveMapping } from './column-mapping.js';

describe('resolveMapping', () => {
  it('maps the Gaza Ministry headers by alias and keeps unknown columns unmapped', () => {
    const { mapping, errors } = resolveMapping([
      'id',
      'name',
      'en_name',
      'age',
      'dob',
      'sex',
      'source',
    ]);
    expect(errors).toEqual([]);
    expect(mapping).toEqual({
      id: 'record_id',
      name: 'name',
      en_name: 'name_latin',
      age: 'age',
      dob: 'birth_date',
      sex: 'sex',
      source: null,
    });
  });

  it('matches Arabic headers whatever their hamza, taa marbuta or spacing', () => {
    const { mapping } = resolveMapping(['الإسم', 'تاريخ  الوفاة', 'المحافظة', 'الجنس']);
    expect(mapping['الإسم']).toBe('name');
    expect(mapping['تاريخ  الوفاة']).toBe('event_date');
    expect(mapping['المحافظة']).toBe('place_governorate');
    expect(mapping['الجنس']).toBe('sex');
  });

  it('lets explicit choices override aliases and unmap a column', () => {
    const { mapping, errors } = resolveMapping(['id', 'Full Name', 'date'], {
      id: null,
      date: 'birth_date',
    });
    expect(errors).toEqual([]);
    expect(mapping).toEqual({ id: null, 'Full Name': 'name', date: 'birth_date' });
  });

  it('refuses two columns feeding one field and a mapping naming a missing column', () => {
    const { errors } = resolveMapping(['name', 'full_name'], { nmae: 'name' });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/nmae/);
    expect(errors[1]).toMatch(/both map to name/);
  });

  it('collects several columns into the restricted field', () => {
    const { mapping, errors } = resolveMapping(['name', 'witness', 'phone']);
    expect(errors).toEqual([]);
    expect(mapping.witness).toBe('restricted');
    expect(mapping.phone).toBe('restricted');
  });

  it('normalises header keys', () => {
    expect(headerKey('  Date of Death ')).toBe('date_of_death');
    expect(headerKey('تاريخ الوفاة')).toBe('تاريخ الوفاه');
  });
});
