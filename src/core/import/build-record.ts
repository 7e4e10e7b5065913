import type { DateSpan, RecordFields } from '../records/record-fields.js';
import { fieldForHeader, type ColumnMapping, type MappableField } from './column-mapping.js';
import { parseDate, type DateOrder, type FuzzyDate } from './parse-date.js';
import {
  parseAge,
  parseAgeCategory,
  parseConfidentiality,
  parseSex,
  parseViolation,
} from './field-values.js';
import type { ParseResult, ProblemCode, ProblemParams } from './parse-result.js';

/** What is wrong with one cell: enough for a person to find it and fix it. */
export interface CellProblem {
  column: string | null;
  field: MappableField | null;
  value: string;
  /** In English. */
  reason: string;
  /** The same reason for the workspace to put in the reader's language, when it has one. */
  code?: ProblemCode;
  params?: ProblemParams;
}

export interface RecordBuildOptions {
  mapping: ColumnMapping;
  /** Values for fields a row leaves empty or the file lacks (`--default violation=killed`). */
  defaults?: Partial<Record<MappableField, string>>;
  /** Source-specific codes (`{"sex": {"1": "male"}}`), applied before parsing. */
  valueMaps?: Partial<Record<MappableField, Record<string, string>>>;
  dateOrder?: DateOrder;
  today?: Date;
}

export interface BuiltRecord {
  fields: RecordFields;
  /** The row verbatim, less the columns that hold restricted details. */
  raw: Record<string, string>;
  problems: CellProblem[];
  warnings: CellProblem[];
}

const unstorableReason =
  'holds a NUL byte or a broken character, which usually means the file was read in the wrong encoding; re-save it as UTF-8 or give --encoding';

/** PostgreSQL text cannot hold NUL, nor JSON an unpaired surrogate. */
export function isStorableText(value: string): boolean {
  return !value.includes('\0') && value.isWellFormed();
}

const listSeparator = /\s*[;|؛،]\s*/;

// Only text with combining marks can change under NFC; testing first spares most names the cost.
const mayNeedComposition = /[\u0300-\u036F\u0653-\u0655\u1100-\u11FF]/;
const untidySpace = /\s\s|^\s|\s$|[\t\n\r\v\f\u00a0\u2000-\u200b\u3000]/;

/** A name as written, in composed Unicode with single spaces. */
function cleanName(text: string | undefined): string | null {
  if (text === undefined) return null;
  let value = mayNeedComposition.test(text) ? text.normalize('NFC') : text;
  if (untidySpace.test(value)) value = value.replace(/\s+/g, ' ').trim();
  return value === '' ? null : value;
}

function cleanText(text: string | undefined): string | null {
  const value = text?.trim();
  return value ? value : null;
}

/**
 * Remembers parse results: a list's sex, age and date columns repeat a few thousand distinct
 * values over a million rows, so each is parsed once. Bounded, so a column of unique values
 * cannot grow it without end.
 */
function memo<T>(
  parse: (text: string) => ParseResult<T>,
  limit = 20_000,
): (text: string) => ParseResult<T> {
  const cache = new Map<string, ParseResult<T>>();
  return (text) => {
    let result = cache.get(text);
    if (result === undefined) {
      result = parse(text);
      if (cache.size >= limit) cache.clear();
      cache.set(text, result);
    }
    return result;
  };
}

const nameFields = new Set<MappableField>(['name', 'name_latin', 'other_names', 'kunya']);

/**
 * Prepares a converter from rows of verbatim cells to normalised record fields for one file;
 * each call lists every problem found in its row.
 */
