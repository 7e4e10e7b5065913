import type { LinkInputRecord } from './link-record.js';

/** Builds an input record for tests; unspecified cells are empty. */
export function buildLinkRecord(overrides: Partial<LinkInputRecord>): LinkInputRecord {
  return {
    source: 's1',
    recordId: '1',
    name: '',
    nameLatin: '',
    sex: '',
    age: '',
    birthDate: '',
    deathDate: '',
    place: '',
    idNumber: '',
    ...overrides,
  };
}
