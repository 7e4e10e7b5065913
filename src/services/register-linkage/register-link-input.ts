import type { LinkInputRecord } from '../../core/linkage/index.js';
import type { LinkageRecordRow } from '../../db/repositories/linkage-records-repository.js';

/**
 * Turns a stored record into the linkage model's input. The model compares exact birth days,
 * so only a day-precision birth date is passed as such; a coarser one gives an age at the event
 * instead, when the record has no age. The governorate is the place compared (sources name
 * localities too inconsistently for equality to mean much). A nine-digit source record id is
 * passed as an identity number: the model validates and weighs it, it never decides alone.
 */
export function toLinkInput(row: LinkageRecordRow): LinkInputRecord {
  const birthDay = row.birthDatePrecision === 'day' ? (row.birthDateStart ?? '') : '';
  let age = row.age === null ? '' : String(row.age);
  if (age === '' && birthDay === '' && row.birthDateStart !== null && row.eventDateStart !== null)
    age = String(
      Math.max(0, Number(row.eventDateStart.slice(0, 4)) - Number(row.birthDateStart.slice(0, 4))),
    );
  const sourceRecordId = (row.sourceRecordId ?? '').trim();
  return {
    source: row.source,
    recordId: String(row.id),
    name: row.name ?? '',
    nameLatin: row.nameLatin ?? '',
    sex: row.sex ?? '',
    age,
    birthDate: birthDay,
    deathDate:
      row.eventDateStart !== null && row.eventDatePrecision !== 'unknown' ? row.eventDateStart : '',
    place: row.placeGovernorate ?? '',
    idNumber: /^[0-9]{9}$/.test(sourceRecordId) ? sourceRecordId : '',
  };
}
