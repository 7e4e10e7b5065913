import type { RecordFields } from './record-fields.js';

/**
 * The text a record is found by: every name it carries, with Arabic letter variants, diacritics
 * and tatweel folded and Latin case removed, so "أحمد" finds "احمد".
 */
export function searchText(fields: Pick<RecordFields, 'name' | 'nameLatin' | 'otherNames' | 'kunya'>): string {
  return foldForSearch([fields.name, fields.nameLatin, ...fields.otherNames, fields.kunya].filter(Boolean).join(' '));
}

export function foldForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .replace(/\s+/g, ' ')
    .trim();
}
