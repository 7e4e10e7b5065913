import type { ClaimCategory, ClaimQualifier } from '../../src/core/claims/index.js';

/** A sentence and the figures a careful reader would take from it, in order. */
export interface SentenceCase {
  text: string;
  claims: Array<[number, ClaimQualifier, ClaimCategory]>;
}

/** English news-style sentences, written for these tests. */
export const ENGLISH_CASES: readonly SentenceCase[] = [
  {
    text: 'The Syrian Regime Has Killed At Least 3,207 Palestinians, 497 of them Under Torture, Arresting and Forcibly Disappearing 2,721 More',
    claims: [
      [3207, 'at_least', 'killed'],
      [497, 'exactly', 'died_under_torture'],
      [2721, 'exactly', 'detained_or_disappeared'],
    ],
  },
  {
    text: 'Close to 10,000 have been killed in the onslaught, more than 3760 of whom are children.',
    claims: [
      [10000, 'close_to', 'killed'],
      [3760, 'more_than', 'children_killed'],
    ],
  },
  {
    text: 'Shelling killed 14 people, including 6 children, and wounded at least 30 others in the town.',
    claims: [
      [14, 'exactly', 'killed'],
      [6, 'exactly', 'children_killed'],
      [30, 'at_least', 'injured'],
    ],
  },
  {
    text: 'At least 52 people were killed and 140 injured when the market was struck on 12 June 2016.',
    claims: [
      [52, 'at_least', 'killed'],
      [140, 'exactly', 'injured'],
    ],
  },
  {
    text: 'The group said it had recorded 1,120 deaths in custody, 863 of them under torture.',
    claims: [
      [1120, 'exactly', 'killed'],
      [863, 'exactly', 'died_under_torture'],
    ],
  },
  {
    text: 'Some 45 residents died of starvation during the months-long siege.',
    claims: [[45, 'about', 'died_under_siege']],
  },
  {
    text: 'As many as 2,300 people remain in detention without charge.',
    claims: [[2300, 'up_to', 'detained_or_disappeared']],
  },
  {
    text: 'Nearly 1.2 million people have been displaced since the offensive began in 2019.',
    claims: [[1200000, 'close_to', 'displaced']],
  },
  {
    text: 'About 35 percent of the dead were women.',
    claims: [[35, 'about', 'share']],
  },
  {
    text: 'The district had a population of around 300,000 before the war.',
    claims: [[300000, 'about', 'population']],
  },
  {
    text: 'Ten thousand prisoners were released under the amnesty.',
    claims: [[10000, 'exactly', 'detained_or_disappeared']],
  },
  {
    text: 'Over 600 families were expelled from the village after the offensive.',
    claims: [[600, 'more_than', 'displaced']],
  },
  {
    text: 'Doctors treated more than 250 wounded at the field hospital.',
    claims: [[250, 'more_than', 'injured']],
  },
  {
    text: 'Since 7 October 2023, at least 480 Palestinians have been killed in the West Bank.',
    claims: [[480, 'at_least', 'killed']],
  },
  {
    text: 'For 12 years the camp was under a five-year siege and then a blockade.',
    claims: [],
  },
  {
    text: 'A 14-year-old boy, aged 14, was among those shot on 3 March.',
    claims: [],
  },
  {
    text: 'In 1982 the army entered the city; by 1990 it had left.',
    claims: [],
  },
  {
    text: 'See Resolution 2139, Article 7 and paragraph 12 of the report (2014).',
    claims: [],
  },
  {
    text: 'Call +963 11 234 5678 or write to info@example.org, or see https://example.org/reports/2021/15.',
    claims: [],
  },
  {
    text: 'Thousands of people were detained and hundreds were killed, while dozens remain missing.',
    claims: [],
  },
  {
    text: 'The commission documented the killing of up to 1500 civilians in the camps.',
    claims: [[1500, 'up_to', 'killed']],
  },
  {
    text: 'Three children were killed and two women wounded.',
    claims: [
      [3, 'exactly', 'children_killed'],
      [2, 'exactly', 'injured'],
    ],
  },
  {
    text: 'No fewer than 73 journalists have been abducted since the start of the conflict.',
    claims: [[73, 'at_least', 'detained_or_disappeared']],
  },
  {
    text: 'The death toll rose to 3.207, the ministry said.',
    claims: [[3207, 'exactly', 'killed']],
  },
  {
    text: 'An estimated 6.8 million Syrians are refugees abroad, roughly 25 per cent of the pre-war population.',
    claims: [
      [6800000, 'about', 'displaced'],
      [25, 'about', 'share'],
    ],
  },
  {
    text: 'Between 200 and 300 people were arrested in the raids.',
    claims: [
      [200, 'at_least', 'detained_or_disappeared'],
      [300, 'up_to', 'detained_or_disappeared'],
    ],
  },
  {
    text: 'The bombing destroyed 37 schools and 12 hospitals.',
    claims: [
      [37, 'exactly', 'other'],
      [12, 'exactly', 'other'],
    ],
  },
];

