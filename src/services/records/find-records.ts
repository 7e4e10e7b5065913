import type { RecordFilters } from '../../core/records/record-filters.js';
import type { Sql } from '../../db/database.js';
import { queryRecords, type RecordView } from '../../db/repositories/record-query-repository.js';
import { searchWords } from './search-words.js';

export interface FindRecordsOptions {
  search?: string;
  source?: string;
  /** Facets and the other filters of the search screen; the words come from `search`. */
  filters?: Omit<RecordFilters, 'words'>;
  limit?: number;
  afterId?: number;
  /** Restricted records and details; the caller has checked the role and audits the view. */
  includeRestricted?: boolean;
}

/**
 * Records whose names contain every word of `search` (tolerant of Arabic letter variants) and
 * that match the filters.
 */
export async function findRecords(db: Sql, options: FindRecordsOptions): Promise<RecordView[]> {
  return queryRecords(db, {
    filters: { ...options.filters, words: searchWords(options.search) },
    source: options.source,
    afterId: options.afterId,
    limit: Math.min(Math.max(options.limit ?? 50, 1), 1000),
    includeRestricted: options.includeRestricted ?? false,
  });
}
