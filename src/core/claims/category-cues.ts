import { wordForms } from './arabic-affixes.js';
import { foldWord } from './mapped-text.js';

/** An event a figure can count. */
export type EventKind = 'killed' | 'detained' | 'injured' | 'displaced' | 'population';

/** A word that narrows a count of deaths: who died, or how. */
export type ModifierKind = 'children' | 'torture' | 'siege';

/** What a single word says about the figure near it. */
export interface Cue {
  kind: EventKind | ModifierKind;
  /** Weak cues (victims, casualties, missing, live) lose to any strong one nearby. */
  weak: boolean;
  /** The word began with the conjunction و/ف, so it opens a new clause. */
  afterConjunction: boolean;
}

interface CueRule {
  kind: Cue['kind'];
  weak?: boolean;
  /** English: the whole lower-case word must match. */
  english?: RegExp;
  /** Arabic: a bare form (see wordForms) equal to one of these... */
  arabicExact?: readonly string[];
  /** ...or starting with one of these (only stems long enough not to catch other words). */
  arabicStems?: readonly string[];
}

const RULES: readonly CueRule[] = [
  {
    kind: 'killed',
    english:
      /^(?:kill(?:ed|ing|s)?|dead|deaths?|died|dies?|dying|fatalit(?:y|ies)|tolls?|murder(?:ed|s|ing)?|massacr(?:e|ed|es|ing)|slaughter(?:ed|ing)?|executed|executions?|slain|martyr(?:s|ed|dom)?|perish(?:ed|ing)?|lives|bodies|corpses)$/,
    arabicExact: [
      'قتل',
      'قتلي',
      'قتلت',
      'قتلوا',
      'قتلهم',
      'قتيل',
      'قتيلا',
      'قتيله',
      'مات',
      'ماتوا',
      'موت',
      'الموت',
      'قضي',
      'قضوا',
      'لقي',
      'لقوا',
      'حتفهم',
      'حتفه',
      'جثث',
      'جثه',
      'شهدا',
      'اعدم',
      'اعدام',
      'اعدموا',
    ],
    arabicStems: [
      'مقتل',
      'استشهاد',
      'استشهد',
      'شهيد',
      'ضحايا',
      'ضحيه',
      'وفاه',
      'وفيات',
      'توفي',
      'توفوا',
      'مصرع',
      'جثامين',
      'حصيله',
      'اغتيال',
      'اعدامات',
      'قتلاهم',
    ],
  },
  {
    kind: 'killed',
    weak: true,
    english: /^(?:victims?|casualt(?:y|ies))$/,
  },
  {
    kind: 'detained',
    english:
      /^(?:arrest(?:ed|s|ing)?|detain(?:ed|ing|s)?|detentions?|imprison(?:ed|ment)?|jailed|incarcerated|custody|abduct(?:ed|ion|ions|ing)?|kidnap(?:ped|ping|pings|s)?|disappeared|disappearances?)$/,
    arabicExact: ['خطف', 'خطفوا', 'اعتقل', 'احتجز'],
    arabicStems: [
      'اعتقال',
      'اعتقلت',
      'اعتقلوا',
      'احتجاز',
      'احتجزت',
      'مختف',
      'اختفا',
      'مخفي',
      'مغيب',
      'تغييب',
      'اخفا',
      'اختطاف',
      'اختطفت',
      'مسجون',
    ],
  },
  {
    // Who a figure counts rather than what happened to them: "refugees killed" are killed.
    kind: 'detained',
    weak: true,
    english: /^(?:missing|prisons?|jails?|prisoners?|detainees?|hostages?|captives?)$/,
    arabicExact: ['اسري', 'اسير', 'اسيرا', 'سجين', 'سجنا', 'سجينا', 'رهاين', 'معتقل'],
    arabicStems: ['سجون', 'معتقلين', 'معتقلا', 'معتقلون', 'محتجز', 'مخطوف', 'مختطف', 'مفقود'],
  },
  {
    kind: 'injured',
    english: /^(?:injur(?:ed|ies|y|ing)|wound(?:ed|ing|s)?|hurt|maimed|amputees?)$/,
    arabicExact: [
      'جرحي',
      'جرح',
      'جرحا',
      'جروح',
      'جراح',
      'اصيب',
      'اصيبوا',
      'اصيبت',
      'مصاب',
      'مصابا',
    ],
    arabicStems: ['اصابه', 'اصابات', 'مصابين', 'مصابون', 'جريح'],
  },
  {
    kind: 'displaced',
    english:
      /^(?:displac(?:ed|ement|ing|es)|expel(?:led|ling|s)?|expulsions?|fled|flee(?:ing|s)?|uprooted|evacuated|deport(?:ed|ation|ations|ing)?|exiled|exodus)$/,
    arabicExact: [
      'فر',
      'فروا',
      'فرار',
      'هرب',
      'هربوا',
      'طرد',
      'هجر',
      'هجرت',
      'هجروا',
      'لجوء',
      'لجو',
      'نزحت',
    ],
    arabicStems: ['نزح', 'نزوح', 'تهجير', 'ترحيل', 'تشريد', 'طردوا', 'طردت'],
  },
  {
    kind: 'displaced',
    weak: true,
    english: /^(?:refugees?|homeless|idps?|asylum|evacuees)$/,
    arabicStems: ['نازح', 'مهجر', 'لاجي', 'مشرد'],
  },
  {
    kind: 'population',
    weak: true,
    english:
      /^(?:population|populations|inhabitants|residents?|live|living|lived|reside[sd]?|residing|housed|hosts|hosted|hosting|home|community|communities|census)$/,
    arabicExact: ['سكان', 'نسمه', 'تعداد', 'جاليه'],
    arabicStems: ['يقطن', 'يعيش', 'يقيم', 'مقيم', 'يسكن', 'قاطن'],
  },
  {
    kind: 'children',
    english: /^(?:child|children|kids|minors|boys|girls|infants|babies|toddlers|juveniles)$/,
    arabicExact: ['طفل', 'طفلا', 'طفله', 'رضع', 'رضيع', 'قاصر', 'قاصرين', 'قصر'],
    arabicStems: ['اطفال', 'طفلين', 'قاصرات'],
  },
  {
    kind: 'torture',
    english: /^tortur(?:e|ed|ing)$/,
    arabicExact: ['عذب', 'عذبوا'],
    arabicStems: ['تعذيب'],
  },
  {
    kind: 'siege',
    english: /^(?:siege|sieges|starv(?:e|ed|ing|ation)|hunger|famine|malnutrition|blockade)$/,
    arabicExact: ['جوع', 'جوعا'],
    arabicStems: ['حصار', 'محاصر', 'تجويع', 'مجاعه'],
  },
];

interface CompiledRule extends CueRule {
  exact: ReadonlySet<string>;
  stems: readonly string[];
}

const COMPILED: readonly CompiledRule[] = RULES.map((rule) => ({
  ...rule,
  exact: new Set((rule.arabicExact ?? []).map(foldWord)),
  stems: (rule.arabicStems ?? []).map(foldWord),
}));

/** The cue a folded word carries, if any. */
export function cueOf(word: string): Cue | null {
  for (const rule of COMPILED) {
    if (rule.english?.test(word)) {
      return { kind: rule.kind, weak: rule.weak ?? false, afterConjunction: false };
    }
  }
  for (const { form, afterConjunction } of wordForms(word)) {
    for (const rule of COMPILED) {
      if (rule.exact.has(form) || rule.stems.some((stem) => form.startsWith(stem))) {
        return { kind: rule.kind, weak: rule.weak ?? false, afterConjunction };
      }
    }
  }
  return null;
}

/** True for the modifier kinds (children, torture, siege). */
export function isModifier(kind: Cue['kind']): kind is ModifierKind {
  return kind === 'children' || kind === 'torture' || kind === 'siege';
}
