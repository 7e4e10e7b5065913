import { foldForSearch } from '../../core/records/search-text.js';
import type { Sql } from '../../db/database.js';
import { queryRecords, type RecordView } from '../../db/repositories/record-query-repository.js';

export interface FindRecordsOptions {
  search?: string;
  source?: string;
  limit?: number;
  afterId?: number;
  /** Restricted records and details; the caller has checked the role and audits the view. */
  includeRestricted?: boolean;
}

/** Records whose names contain every word of `search`, tolerant of Arabic letter variants. */
export async function findRecords(db: Sql, options: FindRecordsOptions): Promise<RecordView[]> {
  const words = options.search ? foldForSearch(options.search).split(' ').filter(Boolean) : [];
  return queryRecords(db, {
    words,
    source: options.source,
    afterId: options.afterId,
    limit: Math.min(Math.max(options.limit ?? 50, 1), 1000),
    includeRestricted: options.includeRestricted ?? false,
  });
}