export function createRecordBuilder(
  options: RecordBuildOptions,
): (cells: Record<string, string>) => BuiltRecord {
  const { mapping, defaults = {}, valueMaps = {}, dateOrder = 'dmy', today = new Date() } = options;
  const parsers = {
    sex: memo(parseSex),
    age: memo(parseAge),
    age_category: memo(parseAgeCategory),
    violation: memo(parseViolation),
    confidentiality: memo(parseConfidentiality),
    birth_date: memo((text) => parseDate(text, dateOrder, today)),
    event_date: memo((text) => parseDate(text, dateOrder, today)),
  };
  const defaultEntries = (Object.entries(defaults) as [MappableField, string][]).filter(
    ([, v]) => v.trim() !== '',
  );
  const nameColumns = Object.entries(mapping)
    .filter(([, f]) => f !== null && nameFields.has(f))
    .map(([c]) => c);
  const noNameReason =
    nameColumns.length === 0
      ? 'no column holds a name; map one with --map COLUMN=name'
      : `no name in ${nameColumns.map((c) => `"${c}"`).join(' or ')}: a record must name the person`;

  return (cells) => {
    const problems: CellProblem[] = [];
    const warnings: CellProblem[] = [];
    const raw: Record<string, string> = {};
    let restricted: Record<string, string> | null = null;
    const values: Partial<Record<MappableField, string>> = {};
    const columns: Partial<Record<MappableField, string | null>> = {};

    for (const column in cells) {
      const value = cells[column]!;
      // JSON items may carry keys the first item lacked: map those by their spelling too.
      const field = Object.hasOwn(mapping, column)
        ? (mapping[column] ?? null)
        : fieldForHeader(column);
      if (!isStorableText(value)) {
        problems.push({
          column,
          field,
          value: value.toWellFormed().replace(/\0/g, '\uFFFD'),
          reason: unstorableReason,
          code: 'unstorable_text',
          params: {},
        });
        continue;
      }
      if (field === 'restricted') {
        if (value.trim() !== '') (restricted ??= {})[column] = value;
        continue;
      }
      raw[column] = value;
      if (field !== null && value.trim() !== '') {
        const mapped = valueMaps[field]?.[value.trim()];
        values[field] = mapped ?? value;
        columns[field] = column;
      }
    }
    for (const [field, value] of defaultEntries) {
      if (values[field] === undefined) {
        values[field] = value;
        columns[field] = null;
      }
    }

    function parsed<T>(
      field: keyof typeof parsers,
      parse: (text: string) => ParseResult<T>,
    ): T | null {
      const value = values[field];
      if (value === undefined || value.trim() === '') return null;
      const result = parse(value);
      if (result.ok) return result.value;
      problems.push({
        column: columns[field] ?? null,
        field,
        value,
        reason: result.reason,
        ...(result.code === undefined ? {} : { code: result.code, params: result.params ?? {} }),
      });
      return null;
    }

    const flags: string[] = [];
    function date(field: 'birth_date' | 'event_date'): DateSpan | null {
      const value: FuzzyDate | null = parsed(field, parsers[field]);
      if (!value) return null;
      if (value.ambiguous) {
        flags.push(`${field}_ambiguous`);
        warnings.push({
          column: columns[field] ?? null,
          field,
          value: values[field] ?? '',
          reason: `could be day-month or month-day; read as ${dateOrder === 'dmy' ? 'day/month' : 'month/day'} (${value.start}); give --date-order if that is wrong`,
          code: 'ambiguous_date',
          params: { order: dateOrder, read: value.start ?? '' },
        });
      }
      return { start: value.start, end: value.end, precision: value.precision };
    }

    const fields: RecordFields = {
      sourceRecordId: cleanText(values.record_id),
      name: cleanName(values.name),
      nameLatin: cleanName(values.name_latin),
      otherNames: values.other_names
        ? values.other_names
            .split(listSeparator)
            .map(cleanName)
            .filter((n): n is string => n !== null)
        : [],
      kunya: cleanName(values.kunya),
      sex: parsed('sex', parsers.sex),
      age: parsed('age', parsers.age),
      ageCategory: parsed('age_category', parsers.age_category),
      birthDate: date('birth_date'),
      eventDate: date('event_date'),
      placeCountry: cleanText(values.place_country),
      placeGovernorate: cleanText(values.place_governorate),
      placeLocality: cleanText(values.place_locality),
      placeSite: cleanText(values.place_site),
      violation: parsed('violation', parsers.violation),
      perpetrator: cleanText(values.perpetrator),
      confidentiality: parsed('confidentiality', parsers.confidentiality),
      restricted,
      flags,
    };

    if (!fields.name && !fields.nameLatin && !fields.kunya && fields.otherNames.length === 0) {
      problems.push({
        column: nameColumns[0] ?? null,
        field: 'name',
        value: '',
        reason: noNameReason,
        code: 'no_name',
        params: { columns: nameColumns.join(', ') },
      });
    }
    return { fields, raw, problems, warnings };
  };
}

/** Builds one record; for many rows of one file, `createRecordBuilder` is faster. */
export function buildRecord(
  cells: Record<string, string>,
  options: RecordBuildOptions,
): BuiltRecord {
  return createRecordBuilder(options)(cells);
}
