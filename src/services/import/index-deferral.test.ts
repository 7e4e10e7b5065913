import { describe, expect, it } from 'vitest';
import { deferIndexesFor, expectedRows } from './index-deferral.js';

describe('expectedRows', () => {
  it('scales the rows read so far by the share of the file read', () => {
    expect(expectedRows({ rowsRead: 5000, bytesRead: 500_000, totalBytes: 100_000_000 })).toBe(
      1_000_000,
    );
  });
  it('is the rows read once the whole file is read (or more was counted than the file holds)', () => {
    expect(expectedRows({ rowsRead: 700, bytesRead: 9000, totalBytes: 9000 })).toBe(700);
    expect(expectedRows({ rowsRead: 700, bytesRead: 9500, totalBytes: 9000 })).toBe(700);
  });
  it('has no estimate before anything is read', () => {
    expect(expectedRows({ rowsRead: 0, bytesRead: 0, totalBytes: 9000 })).toBeNull();
    expect(expectedRows({ rowsRead: 10, bytesRead: 0, totalBytes: 9000 })).toBeNull();
    expect(expectedRows({ rowsRead: 10, bytesRead: 10, totalBytes: 0 })).toBeNull();
  });
});

describe('deferIndexesFor', () => {
  it('defers for a large import at least as large as the register', () => {
    expect(deferIndexesFor(1_000_000, 0)).toBe(true);
    expect(deferIndexesFor(60_000, 60_000)).toBe(true);
  });
  it('keeps the indexes for small imports and for imports smaller than the register', () => {
    expect(deferIndexesFor(49_999, 0)).toBe(false);
    expect(deferIndexesFor(60_000, 60_001)).toBe(false);
  });
});
