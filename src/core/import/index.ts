// Pure value parsing for imported casualty lists: no I/O, no database.
export { ok, fail, type ParseResult } from './parse-result.js';
export { parseInteger, stripInvisibles, toAsciiDigits } from './digits.js';
export {
  daysInMonth,
  isoDate,
  MIN_YEAR,
  parseDate,
  type DateOrder,
  type FuzzyDate,
} from './parse-date.js';
export {
  MAX_AGE,
  normaliseForMatching,
  parseAge,
  parseAgeCategory,
  parseConfidentiality,
  parseSex,
  parseViolation,
  type AgeCategory,
  type Confidentiality,
  type Sex,
  type Violation,
} from './field-values.js';
export {
  createDecoder,
  detectEncoding,
  TextDecodeError,
  type DetectedEncoding,
  type EncodingEvidence,
  type StreamDecoder,
  type TextEncodingName,
} from './encoding.js';
