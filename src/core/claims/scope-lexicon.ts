/**
 * The words a claim's scope is read from: who was counted, where, and by whom (as the document
 * attributes it), in English and Arabic. Patterns are written in natural spelling and folded
 * as documents are (see mapped-text.ts), so "إسرائيل" and "اسرائیل" match alike. Each entry
 * gives the ledger's canonical English value and its Arabic name (the stored scope keeps the
 * English value, which register filters use; the Arabic workspace shows the Arabic name); the
 * words matched are kept as evidence.
 */
import { foldWord } from './mapped-text.js';

/** A place level of the ledger's scope. */
export type PlaceLevel = 'country' | 'governorate' | 'locality' | 'site';

export interface PlaceEntry {
  level: PlaceLevel;
  value: string;
  /** The name in Arabic, for showing the scope in the Arabic workspace. */
  ar: string;
  /** Regular-expression sources, folded. */
  patterns: string[];
  /** Countries are places only after "in", "across", "في"…: "Syria's army" is not a place. */
  needsPreposition?: boolean;
}

export interface PerpetratorEntry {
  value: string;
  /** The actor's name in Arabic. */
  ar: string;
  /**
   * Phrases that name an armed actor (forces, army, airstrikes, the regime, a named group):
   * enough on their own. `bare` phrases (a state's name alone) need an attribution: "by",
   * "على يد", or a verb of violence right after.
   */
  patterns: string[];
  bare?: string[];
}

// Arabic words take one-letter prefixes: و, ف, ب, ل, ك (and لل for ال after ل).
const AR_PREFIX = '(?:[وف])?(?:[بلك])?';

