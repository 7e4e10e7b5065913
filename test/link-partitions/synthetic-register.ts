import { stringify } from 'csv-stringify/sync';
import { generateSynthetic, type SynthRow } from '../../src/core/linkage/index.js';
import type { Database, Sql } from '../../src/db/database.js';
import { importFile } from '../../src/services/import/import-file.js';
import type { tempDir } from '../helpers/temp-files.js';

/** A synthetic register of three lists, imported source by source (the same ids every time). */
export async function importSynthetic(
  db: Database,
  files: ReturnType<typeof tempDir>,
  records: number,
  seed: number,
): Promise<void> {
  const rows = generateSynthetic({ records, sources: 3, seed });
  for (const source of ['src1', 'src2', 'src3']) {
    const mine = rows.filter((r) => r.source === source);
    const report = await importFile(db, {
      path: files.file(`${source}-${seed}.csv`, csv(mine)),
      source,
      createSource: {},
      actor: 'test',
    });
    if (report.status !== 'imported') throw new Error(`import of ${source} did not happen`);
  }
}

function csv(rows: readonly SynthRow[]): string {
  return stringify([
    ['record_id', 'name', 'name_latin', 'sex', 'age', 'birth_date', 'death_date'],
    ...rows.map((r) => [r.recordId, r.name, r.nameLatin, r.sex, r.age, r.birthDate, r.deathDate]),
  ]);
}

/** Each record's person, keyed by source and the source's record id. */
export async function personsByRecord(db: Sql): Promise<Map<string, number>> {
  const rows = await db.query<{ key: string; person: number }>(
    `SELECT s.slug || ':' || coalesce(r.source_record_id, '') AS key, r.person_id AS person
       FROM record r JOIN source s ON s.id = r.source_id`,
  );
  return new Map(rows.map((r) => [r.key, r.person]));
}

/**
 * The persons as sets of records (each set's keys sorted, the sets sorted): equal for two
 * registers whose runs grouped the records alike, whatever the ids.
 */
export function groupsOf(persons: Map<string, number>): string[] {
  const groups = new Map<number, string[]>();
  for (const [key, person] of persons) {
    const g = groups.get(person) ?? [];
    g.push(key);
    groups.set(person, g);
  }
  return [...groups.values()].map((g) => g.sort().join(' ')).sort();
}

/** The open review queue, keyed by source record ids, for comparing two registers. */
export async function reviewQueue(db: Sql): Promise<string[]> {
  const rows = await db.query<{ line: string }>(
    `SELECT sa.slug || ':' || ra.source_record_id || ' ' || sb.slug || ':' || rb.source_record_id
            || ' ' || q.probability::text || ' ' || q.priority::text AS line
       FROM match_candidate q
       JOIN record ra ON ra.id = q.record_a JOIN source sa ON sa.id = ra.source_id
       JOIN record rb ON rb.id = q.record_b JOIN source sb ON sb.id = rb.source_id
      WHERE q.status = 'open'`,
  );
  return rows.map((r) => r.line).sort();
}
