/** One input row in the one-shot linkage format (all cells as text, '' when absent). */
export interface LinkInputRecord {
  readonly source: string;
  readonly recordId: string;
  readonly name: string;
  readonly nameLatin: string;
  readonly sex: string;
  readonly age: string;
  readonly birthDate: string;
  readonly deathDate: string;
  readonly place: string;
  readonly idNumber: string;
}

/** Reads a sex cell in English or Arabic: 0 unknown, 1 male, 2 female. */
export function parseSex(raw: string): number {
  const t = raw.trim().toLowerCase();
  if (t === 'm' || t === 'male' || t === 'ذكر' || t === 'man' || t === 'boy') return 1;
  if (t === 'f' || t === 'female' || t === 'انثى' || t === 'أنثى' || t === 'woman' || t === 'girl')
    return 2;
  return 0;
}
