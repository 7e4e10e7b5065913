import type { DateSpan, RecordFields } from '../records/record-fields.js';
import type { ColumnMapping, MappableField } from './column-mapping.js';
import { parseDate, type DateOrder } from './parse-date.js';
import {
  parseAge,
  parseAgeCategory,
  parseConfidentiality,
  parseSex,
  parseViolation,
} from './field-values.js';
import type { ParseResult } from './parse-result.js';

/** What is wrong with one cell: enough for a person to find it and fix it. */
export interface CellProblem {
  column: string | null;
  field: MappableField | null;
  value: string;
  reason: string;
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

function cleanName(text: string): string | null {
  const value = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return value === '' ? null : value;
}

function cleanText(text: string): string | null {
  const value = text.trim();
  return value === '' ? null : value;
}

/** Turns one row of verbatim cells into normalised record fields, listing every problem found. */
export function buildRecord(
  cells: Record<string, string>,
  options: RecordBuildOptions,
): BuiltRecord {
  const { mapping, defaults = {}, valueMaps = {}, dateOrder = 'dmy', today = new Date() } = options;
  const problems: CellProblem[] = [];
  const warnings: CellProblem[] = [];
  const raw: Record<string, string> = {};
  const restricted: Record<string, string> = {};
  const values = new Map<MappableField, { column: string | null; value: string }>();

  for (const [column, value] of Object.entries(cells)) {
    const field = mapping[column] ?? null;
    if (!isStorableText(value)) {
      problems.push({
        column,
        field,
        value: value.toWellFormed().replace(/\0/g, '\uFFFD'),
        reason: unstorableReason,
      });
      continue;
    }
    if (field === 'restricted') {
      if (value.trim() !== '') restricted[column] = value;
      continue;
    }
    raw[column] = value;
    if (field !== null && value.trim() !== '') values.set(field, { column, value });
  }
  for (const [field, value] of Object.entries(defaults) as [MappableField, string][]) {
    if (!values.has(field) && value.trim() !== '') values.set(field, { column: null, value });
  }

  function get(field: MappableField): { column: string | null; value: string } | undefined {
    const entry = values.get(field);
    if (!entry) return undefined;
    const mapped = valueMaps[field]?.[entry.value.trim()];
    return mapped === undefined ? entry : { column: entry.column, value: mapped };
  }

  function parsed<T>(field: MappableField, parse: (text: string) => ParseResult<T>): T | null {
    const entry = get(field);
    if (!entry) return null;
    const result = parse(entry.value);
    if (result.ok) return result.value;
    problems.push({ column: entry.column, field, value: entry.value, reason: result.reason });
    return null;
  }

  function date(field: 'birth_date' | 'event_date', flags: string[]): DateSpan | null {
    const value = parsed(field, (text) => parseDate(text, dateOrder, today));
    if (!value) return null;
    if (value.ambiguous) {
      const entry = get(field);
      flags.push(`${field}_ambiguous`);
      warnings.push({
        column: entry?.column ?? null,
        field,
        value: entry?.value ?? '',
        reason: `could be day-month or month-day; read as ${dateOrder === 'dmy' ? 'day/month' : 'month/day'} (${value.start}); give --date-order if that is wrong`,
      });
    }
    return { start: value.start, end: value.end, precision: value.precision };
  }

  const text = (field: MappableField) => cleanText(get(field)?.value ?? '');
  const flags: string[] = [];
  const fields: RecordFields = {
    sourceRecordId: text('record_id'),
    name: cleanName(get('name')?.value ?? ''),
    nameLatin: cleanName(get('name_latin')?.value ?? ''),
    otherNames: (get('other_names')?.value ?? '')
      .split(listSeparator)
      .map(cleanName)
      .filter((n): n is string => n !== null),
    kunya: cleanName(get('kunya')?.value ?? ''),
    sex: parsed('sex', parseSex),
    age: parsed('age', parseAge),
    ageCategory: parsed('age_category', parseAgeCategory),
    birthDate: date('birth_date', flags),
    eventDate: date('event_date', flags),
    placeCountry: text('place_country'),
    placeGovernorate: text('place_governorate'),
    placeLocality: text('place_locality'),
    placeSite: text('place_site'),
    violation: parsed('violation', parseViolation),
    perpetrator: text('perpetrator'),
    confidentiality: parsed('confidentiality', parseConfidentiality),
    restricted: Object.keys(restricted).length > 0 ? restricted : null,
    flags,
  };

  if (!fields.name && !fields.nameLatin && !fields.kunya && fields.otherNames.length === 0) {
    const columns = Object.entries(mapping)
      .filter(([, f]) => f === 'name' || f === 'name_latin' || f === 'other_names' || f === 'kunya')
      .map(([c]) => c);
    problems.push({
      column: columns[0] ?? null,
      field: 'name',
      value: '',
      reason:
        columns.length === 0
          ? 'no column holds a name; map one with --map COLUMN=name'
          : `no name in ${columns.map((c) => `"${c}"`).join(' or ')}: a record must name the person`,
    });
  }
  return { fields, raw, problems, warnings };
}
