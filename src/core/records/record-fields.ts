/** The register's controlled vocabularies and the normalised fields of one record. */

export const violationTypes = [
  'killed',
  'died_under_torture',
  'died_under_siege',
  'executed',
  'detained',
  'forcibly_disappeared',
  'injured',
  'displaced',
] as const;
export type ViolationType = (typeof violationTypes)[number];

/** The violations that are deaths (charts of deaths over time count these). */
export const deathViolations: readonly ViolationType[] = [
  'killed',
  'died_under_torture',
  'died_under_siege',
  'executed',
];

export const confidentialityLevels = ['public', 'internal', 'restricted'] as const;
export type Confidentiality = (typeof confidentialityLevels)[number];

export type Sex = 'male' | 'female';
export type AgeCategory = 'child' | 'adult' | 'elderly';
export type DatePrecision = 'day' | 'month' | 'year' | 'range' | 'unknown';

/** A date as a source gives it: a day, a month, a year or a range, each as an inclusive interval. */
export interface DateSpan {
  start: string | null;
  end: string | null;
  precision: DatePrecision;
}

export interface RecordFields {
  sourceRecordId: string | null;
  name: string | null;
  nameLatin: string | null;
  otherNames: string[];
  kunya: string | null;
  sex: Sex | null;
  age: number | null;
  ageCategory: AgeCategory | null;
  birthDate: DateSpan | null;
  eventDate: DateSpan | null;
  placeCountry: string | null;
  placeGovernorate: string | null;
  placeLocality: string | null;
  placeSite: string | null;
  violation: ViolationType | null;
  perpetrator: string | null;
  confidentiality: Confidentiality | null;
  /** Witness, contact and informant details: never in `raw`, only here, shown to allowed roles. */
  restricted: Record<string, string> | null;
  flags: string[];
}
