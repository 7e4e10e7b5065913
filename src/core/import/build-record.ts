import type { DateSpan, RecordFields } from '../records/record-fields.js';
import { createCells } from './cells.js';
import {
  fieldForHeader,
  mappableFields,
  type ColumnMapping,
  type MappableField,
} from './column-mapping.js';
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

  // Per row, values and the columns they came from sit in arrays indexed by field, reused from
  // row to row, and each column's field is looked up once: a million-row import builds fewer
  // objects, and the collector has less to do.
  const slotOf = new Map(mappableFields.map((field, slot) => [field, slot]));
  const values: (string | undefined)[] = new Array<string | undefined>(mappableFields.length);
  const sources: (string | null)[] = new Array<string | null>(mappableFields.length);
  const fieldOfColumn = new Map<string, MappableField | null>();
  const fieldOf = (column: string): MappableField | null => {
    let field = fieldOfColumn.get(column);
    if (field === undefined) {
      // JSON items may carry keys the first item lacked: map those by their spelling too.
      field = Object.hasOwn(mapping, column) ? (mapping[column] ?? null) : fieldForHeader(column);
      if (fieldOfColumn.size < 10_000) fieldOfColumn.set(column, field);
    }
    return field;
  };
  const value = (field: MappableField) => values[slotOf.get(field)!];
  const column = (field: MappableField) => sources[slotOf.get(field)!] ?? null;

  let problems: CellProblem[] = [];
  let warnings: CellProblem[] = [];
  let flags: string[] = [];

  function parsed<T>(
    field: keyof typeof parsers,
    parse: (text: string) => ParseResult<T>,
  ): T | null {
    const text = value(field);
    if (text === undefined || text.trim() === '') return null;
    const result = parse(text);
    if (result.ok) return result.value;
    problems.push({
      column: column(field),
      field,
      value: text,
      reason: result.reason,
      ...(result.code === undefined ? {} : { code: result.code, params: result.params ?? {} }),
    });
    return null;
  }

  function date(field: 'birth_date' | 'event_date'): DateSpan | null {
    const parsedDate: FuzzyDate | null = parsed(field, parsers[field]);
    if (!parsedDate) return null;
    if (parsedDate.ambiguous) {
      flags.push(`${field}_ambiguous`);
      warnings.push({
        column: column(field),
        field,
        value: value(field) ?? '',
        reason: `could be day-month or month-day; read as ${dateOrder === 'dmy' ? 'day/month' : 'month/day'} (${parsedDate.start}); give --date-order if that is wrong`,
        code: 'ambiguous_date',
        params: { order: dateOrder, read: parsedDate.start ?? '' },
      });
    }
    return { start: parsedDate.start, end: parsedDate.end, precision: parsedDate.precision };
  }

  return (cells) => {
    problems = [];
    warnings = [];
    flags = [];
    values.fill(undefined);
    sources.fill(null);
    const raw = createCells();
    let restricted: Record<string, string> | null = null;

    for (const columnName in cells) {
      const text = cells[columnName]!;
      const field = fieldOf(columnName);
      if (!isStorableText(text)) {
        problems.push({
          column: columnName,
          field,
          value: text.toWellFormed().replace(/\0/g, '\uFFFD'),
          reason: unstorableReason,
          code: 'unstorable_text',
          params: {},
        });
        continue;
      }
      if (field === 'restricted') {
        if (text.trim() !== '') (restricted ??= createCells())[columnName] = text;
        continue;
      }
      raw[columnName] = text;
      if (field !== null && text.trim() !== '') {
        const slot = slotOf.get(field)!;
        const codes = valueMaps[field];
        const code = text.trim();
        // Own keys only: a cell reading "constructor" is not a code of the map.
        values[slot] = codes && Object.hasOwn(codes, code) ? codes[code]! : text;
        sources[slot] = columnName;
      }
    }
    for (const [field, text] of defaultEntries) {
      const slot = slotOf.get(field)!;
      if (values[slot] === undefined) {
        values[slot] = text;
        sources[slot] = null;
      }
    }

    const otherNames = value('other_names');
    const fields: RecordFields = {
      sourceRecordId: cleanText(value('record_id')),
      name: cleanName(value('name')),
      nameLatin: cleanName(value('name_latin')),
      otherNames: otherNames
        ? otherNames
            .split(listSeparator)
            .map(cleanName)
            .filter((n): n is string => n !== null)
        : [],
      kunya: cleanName(value('kunya')),
      sex: parsed('sex', parsers.sex),
      age: parsed('age', parsers.age),
      ageCategory: parsed('age_category', parsers.age_category),
      birthDate: date('birth_date'),
      eventDate: date('event_date'),
      placeCountry: cleanText(value('place_country')),
      placeGovernorate: cleanText(value('place_governorate')),
      placeLocality: cleanText(value('place_locality')),
      placeSite: cleanText(value('place_site')),
      violation: parsed('violation', parsers.violation),
      perpetrator: cleanText(value('perpetrator')),
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
