import { wordForms } from './arabic-affixes.js';
import { foldWord } from './mapped-text.js';

/** The part a number word plays: a unit or ten adds, a hundred multiplies what came before. */
export interface NumberWord {
  value: number;
  role: 'unit' | 'hundred' | 'scale' | 'scale-plural' | 'dozen' | 'article' | 'half';
}

const ENGLISH: Readonly<Record<string, NumberWord>> = {
  a: { value: 1, role: 'article' },
  an: { value: 1, role: 'article' },
  half: { value: 0.5, role: 'half' },
  one: { value: 1, role: 'unit' },
  two: { value: 2, role: 'unit' },
  three: { value: 3, role: 'unit' },
  four: { value: 4, role: 'unit' },
  five: { value: 5, role: 'unit' },
  six: { value: 6, role: 'unit' },
  seven: { value: 7, role: 'unit' },
  eight: { value: 8, role: 'unit' },
  nine: { value: 9, role: 'unit' },
  ten: { value: 10, role: 'unit' },
  eleven: { value: 11, role: 'unit' },
  twelve: { value: 12, role: 'unit' },
  thirteen: { value: 13, role: 'unit' },
  fourteen: { value: 14, role: 'unit' },
  fifteen: { value: 15, role: 'unit' },
  sixteen: { value: 16, role: 'unit' },
  seventeen: { value: 17, role: 'unit' },
  eighteen: { value: 18, role: 'unit' },
  nineteen: { value: 19, role: 'unit' },
  twenty: { value: 20, role: 'unit' },
  thirty: { value: 30, role: 'unit' },
  forty: { value: 40, role: 'unit' },
  fifty: { value: 50, role: 'unit' },
  sixty: { value: 60, role: 'unit' },
  seventy: { value: 70, role: 'unit' },
  eighty: { value: 80, role: 'unit' },
  ninety: { value: 90, role: 'unit' },
  hundred: { value: 100, role: 'hundred' },
  thousand: { value: 1e3, role: 'scale' },
  million: { value: 1e6, role: 'scale' },
  billion: { value: 1e9, role: 'scale' },
  dozen: { value: 12, role: 'dozen' },
};

const ARABIC_UNITS: ReadonlyArray<[number, readonly string[]]> = [
  [2, ['اثنان', 'اثنين', 'اثنتان', 'اثنتين']],
  [3, ['ثلاث', 'ثلاثة']],
  [4, ['أربع', 'أربعة']],
  [5, ['خمس', 'خمسة']],
  [6, ['ست', 'ستة']],
  [7, ['سبع', 'سبعة']],
  [8, ['ثمان', 'ثماني', 'ثمانية']],
  [9, ['تسع', 'تسعة']],
  [10, ['عشر', 'عشرة']],
  [20, ['عشرون', 'عشرين']],
  [30, ['ثلاثون', 'ثلاثين']],
  [40, ['أربعون', 'أربعين']],
  [50, ['خمسون', 'خمسين']],
  [60, ['ستون', 'ستين']],
  [70, ['سبعون', 'سبعين']],
  [80, ['ثمانون', 'ثمانين']],
  [90, ['تسعون', 'تسعين']],
];

const ARABIC: ReadonlyMap<string, NumberWord> = (() => {
  const map = new Map<string, NumberWord>();
  const put = (words: readonly string[], word: NumberWord) => {
    for (const w of words) map.set(foldWord(w), word);
  };
  for (const [value, words] of ARABIC_UNITS) put(words, { value, role: 'unit' });
  put(['مئة', 'مائة'], { value: 100, role: 'hundred' });
  put(['مئتان', 'مئتين', 'مائتان', 'مائتين'], { value: 200, role: 'unit' });
  for (const [value, words] of ARABIC_UNITS.slice(1, 8)) {
    for (const w of words.slice(0, 1))
      put([w + 'مئة', w + 'مائة'], { value: value * 100, role: 'unit' });
  }
  put(['ألف', 'ألفا', 'ألفاً'], { value: 1e3, role: 'scale' });
  put(['ألفان', 'ألفين'], { value: 2e3, role: 'unit' });
  put(['آلاف'], { value: 1e3, role: 'scale-plural' });
  put(['مليون', 'مليونا'], { value: 1e6, role: 'scale' });
  put(['مليونان', 'مليونين'], { value: 2e6, role: 'unit' });
  put(['ملايين'], { value: 1e6, role: 'scale-plural' });
  put(['مليار', 'مليارا'], { value: 1e9, role: 'scale' });
  put(['مليارات'], { value: 1e9, role: 'scale-plural' });
  return map;
})();

/** Reads a folded word as a number word ("twenty", "آلاف", "وعشرين"), or null. */
export function numberWord(word: string): (NumberWord & { afterConjunction: boolean }) | null {
  const english = ENGLISH[word];
  if (english) return { ...english, afterConjunction: false };
  for (const { form, afterConjunction } of wordForms(word)) {
    const arabic = ARABIC.get(form);
    if (arabic) return { ...arabic, afterConjunction };
  }
  return null;
}

/** Multipliers that may follow digits: "1.5 million", "120 ألف", "3 آلاف". */
export function scaleAfterDigits(word: string): number | null {
  // The bare word only: "بالمئة" (per cent) is not "مئة" (hundred) with a prefix.
  const w = ENGLISH[word] ?? ARABIC.get(word);
  if (!w) return null;
  if (w.role === 'scale' || w.role === 'scale-plural' || w.role === 'hundred') return w.value;
  return null;
}
