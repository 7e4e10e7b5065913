import { copyLine } from '../copy-text.js';
import type { Sql } from '../database.js';

/** What linkage reads of one record: identity, current person and the compared fields. */
export interface LinkageRecordRow {
  id: number;
  personId: number;
  source: string;
  sourceRecordId: string | null;
  name: string | null;
  nameLatin: string | null;
  sex: string | null;
  age: number | null;
  birthDateStart: string | null;
  birthDatePrecision: string;
  eventDateStart: string | null;
  eventDatePrecision: string;
  placeGovernorate: string | null;
  placeLocality: string | null;
  /** True when a linkage run has already linked this record. */
  linked: boolean;
}

/**
 * Loads every record in id order, a page at a time (keyset pagination keeps each query short
 * and the rows' memory bounded by the page on the driver side).
 */
export async function loadLinkageRecords(db: Sql, pageSize = 50_000): Promise<LinkageRecordRow[]> {
  const out: LinkageRecordRow[] = [];
  let after = 0;
  for (;;) {
    const rows = await db.query<LinkageRecordRow>(
      `SELECT r.id, r.person_id AS "personId", s.slug AS source,
              r.source_record_id AS "sourceRecordId", r.name, r.name_latin AS "nameLatin",
              r.sex, r.age, r.birth_date_start::text AS "birthDateStart",
              r.birth_date_precision AS "birthDatePrecision",
              r.event_date_start::text AS "eventDateStart",
              r.event_date_precision AS "eventDatePrecision",
              r.place_governorate AS "placeGovernorate", r.place_locality AS "placeLocality",
              (l.record_id IS NOT NULL) AS linked
         FROM record r
         JOIN source s ON s.id = r.source_id
         LEFT JOIN linked_record l ON l.record_id = r.id
        WHERE r.id > $1
        ORDER BY r.id
        LIMIT $2`,
      [after, pageSize],
    );
    for (const row of rows) out.push(row);
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return out;
    after = last.id;
  }
}

/** Number of persons in the register. */
export async function countPersons(db: Sql): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM person');
  return rows[0]?.n ?? 0;
}

/** One record moving from one person to another. */
export interface PersonMove {
  recordId: number;
  fromPerson: number;
  toPerson: number;
}

/**
 * Applies person changes in bulk, inside the caller's transaction: the moves go into a temporary
 * table with COPY, persons that gain records are created, records are re-pointed with one
 * UPDATE … FROM, and persons left without records are deleted.
 */
export async function applyPersonMoves(tx: Sql, moves: readonly PersonMove[]): Promise<void> {
  if (moves.length === 0) return;
  await tx.query(
    `CREATE TEMP TABLE IF NOT EXISTS person_move
       (record_id integer PRIMARY KEY, from_person integer NOT NULL, to_person integer NOT NULL)
       ON COMMIT DROP`,
  );
  await tx.query('TRUNCATE person_move');
  let text = '';
  for (const m of moves) text += copyLine([m.recordId, m.fromPerson, m.toPerson]);
  await tx.copyRows('person_move', ['record_id', 'from_person', 'to_person'], text);
  await tx.query(
    `INSERT INTO person (id)
     SELECT DISTINCT m.to_person FROM person_move m
      WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id = m.to_person)`,
  );
  await tx.query(
    `UPDATE record r SET person_id = m.to_person
       FROM person_move m
      WHERE r.id = m.record_id AND r.person_id = m.from_person`,
  );
  await tx.query(
    `DELETE FROM person p
      USING (SELECT DISTINCT from_person AS id FROM person_move) v
      WHERE p.id = v.id AND NOT EXISTS (SELECT 1 FROM record r WHERE r.person_id = p.id)`,
  );
  await tx.query('TRUNCATE person_move');
}

/** Marks records as linked by a run (COPY; records already marked keep their first run). */
export async function markRecordsLinked(
  tx: Sql,
  recordIds: readonly number[],
  runId: number,
): Promise<void> {
  if (recordIds.length === 0) return;
  let text = '';
  for (const id of recordIds) text += copyLine([id, runId]);
  await tx.copyRows('linked_record', ['record_id', 'run_id'], text);
}

/** Makes records fresh again, so that the next run reconsiders their links. */
export async function unmarkRecordsLinked(tx: Sql, recordIds: readonly number[]): Promise<void> {
  await tx.query('DELETE FROM linked_record WHERE record_id = ANY($1::int[])', [[...recordIds]]);
}

/** The current person of each of the given records (missing records are absent). */
export async function personsOfRecords(
  db: Sql,
  recordIds: readonly number[],
): Promise<Map<number, number>> {
  const rows = await db.query<{ id: number; person_id: number }>(
    'SELECT id, person_id FROM record WHERE id = ANY($1::int[])',
    [[...recordIds]],
  );
  return new Map(rows.map((r) => [r.id, r.person_id]));
}

/** Ids of the records of one person, ascending. */
export async function recordsOfPerson(db: Sql, personId: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    'SELECT id FROM record WHERE person_id = $1 ORDER BY id',
    [personId],
  );
  return rows.map((r) => r.id);
}

/** Which of the given ids are person ids. */
export async function existingPersonIds(db: Sql, ids: readonly number[]): Promise<Set<number>> {
  const rows = await db.query<{ id: number }>('SELECT id FROM person WHERE id = ANY($1::int[])', [
    [...ids],
  ]);
  return new Set(rows.map((r) => r.id));
}