/** Folds a pattern source written in natural spelling (regex syntax is ASCII and left alone). */
export function foldPattern(source: string): string {
  let out = '';
  // Keep escapes like \s and \p{L} as they are; fold everything else.
  for (let i = 0; i < source.length; i++) {
    const ch = source.charAt(i);
    if (ch === '\\') {
      // \p{L} keeps its property name.
      const end = /^\\[pP]\{/.test(source.slice(i, i + 3)) ? source.indexOf('}', i) + 1 : i + 2;
      out += source.slice(i, end);
      i = end - 1;
      continue;
    }
    out += foldWord(ch);
  }
  return out;
}

const ar = (word: string): string => `${AR_PREFIX}${word}`;

export const PLACES: PlaceEntry[] = [
  // Countries.
  {
    level: 'country',
    value: 'Syria',
    ar: 'سوريا',
    patterns: ['syria', ar('سوري(?:ا|ة)')],
    needsPreposition: true,
  },
  {
    level: 'country',
    value: 'Lebanon',
    ar: 'لبنان',
    patterns: ['lebanon', ar('لبنان')],
    needsPreposition: true,
  },
  {
    level: 'country',
    value: 'Jordan',
    ar: 'الأردن',
    patterns: ['jordan', ar('الأردن')],
    needsPreposition: true,
  },
  {
    level: 'country',
    value: 'Iraq',
    ar: 'العراق',
    patterns: ['iraq', ar('العراق')],
    needsPreposition: true,
  },
  {
    level: 'country',
    value: 'Turkey',
    ar: 'تركيا',
    patterns: ['turkey', 'türkiye', ar('تركيا')],
    needsPreposition: true,
  },
  {
    level: 'country',
    value: 'Egypt',
    ar: 'مصر',
    patterns: ['egypt', ar('مصر')],
    needsPreposition: true,
  },
  {
    level: 'country',
    value: 'Palestine',
    ar: 'فلسطين',
    patterns: ['(?:historic\\s+)?palestine', ar('فلسطين')],
    needsPreposition: true,
  },
  {
    level: 'country',
    value: 'Israel',
    ar: 'إسرائيل',
    patterns: ['israel', ar('إسرائيل')],
    needsPreposition: true,
  },
  {
    level: 'country',
    value: 'Ukraine',
    ar: 'أوكرانيا',
    patterns: ['ukraine', ar('أوكرانيا')],
    needsPreposition: true,
  },
  // The first subdivision: Syrian governorates, and the Gaza Strip and the West Bank.
  {
    level: 'governorate',
    value: 'Rif Dimashq',
    ar: 'ريف دمشق',
    patterns: [
      'rif\\s+dimashq',
      'rural\\s+damascus',
      'damascus\\s+(?:countryside|suburbs)',
      ar('ريف\\s+دمشق'),
    ],
  },
  { level: 'governorate', value: 'Damascus', ar: 'دمشق', patterns: ['damascus', ar('دمشق')] },
  {
    level: 'governorate',
    value: 'Aleppo',
    ar: 'حلب',
    patterns: ['aleppo(?:\\s+governorate)?', ar('(?:ريف\\s+)?حلب')],
  },
  { level: 'governorate', value: 'Homs', ar: 'حمص', patterns: ['homs', ar('(?:ريف\\s+)?حمص')] },
  { level: 'governorate', value: 'Hama', ar: 'حماة', patterns: ['hama', ar('(?:ريف\\s+)?حماة')] },
  {
    level: 'governorate',
    value: 'Idlib',
    ar: 'إدلب',
    patterns: ['idlib(?:\\s+countryside)?', 'idleb', ar('(?:ريف\\s+)?إدلب')],
  },
  {
    level: 'governorate',
    value: 'Daraa',
    ar: 'درعا',
    patterns: ["dar'?aa?", 'deraa', ar('(?:ريف\\s+)?درعا')],
  },
  {
    level: 'governorate',
    value: 'Deir ez-Zor',
    ar: 'دير الزور',
    patterns: ['deir\\s+(?:ez|al|el)[- ]?zou?r', ar('(?:ريف\\s+)?دير\\s+الزور')],
  },
  {
    level: 'governorate',
    value: 'Raqqa',
    ar: 'الرقة',
    patterns: ['raqq?a', ar('(?:ريف\\s+)?الرقة')],
  },
  {
    level: 'governorate',
    value: 'Hasakah',
    ar: 'الحسكة',
    patterns: ['(?:al-)?has[ae]kah?', ar('الحسكة')],
  },
  { level: 'governorate', value: 'Latakia', ar: 'اللاذقية', patterns: ['latakia', ar('اللاذقية')] },
  {
    level: 'governorate',
    value: 'Tartus',
    ar: 'طرطوس',
    patterns: ['tartus', 'tartous', ar('طرطوس')],
  },
  {
    level: 'governorate',
    value: 'Quneitra',
    ar: 'القنيطرة',
    patterns: ['quneitra', ar('القنيطرة')],
  },
  {
    level: 'governorate',
    value: 'Suwayda',
    ar: 'السويداء',
    patterns: ['suwayda', 'sweida', 'suwaida', ar('السويداء')],
  },
  {
    level: 'governorate',
    value: 'Gaza',
    ar: 'قطاع غزة',
    patterns: ['(?:the\\s+)?gaza(?:\\s+strip)?', ar('(?:قطاع\\s+)?غزة')],
  },
  {
    level: 'governorate',
    value: 'West Bank',
    ar: 'الضفة الغربية',
    patterns: ['(?:occupied\\s+)?west\\s+bank', ar('الضفة\\s+الغربية'), ar('الضفة')],
  },
  {
    level: 'governorate',
    value: 'Jerusalem',
    ar: 'القدس',
    patterns: ['(?:east\\s+)?jerusalem', ar('القدس')],
  },
  // Towns and districts.
  {
    level: 'locality',
    value: 'Eastern Ghouta',
    ar: 'الغوطة الشرقية',
    patterns: ['eastern\\s+ghouta', ar('الغوطة\\s+الشرقية')],
  },
  { level: 'locality', value: 'Madaya', ar: 'مضايا', patterns: ['madaya', ar('مضايا')] },
  { level: 'locality', value: 'Douma', ar: 'دوما', patterns: ['douma', ar('دوما')] },
  { level: 'locality', value: 'Daraya', ar: 'داريا', patterns: ['daraya', 'darayya', ar('داريا')] },
  {
    level: 'locality',
    value: 'Jenin',
    ar: 'جنين',
    patterns: ['jenin(?!\\s+(?:refugee\\s+)?camp)', ar('جنين')],
  },
  { level: 'locality', value: 'Nablus', ar: 'نابلس', patterns: ['nablus', ar('نابلس')] },
  { level: 'locality', value: 'Tulkarm', ar: 'طولكرم', patterns: ['tulkarm', ar('طولكرم')] },
  { level: 'locality', value: 'Hebron', ar: 'الخليل', patterns: ['hebron', ar('الخليل')] },
  {
    level: 'locality',
    value: 'Khan Younis',
    ar: 'خان يونس',
    patterns: ['khan\\s+y[ou]u?nis', ar('خان\\s+يونس')],
  },
  { level: 'locality', value: 'Rafah', ar: 'رفح', patterns: ['rafah', ar('رفح')] },
  {
    level: 'locality',
    value: 'Beit Hanoun',
    ar: 'بيت حانون',
    patterns: ['beit\\s+hanoun', ar('بيت\\s+حانون')],
  },
  // Camps and prisons known by name without the word "camp" or "prison".
  {
    level: 'site',
    value: 'Tel al-Zaatar camp',
    ar: 'مخيم تل الزعتر',
    patterns: ["t[ae]l(?:\\s+al-|\\s+)?za'?atar", ar('تل\\s+الزعتر')],
  },
];

/**
 * Camps and prisons: "Yarmouk camp", "Jabalia refugee camp", "مخيم اليرموك", "سجن صيدنايا".
 * Known names get their usual English spelling; others keep the document's words.
 */
export const KNOWN_SITES: { value: string; ar: string; names: string[] }[] = [
  { value: 'Yarmouk camp', ar: 'مخيم اليرموك', names: ['yarmouk', 'yarmuk', 'اليرموك'] },
  {
    value: 'Khan al-Sheih camp',
    ar: 'مخيم خان الشيح',
    names: ['khan\\s+(?:al|el)?-?\\s?sh?eih?k?h?', 'خان\\s+الشيح'],
  },
  { value: 'Jabalia camp', ar: 'مخيم جباليا', names: ['jabalia', 'jabaliya', 'جباليا'] },
  { value: 'Nuseirat camp', ar: 'مخيم النصيرات', names: ['nuseirat', 'النصيرات'] },
  { value: 'Al-Shati camp', ar: 'مخيم الشاطئ', names: ['(?:al-)?shati', 'beach', 'الشاطئ'] },
  { value: 'Jenin camp', ar: 'مخيم جنين', names: ['jenin', 'جنين'] },
  {
    value: 'Ain al-Hilweh camp',
    ar: 'مخيم عين الحلوة',
    names: ['ain\\s+al-hilw[ae]h?', 'عين\\s+الحلوة'],
  },
  { value: 'al-Nireb camp', ar: 'مخيم النيرب', names: ['(?:al-)?nei?ra?b', 'النيرب'] },
  { value: 'Saydnaya prison', ar: 'سجن صيدنايا', names: ['s[ae]y?dn[ae]y?a', 'صيدنايا'] },
  { value: 'Adra prison', ar: 'سجن عدرا', names: ['adra', 'عدرا'] },
  { value: 'Tadmur prison', ar: 'سجن تدمر', names: ['tadmur', 'palmyra', 'تدمر'] },
];

export interface PopulationTerm {
  /** The canonical group ("refugees") or nationality ("Palestinian"). */
  value: string;
  patterns: string[];
  /** Forms that name people on their own ("Palestinians", "فلسطينيين"), not an adjective. */
  plural: boolean;
}

/** A nationality as people and beside a group, in English and Arabic. */
export interface NationalityForms {
  /** The people, in English: "Palestinians". */
  people: string;
  /** The people in Arabic, which is also the form after a group of people: الفلسطينيون. */
  peopleAr: string;
  /** After a feminine plural: النساء الفلسطينيات. */
  feminineAr: string;
  /** After a plural of things: الكوادر الطبية الفلسطينية. */
  collectiveAr: string;
}

export const NATIONALITY_FORMS: Record<string, NationalityForms> = {
  Palestinian: forms('Palestinians', 'الفلسطيني'),
  Syrian: forms('Syrians', 'السوري'),
  Lebanese: forms('Lebanese', 'اللبناني'),
  Iraqi: forms('Iraqis', 'العراقي'),
  Israeli: forms('Israelis', 'الإسرائيلي'),
  Ukrainian: forms('Ukrainians', 'الأوكراني'),
};

// Arabic nisba adjectives inflect regularly: الفلسطيني → الفلسطينيون, الفلسطينيات, الفلسطينية.
function forms(people: string, nisba: string): NationalityForms {
  return {
    people,
    peopleAr: `${nisba}ون`,
    feminineAr: `${nisba}ات`,
    collectiveAr: `${nisba}ة`,
  };
}

/** Nationalities: adjectives ("Palestinian refugees") and plural nouns ("3,207 Palestinians"). */
export const NATIONALITIES: PopulationTerm[] = [
  {
    value: 'Palestinian',
    plural: true,
    patterns: ['palestinians', ar('(?:ال)?فلسطيني(?:ين|ون|ا)')],
  },
  {
    value: 'Palestinian',
    plural: false,
    patterns: ['palestinian', 'palestine', ar('(?:ال)?فلسطيني')],
  },
  { value: 'Syrian', plural: true, patterns: ['syrians', ar('(?:ال)?سوري(?:ين|ون)')] },
  { value: 'Syrian', plural: false, patterns: ['syrian', ar('(?:ال)?سوري')] },
  { value: 'Lebanese', plural: false, patterns: ['lebanese', ar('(?:ال)?لبناني')] },
  { value: 'Iraqi', plural: true, patterns: ['iraqis', ar('(?:ال)?عراقي(?:ين|ون)')] },
  { value: 'Iraqi', plural: false, patterns: ['iraqi', ar('(?:ال)?عراقي')] },
  { value: 'Israeli', plural: true, patterns: ['israelis'] },
  { value: 'Israeli', plural: false, patterns: ['israeli', ar('(?:ال)?إسرائيلي')] },
  { value: 'Ukrainian', plural: true, patterns: ['ukrainians'] },
  { value: 'Ukrainian', plural: false, patterns: ['ukrainian', ar('(?:ال)?أوكراني')] },
];

/** How an Arabic adjective agrees with a group: human plurals, feminine ones, or things. */
export type Agreement = 'people' | 'feminine' | 'collective';

export interface GroupTerm extends PopulationTerm {
  /** The group in Arabic, with the article. */
  ar: string;
  /** Which form of a nationality follows it in Arabic. */
  agreement: Agreement;
}

/** Groups of people a figure may be about. */
export const GROUPS: GroupTerm[] = [
  {
    value: 'refugees',
    ar: 'اللاجئون',
    agreement: 'people',
    plural: true,
    patterns: ['refugees', ar('(?:ال)?لاجئ(?:ين|ون|ا)?')],
  },
  {
    value: 'civilians',
    ar: 'المدنيون',
    agreement: 'people',
    plural: true,
    patterns: ['civilians', ar('(?:ال)?مدني(?:ين|ون)'), ar('مدني(?:ا)?')],
  },
  {
    value: 'children',
    ar: 'الأطفال',
    agreement: 'people',
    plural: true,
    patterns: ['children', 'child', 'minors', ar('(?:ال)?أطفال'), ar('طفل(?:ا|ة)?')],
  },
  {
    value: 'women',
    ar: 'النساء',
    agreement: 'feminine',
    plural: true,
    patterns: ['women', ar('(?:ال)?نساء'), ar('امرأة'), ar('(?:ال)?سيدات')],
  },
  {
    value: 'journalists',
    ar: 'الصحفيون',
    agreement: 'people',
    plural: true,
    patterns: ['journalists', ar('(?:ال)?صحفي(?:ين|ون)'), ar('صحفي(?:ا)?'), ar('(?:ال)?صحافيين')],
  },
  {
    value: 'medical workers',
    ar: 'الكوادر الطبية',
    agreement: 'collective',
    plural: true,
    patterns: ['(?:medical|health|healthcare)\\s+workers', ar('(?:ال)?كوادر\\s+الطبية')],
  },
  {
    value: 'aid workers',
    ar: 'عمال الإغاثة',
    agreement: 'people',
    plural: true,
    patterns: ['(?:aid|humanitarian)\\s+workers'],
  },
  // "the Palestinian people", "the Palestinian side", "Syrian citizens": the nationality alone.
  {
    value: '',
    ar: '',
    agreement: 'people',
    plural: true,
    patterns: ['people', 'citizens', 'side', 'nationals', ar('(?:ال)?مواطنين')],
  },
];

// Words that make a phrase an armed actor on its own.
const FORCE_EN =
  '(?:forces|army|military|troops|soldiers|occupation|warplanes|jets|aircraft|airstrikes|air\\s+strikes|strikes|shelling|bombardment|bombing|onslaught|attacks?|police|security\\s+services|prisons|jails|militias?|snipers|fire|war\\s+machine)';

export const PERPETRATORS: PerpetratorEntry[] = [
  {
    value: 'Syrian regime',
    ar: 'النظام السوري',
    patterns: [
      "(?:the\\s+)?(?:syrian|assad(?:'s)?|al-assad(?:'s)?|bashar\\s+al-assad(?:'s)?)\\s+(?:regime|government)(?:\\s+" +
        FORCE_EN +
        ')?',
      "(?:the\\s+)?(?:syrian|assad(?:'s)?)\\s+" + FORCE_EN,
      "(?:the\\s+)?(?:pro-)?regime(?:\\s*'s)?(?:\\s+(?:" +
        FORCE_EN.slice(3, -1) +
        '|loyalists|detention))?',
      '(?:syrian\\s+)?government\\s+forces',
      ar('(?:قوات\\s+)?(?:ال)?نظام(?:\\s+(?:السوري|الأسد|بشار\\s+الأسد))?'),
      ar('(?:قوات|جيش|سجون)\\s+(?:ال)?(?:أسد|نظام)'),
      ar('(?:ال)?جيش\\s+(?:ال)?سوري'),
      ar('(?:ال)?قوات\\s+(?:ال)?حكومية(?:\\s+السورية)?'),
      ar('قوات\\s+الحكومة\\s+السورية'),
    ],
  },
  {
    value: 'Israeli forces',
    ar: 'القوات الإسرائيلية',
    patterns: [
      '(?:the\\s+)?israeli\\s+(?:occupation\\s+)?' + FORCE_EN,
      '(?:the\\s+)?israeli\\s+occupation(?:\\s+army)?',
      '(?:the\\s+)?occupation\\s+(?:forces|army)',
      'idf',
      "israel(?:'s)?\\s+(?:army|military|forces)",
      ar('(?:قوات\\s+)?(?:ال)?احتلال(?:\\s+(?:ال)?إسرائيلي)?'),
      ar('(?:ال)?(?:جيش|قوات|غارات|قصف|طائرات|طيران|سجون)\\s+(?:ال)?إسرائيلي(?:ة)?'),
    ],
    bare: ['israel', ar('إسرائيل')],
  },
  {
    value: 'Israeli settlers',
    ar: 'المستوطنون الإسرائيليون',
    patterns: ['(?:israeli\\s+)?settlers', ar('(?:ال)?مستوطن(?:ين|ون)')],
  },
  {
    value: 'Russian forces',
    ar: 'القوات الروسية',
    patterns: [
      '(?:the\\s+)?russian\\s+' + FORCE_EN,
      "russia(?:'s)?\\s+(?:army|military|forces|airstrikes|warplanes)",
      ar('(?:ال)?(?:قوات|غارات|طيران|طائرات|قصف)\\s+(?:ال)?روسي(?:ة)?'),
    ],
    bare: ['russia', ar('روسيا')],
  },
  {
    value: 'ISIS',
    ar: 'تنظيم الدولة الإسلامية (داعش)',
    patterns: [
      'isis(?:\\s+fighters)?',
      'isil',
      '(?:the\\s+)?islamic\\s+state(?:\\s+group)?',
      'daesh',
      ar('(?:تنظيم\\s+)?داعش'),
      ar('تنظيم\\s+الدولة(?:\\s+الإسلامية)?'),
    ],
  },
  { value: 'Hamas', ar: 'حماس', patterns: [], bare: ['hamas', ar('حماس')] },
];

/** Words before a place that make it where something happened: "in", "across", "في"… */
export const LOCATIVE_BEFORE = new Set(
  [
    'in',
    'inside',
    'across',
    'throughout',
    'within',
    'to',
    'into',
    'from',
    'northern',
    'southern',
    'eastern',
    'western',
    'northwestern',
    'northeastern',
    'southwestern',
    'southeastern',
    'central',
    'occupied',
    'historic',
    'في',
    'داخل',
    'إلى',
    'من',
    'أنحاء',
    'شمال',
    'جنوب',
    'شرق',
    'غرب',
    'وسط',
  ].map(foldWord),
);

/** Words that attribute an act: "killed by", "at the hands of", "على يد", "من قبل", "برصاص". */
export const ATTRIBUTION = [
  'by',
  'hands\\s+of',
  'على\\s+يد',
  'بيد',
  'من\\s+قبل',
  'برصاص',
  'بنيران',
  'بقصف',
  'بغارات',
].map(foldPattern);

/** Verbs of violence right after an actor: "Israel has bombed", "Russia killed". */
export const VIOLENCE_AFTER =
  /^\s+(?:has\s+|have\s+|had\s+)?(?:killed|bombed|shelled|struck|arrested|detained|executed|shot|slaughtered|massacred|displaced|expelled|tortured|besieged|abducted|kidnapped)/u;