/** Arabic news-style sentences, written for these tests. */
export const ARABIC_CASES: readonly SentenceCase[] = [
  {
    text: 'وثقت الشبكة مقتل ما لا يقل عن ٣٢٠٧ لاجئين فلسطينيين، بينهم ٤٩٧ قضوا تحت التعذيب',
    claims: [
      [3207, 'at_least', 'killed'],
      [497, 'exactly', 'died_under_torture'],
    ],
  },
  {
    text: 'وطالبت المنظمة بالكشف عن مصير المعتقلين بعد اعتقال أكثر من 2,721 شخصاً.',
    claims: [[2721, 'more_than', 'detained_or_disappeared']],
  },
  {
    text: 'وصل إلى المخيمات قرابة 120 ألف نازح خلال أسبوعين.',
    claims: [[120000, 'close_to', 'displaced']],
  },
  {
    text: 'قتل ١٥ مدنياً، بينهم ٥ أطفال، وأصيب ٣٣ آخرون في قصف على السوق.',
    claims: [
      [15, 'exactly', 'killed'],
      [5, 'exactly', 'children_killed'],
      [33, 'exactly', 'injured'],
    ],
  },
  {
    text: 'ارتفعت حصيلة الضحايا إلى ٤٠٤٨ لاجئاً فلسطينياً، منهم ٦١٤ قضوا تحت التعذيب و٢٠٥ بسبب الحصار.',
    claims: [
      [4048, 'exactly', 'killed'],
      [614, 'exactly', 'died_under_torture'],
      [205, 'exactly', 'died_under_siege'],
    ],
  },
  {
    text: 'لا يزال نحو ٩٦ ألف شخص مختفين قسرياً في سجون النظام منذ عام ٢٠١١.',
    claims: [[96000, 'about', 'detained_or_disappeared']],
  },
  {
    text: 'أفادت الأمم المتحدة بأن حوالي ۳۰۰ عائلة هُجّرت من الحي.',
    claims: [[300, 'about', 'displaced']],
  },
  {
    text: 'وبلغت نسبة الأطفال ٤٠٪ من إجمالي القتلى.',
    claims: [[40, 'exactly', 'share']],
  },
  {
    text: 'يعيش في المدينة قرابة ٢ مليون نسمة.',
    claims: [[2000000, 'close_to', 'population']],
  },
  {
    text: 'أسفرت الغارات عن سقوط ٢٧ قتيلاً و٦٤ جريحاً.',
    claims: [
      [27, 'exactly', 'killed'],
      [64, 'exactly', 'injured'],
    ],
  },
  {
    text: 'توفي ما يزيد على ١٨٠ شخصاً جوعاً خلال الحصار.',
    claims: [[180, 'more_than', 'died_under_siege']],
  },
  {
    text: 'وقد استمر الحصار خمس سنوات، ومنذ ٧ أكتوبر قُصفت المدينة لمدة ١٢ يوماً.',
    claims: [],
  },
  {
    text: 'قتل طفل يبلغ من العمر ٦ سنوات في ٣ آب ٢٠٢٣.',
    claims: [],
  },
  {
    text: 'تم اعتقال عشرات الشبان ونزوح آلاف العائلات.',
    claims: [],
  },
  {
    text: 'بحسب القرار رقم ٢٢٥٤ والمادة ٧ من القانون.',
    claims: [],
  },
  {
    text: 'اعتقلت القوات ثلاثة آلاف شخص خلال الحملة.',
    claims: [[3000, 'exactly', 'detained_or_disappeared']],
  },
  {
    text: 'تجاوز عدد اللاجئين السوريين في تركيا ٣٫٥ مليون لاجئ.',
    claims: [[3500000, 'more_than', 'displaced']],
  },
  {
    text: 'أصيب ٣٥ شخصاً على الأقل في الانفجار.',
    claims: [[35, 'at_least', 'injured']],
  },
];
