import { foldArabic } from '../text/arabic-folding.js';
import { parseInteger, stripInvisibles, toAsciiDigits } from './digits.js';
import { fail, ok, type ParseResult, type ProblemCode } from './parse-result.js';

/**
 * Folds the ways one word can be typed into one key: NFKC (Arabic presentation forms, full-width
 * Latin), lower case, no tatweel, no harakat (U+064B–U+065F, U+0670), أ/إ/آ/ٱ → ا, ى/ی → ي,
 * ة/ۀ → ه, ک → ك, ASCII digits, invisible bidi marks removed, runs of white space collapsed.
 */
export function normaliseForMatching(text: string): string {
  return foldArabic(toAsciiDigits(stripInvisibles(text).normalize('NFKC').toLowerCase()))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Turns punctuation and symbols into spaces, so "M.", "(ذكر)" and "died_under_torture" match. */
function loosen(key: string): string {
  return key
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// What lists write when they do not know; it means "no value", not an error.
const BLANK_MARKERS = new Set(
  [
    'u',
    'unknown',
    'unk',
    'n/a',
    '#n/a',
    'na',
    'null',
    'غير معروف',
    'غير معروفة',
    'غير محدد',
    'غير محددة',
    'مجهول',
    'مجهولة',
  ].map(normaliseForMatching),
);

function isBlank(key: string): boolean {
  // A cell of only punctuation ("-", "?", "—", "...") is a placeholder, not a value.
  return key === '' || BLANK_MARKERS.has(key) || loosen(key) === '';
}

interface Vocabulary<T extends string> {
  /** How the field is named in messages. */
  field: string;
  /** Synonyms as people write them; the code itself is always accepted too. */
  synonyms: Record<T, readonly string[]>;
  /** Words that look like values but must not be guessed, with the reason. */
  /** Words refused because they do not say which code, with the reason and its problem code. */
  refused?: { words: readonly string[]; reason: string; code: ProblemCode };
  /** How many synonyms per code to show in the "accepted values" message. */
  examples: number;
}

interface CompiledVocabulary<T extends string> {
  field: string;
  index: Map<string, T>;
  refused: Map<string, { reason: string; code: ProblemCode }>;
  accepted: string;
}

function compile<T extends string>(vocabulary: Vocabulary<T>): CompiledVocabulary<T> {
  const index = new Map<string, T>();
  const accepted: string[] = [];
  for (const [code, words] of Object.entries(vocabulary.synonyms) as [T, readonly string[]][]) {
    for (const word of [code, ...words]) {
      const key = loosen(normaliseForMatching(word));
      const existing = index.get(key);
      // A synonym claimed by two codes is a bug in the table, so fail at load, not per row.
      if (existing !== undefined && existing !== code) {
        throw new Error(`${vocabulary.field}: "${word}" maps to both ${existing} and ${code}`);
      }
      index.set(key, code);
    }
    const shown = words.filter((w) => w !== code).slice(0, vocabulary.examples);
    accepted.push(shown.length > 0 ? `${code} (${shown.join(', ')})` : code);
  }
  const refused = new Map<string, { reason: string; code: ProblemCode }>();
  if (vocabulary.refused) {
    const { words, reason, code } = vocabulary.refused;
    for (const word of words) refused.set(loosen(normaliseForMatching(word)), { reason, code });
  }
  return { field: vocabulary.field, index, refused, accepted: accepted.join('; ') };
}

function match<T extends string>(
  text: string,
  vocabulary: CompiledVocabulary<T>,
): ParseResult<T | null> {
  const key = normaliseForMatching(text);
  if (isBlank(key)) return ok(null);
  const loose = loosen(key);
  const code = vocabulary.index.get(loose);
  if (code !== undefined) return ok(code);
  const refusal = vocabulary.refused.get(loose);
  if (refusal !== undefined)
    return fail(`"${text.trim()}": ${refusal.reason}`, refusal.code, { value: text.trim() });
  return fail(
    `"${text.trim()}" is not a recognised ${vocabulary.field}; accepted: ${vocabulary.accepted}; ` +
      'or leave it empty if unknown',
    'not_in_vocabulary',
    { field: vocabulary.field, accepted: vocabulary.accepted },
  );
}

/** The register's codes for sex. */
export type Sex = 'male' | 'female';

const SEX = compile<Sex>({
  field: 'sex',
  synonyms: {
    // Only words that state sex; child words such as طفل are deliberately absent.
    male: ['m', 'male', 'man', 'boy', 'ذكر', 'ذ', 'رجل', 'صبي'],
    female: ['f', 'female', 'woman', 'girl', 'أنثى', 'أ', 'امرأة', 'إمرأة', 'فتاة', 'بنت'],
  },
  examples: 10,
});

/**
 * Parses a sex cell: m/male/man/boy/ذكر/ذ/رجل → male, f/female/woman/girl/أنثى/أ/امرأة → female,
 * empty or an unknown marker ("u", "unknown", "غير معروف", "-", "?") → null.
 */
export function parseSex(text: string): ParseResult<Sex | null> {
  return match(text, SEX);
}

/** The register's violation codes. */
export type Violation =
  | 'killed'
  | 'died_under_torture'
  | 'died_under_siege'
  | 'executed'
  | 'detained'
  | 'forcibly_disappeared'
  | 'injured'
  | 'displaced';

const VIOLATION = compile<Violation>({
  field: 'violation',
  synonyms: {
    killed: [
      'killed',
      'death',
      'dead',
      'martyr',
      'killing',
      'murdered',
      'قتل',
      'مقتول',
      'شهيد',
      'استشهد',
      'قتيل',
      'مقتولة',
      'شهيدة',
      'استشهدت',
      'قتيلة',
      'قتلت',
      'استشهاد',
      'مقتل',
    ],
    died_under_torture: [
      'died under torture',
      'torture',
      'death under torture',
      'tortured to death',
      'killed under torture',
      'تحت التعذيب',
      'توفي تحت التعذيب',
      'التعذيب',
      'تعذيب',
      'توفيت تحت التعذيب',
      'مات تحت التعذيب',
      'قتل تحت التعذيب',
      'استشهد تحت التعذيب',
      'الموت تحت التعذيب',
    ],
    died_under_siege: [
      'died under siege',
      'starvation',
      'siege',
      'death under siege',
      'starved to death',
      'الحصار',
      'الجوع',
      'تجويع',
      'حصار',
      'جوع',
      'بسبب الحصار',
      'توفي بسبب الحصار',
      'توفي تحت الحصار',
      'توفي جوعا',
      'مات جوعا',
      'الموت جوعا',
    ],
    executed: [
      'executed',
      'execution',
      'summary execution',
      'summarily executed',
      'field execution',
      'إعدام',
      'أعدم',
      'أعدمت',
      'إعدام ميداني',
      'أعدم ميدانيا',
    ],
    detained: [
      'detained',
      'arrested',
      'detention',
      'arrest',
      'detainee',
      'معتقل',
      'اعتقال',
      'محتجز',
      'احتجاز',
      'أسير',
      'معتقلة',
      'محتجزة',
      'أسيرة',
      'اعتقل',
    ],
    forcibly_disappeared: [
      'forcibly disappeared',
      'disappeared',
      'enforced disappearance',
      'forced disappearance',
      'مختفي قسرا',
      'مختف قسريا',
      'إخفاء قسري',
      'مغيب',
      'مختفي قسريا',
      'مختف قسرا',
      'مختفية قسرا',
      'مختفية قسريا',
      'مخفي قسرا',
      'مخفي قسريا',
      'مغيب قسرا',
      'مغيب قسريا',
      'مغيبة',
      'مغيبة قسرا',
      'مغيبة قسريا',
      'اختفاء قسري',
      'مختفي',
      'مختفية',
    ],
    injured: ['injured', 'wounded', 'injury', 'جريح', 'مصاب', 'إصابة', 'جريحة', 'مصابة', 'جرح'],
    displaced: [
      'displaced',
      'displacement',
      'forcibly displaced',
      'idp',
      'نازح',
      'تهجير',
      'مهجر',
      'نازحة',
      'مهجرة',
      'نزوح',
      'تهجير قسري',
      'مهجر قسريا',
    ],
  },
  refused: {
    // "Missing" covers the detained, the disappeared and the merely unaccounted for.
    words: ['missing', 'مفقود', 'مفقودة'],
    reason:
      '"missing" is ambiguous (detained? forcibly disappeared? unaccounted for?); map it explicitly',
    code: 'ambiguous_missing',
  },
  examples: 3,
});

/**
 * Parses a violation cell to one of the register's codes from English or Arabic wording
 * ("martyr", "شهيد", "توفي تحت التعذيب", "مختفي قسراً", ...). Empty → null. "Missing" and
 * "مفقود" are refused because they do not say which violation.
 */
export function parseViolation(text: string): ParseResult<Violation | null> {
  return match(text, VIOLATION);
}

/** The register's confidentiality levels. */
export type Confidentiality = 'public' | 'internal' | 'restricted';

const CONFIDENTIALITY = compile<Confidentiality>({
  field: 'confidentiality',
  synonyms: {
    public: ['public', 'عام', 'عامة', 'علني'],
    internal: ['internal', 'داخلي', 'داخلية'],
    restricted: ['restricted', 'confidential', 'secret', 'مقيد', 'مقيدة', 'سري', 'سرية'],
  },
  examples: 4,
});

/** Parses a confidentiality cell: public/عام, internal/داخلي, restricted/مقيد/سري. Empty → null. */
export function parseConfidentiality(text: string): ParseResult<Confidentiality | null> {
  return match(text, CONFIDENTIALITY);
}

/** The register's age categories. */
export type AgeCategory = 'child' | 'adult' | 'elderly';

const AGE_CATEGORY = compile<AgeCategory>({
  field: 'age category',
  synonyms: {
    child: ['child', 'minor', 'kid', 'طفل', 'طفلة', 'قاصر', 'قاصرة'],
    adult: ['adult', 'بالغ', 'بالغة', 'راشد', 'راشدة'],
    elderly: ['elderly', 'elder', 'senior', 'مسن', 'مسنة', 'كبير السن', 'كبيرة السن', 'عجوز'],
  },
  examples: 5,
});

/** Parses an age-category cell: child/minor/طفل/قاصر, adult/بالغ/راشد, elderly/مسن/كبير السن. */
export function parseAgeCategory(text: string): ParseResult<AgeCategory | null> {
  return match(text, AGE_CATEGORY);
}

/** The oldest age the register accepts (matches the database CHECK). */
export const MAX_AGE = 130;

// Units an age may carry, and how many of them make a year. Keys are normalised.
const AGE_UNITS = new Map<string, number>();
function addUnits(perYear: number, words: readonly string[]): void {
  for (const word of words) AGE_UNITS.set(normaliseForMatching(word), perYear);
}
addUnits(1, ['', 'y', 'yr', 'yrs', 'year', 'years', 'year old', 'years old', 'yo', 'y/o']);
addUnits(1, ['سنة', 'سنوات', 'سنين', 'عام', 'عاما', 'أعوام']);
addUnits(12, ['mo', 'mos', 'mth', 'mths', 'month', 'months', 'months old']);
addUnits(12, ['شهر', 'شهرا', 'أشهر', 'شهور']);
addUnits(52.1775, ['wk', 'wks', 'week', 'weeks', 'weeks old', 'أسبوع', 'أسابيع']);
addUnits(365.2425, ['day', 'days', 'days old', 'يوم', 'يوما', 'أيام']);

// Arabic writes one and two of a unit as a bare word: شهر (a month), سنتان (two years).
const AGE_WORDS = new Map<string, number>(
  (
    [
      ['يوم', 0],
      ['أسبوع', 0],
      ['شهر', 0],
      ['شهران', 0],
      ['شهرين', 0],
      ['سنة', 1],
      ['عام', 1],
      ['سنتان', 2],
      ['سنتين', 2],
      ['عامان', 2],
      ['عامين', 2],
    ] as const
  ).map(([word, years]) => [normaliseForMatching(word), years]),
);

/**
 * Parses an age in whole years (0–130). A bare number is years; a unit may follow: years/yrs/سنة/
 * عام/سنوات, months/أشهر/شهور/شهر, weeks/أسابيع, days/أيام/يوم, converted to completed years
 * ("3 months" → 0, "18 months" → 1). Arabic digits are accepted. Empty → null.
 */
export function parseAge(text: string): ParseResult<number | null> {
  const key = normaliseForMatching(text);
  if (isBlank(key)) return ok(null);
  const word = AGE_WORDS.get(key);
  if (word !== undefined) return ok(word);
  const shape = /^([+-]?[\d.,]+)\s*(.*)$/.exec(key);
  const perYear = shape ? AGE_UNITS.get(shape[2] ?? '') : undefined;
  const amount = shape && perYear !== undefined ? parseInteger(shape[1] ?? '') : undefined;
  if (amount === undefined || perYear === undefined || !amount.ok) {
    return fail(
      `"${text.trim()}" is not an age: expected a whole number of years (0–${MAX_AGE}), ` +
        'optionally with a unit such as "years", "months", "سنة" or "أشهر"',
      'not_an_age',
      { max: MAX_AGE },
    );
  }
  if (amount.value < 0) return fail(`"${text.trim()}": an age cannot be negative`, 'negative_age');
  const years = Math.floor(amount.value / perYear);
  if (years > MAX_AGE)
    return fail(`"${text.trim()}": an age above ${MAX_AGE} is not plausible`, 'implausible_age', {
      max: MAX_AGE,
    });
  return ok(years);
}
