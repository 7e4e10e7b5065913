import { describe, expect, it } from 'vitest';
import { masked } from './import-views.js';

describe('masked', () => {
  const problem = {
    row: 6,
    column: 'العمر',
    field: 'age' as const,
    value: 'مئتا سنة',
    reason: '"مئتا سنة" is not an age: expected a whole number of years (0–130)',
    code: 'not_an_age' as const,
    params: { max: 130 },
  };

  it('leaves a problem of a row the caller may see as it is', () => {
    expect(masked(problem, new Set(), new Set())).toBe(problem);
  });

  it('keeps no trace of a restricted value: not in the value, the reason or the parameters', () => {
    for (const hidden of [
      masked(problem, new Set(), new Set([6])),
      masked(problem, new Set(['العمر']), new Set()),
    ]) {
      expect(JSON.stringify(hidden)).not.toContain('مئتا');
      expect(hidden).toMatchObject({ row: 6, column: 'العمر', value: '' });
      expect(hidden.reason).toContain('is not an age');
      expect(hidden).not.toHaveProperty('code');
    }
  });
});
