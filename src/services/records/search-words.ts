import { foldForSearch } from '../../core/records/search-text.js';

/** The words of a name search, folded as records' search text is (Arabic letter variants, case). */
export function searchWords(search: string | undefined): string[] {
  return search ? foldForSearch(search).split(' ').filter(Boolean) : [];
}
