/**
 * Which column of a user's file feeds which field of a record. Columns are matched by header name
 * (English and Arabic aliases), overridden by `--map col=field` flags or a mapping file.
 */

import { foldArabic } from '../text/arabic-folding.js';

export const mappableFields = [
  'record_id',
  'name',
  'name_latin',
  'other_names',
  'kunya',
  'sex',
  'age',
  'age_category',
  'birth_date',
  'event_date',
  'place_country',
  'place_governorate',
  'place_locality',
  'place_site',
  'violation',
  'perpetrator',
  'confidentiality',
  'restricted',
] as const;
export type MappableField = (typeof mappableFields)[number];

/** Header spellings seen in real lists, compared after `headerKey` normalisation. */
const aliases: Record<MappableField, string[]> = {
  record_id: [
    'record_id',
    'id',
    'source_id',
    'identifier',
    'ref',
    'reference',
    'رقم',
    'الرقم',
    'الرقم التسلسلي',
    'المعرف',
  ],
  name: [
    'name',
    'full_name',
    'name_ar',
    'arabic_name',
    'الاسم',
    'الاسم الكامل',
    'الاسم الرباعي',
    'الاسم الثلاثي',
    'اسم',
  ],
  name_latin: [
    'name_latin',
    'en_name',
    'name_en',
    'english_name',
    'latin_name',
    'name_english',
    'الاسم بالانجليزيه',
    'الاسم بالانكليزيه',
  ],
  other_names: [
    'other_names',
    'alias',
    'aliases',
    'also_known_as',
    'aka',
    'اسماء اخرى',
    'الاسماء الاخرى',
  ],
  kunya: ['kunya', 'الكنيه', 'اللقب'],
  sex: ['sex', 'gender', 'الجنس', 'الجنس ذكر انثى'],
  age: ['age', 'age_years', 'العمر', 'السن'],
  age_category: ['age_category', 'age_group', 'الفئه العمريه'],
  birth_date: [
    'birth_date',
    'dob',
    'date_of_birth',
    'birthdate',
    'born',
    'تاريخ الميلاد',
    'تاريخ الولاده',
  ],
  event_date: [
    'event_date',
    'date',
    'death_date',
    'date_of_death',
    'incident_date',
    'date_of_incident',
    'date_of_arrest',
    'arrest_date',
    'تاريخ الوفاه',
    'تاريخ الاستشهاد',
    'تاريخ الحادثه',
    'تاريخ الاعتقال',
    'تاريخ الانتهاك',
    'التاريخ',
  ],
  place_country: ['place_country', 'country', 'البلد', 'الدوله'],
  place_governorate: ['place_governorate', 'governorate', 'province', 'المحافظه'],
  place_locality: [
    'place_locality',
    'locality',
    'city',
    'town',
    'village',
    'area',
    'المدينه',
    'المنطقه',
    'البلده',
    'القريه',
  ],
  place_site: ['place_site', 'site', 'camp', 'المخيم', 'الموقع'],
  violation: ['violation', 'violation_type', 'type_of_violation', 'الانتهاك', 'نوع الانتهاك'],
  perpetrator: [
    'perpetrator',
    'perpetrator_attributed',
    'الجهه الفاعله',
    'الجهه المسؤوله',
    'الفاعل',
    'مرتكب الانتهاك',
  ],
  confidentiality: ['confidentiality', 'السريه'],
  restricted: [
    'witness',
    'witness_name',
    'witness_contact',
    'contact',
    'phone',
    'informant',
    'detention_place',
    'الشاهد',
    'اسم الشاهد',
    'الهاتف',
    'رقم الهاتف',
    'مكان الاحتجاز',
    'المخبر',
  ],
};

/** Header comparison key: case, spacing, punctuation and Arabic letter variants do not matter. */
export function headerKey(header: string): string {
  return foldArabic(header.normalize('NFC').toLowerCase())
    .replace(/[\s\-./()]+/g, ' ')
    .trim()
    .replace(/ (?=[a-z0-9])|(?<=[a-z0-9]) /g, '_');
}

const aliasIndex = new Map<string, MappableField>();
for (const field of mappableFields) {
  for (const alias of aliases[field]) aliasIndex.set(headerKey(alias), field);
}

/** The field a header names by one of its known spellings, or null. */
export function fieldForHeader(header: string): MappableField | null {
  return aliasIndex.get(headerKey(header)) ?? null;
}

export function isMappableField(value: string): value is MappableField {
  return (mappableFields as readonly string[]).includes(value);
}

/** Column header → field, or null for a column kept verbatim in `raw` only. */
export type ColumnMapping = Record<string, MappableField | null>;

export interface MappingResolution {
  mapping: ColumnMapping;
  /** Problems that stop the import before any row is read. */
  errors: string[];
}

/**
 * Maps each header to a field: an explicit choice wins, then an alias. A field fed by two columns is
 * an error (which one is right is the user's call), except `restricted`, which collects many columns.
 */
export function resolveMapping(
  headers: readonly string[],
  explicit: ColumnMapping = {},
): MappingResolution {
  const errors: string[] = [];
  const explicitByKey = new Map<string, MappableField | null>();
  for (const [column, field] of Object.entries(explicit)) {
    const header =
      headers.find((h) => h === column) ?? headers.find((h) => headerKey(h) === headerKey(column));
    if (header === undefined) {
      errors.push(
        `mapping names column "${column}", which the file does not have (columns: ${headers.join(', ')})`,
      );
      continue;
    }
    explicitByKey.set(header, field);
  }
  const mapping: ColumnMapping = {};
  const used = new Map<MappableField, string>();
  for (const header of headers) {
    const field = explicitByKey.has(header)
      ? (explicitByKey.get(header) ?? null)
      : fieldForHeader(header);
    mapping[header] = field;
    if (field === null || field === 'restricted') continue;
    const previous = used.get(field);
    if (previous !== undefined) {
      errors.push(
        `columns "${previous}" and "${header}" both map to ${field}; map one of them to another field or to nothing with --map "${header}="`,
      );
    }
    used.set(field, header);
  }
  return { mapping, errors };
}
