import type { Database } from '../../src/db/database.js';
import { importFile } from '../../src/services/import/import-file.js';
import type { tempDir } from '../helpers/temp-files.js';

/** Persons by combination of lists (a: bit 0, b: bit 1, c: bit 2): 38 persons, 67 records. */
export const histories: Record<number, number> = { 1: 10, 2: 8, 3: 5, 4: 6, 5: 4, 6: 3, 7: 2 };
export const lists = ['a', 'b', 'c'];

/**
 * Three sources' lists imported and linked as linkage would link them (the smallest record id
 * survives); persons alternate between 2014 and 2015.
 */
export async function buildLinkedRegister(
  db: Database,
  files: ReturnType<typeof tempDir>,
): Promise<void> {
  const rows: Record<string, string[]> = { a: [], b: [], c: [] };
  let person = 0;
  for (const [pattern, count] of Object.entries(histories)) {
    for (let i = 0; i < count; i++) {
      person += 1;
      const year = person % 2 === 0 ? 2014 : 2015;
      lists.forEach((list, j) => {
        if (Number(pattern) & (1 << j))
          rows[list]!.push(`${list}${person},P${person},${year},killed,p${person}`);
      });
    }
  }
  for (const list of lists)
    await importFile(db, {
      path: files.file(`${list}.csv`, ['id,name,date,violation,key', ...rows[list]!].join('\n')),
      source: list,
      createSource: { nameEn: list },
      actor: 'test',
    });
  await db.query(
    `UPDATE record r SET person_id = f.first FROM
       (SELECT raw::jsonb->>'key' AS k, min(id) AS first FROM record GROUP BY raw::jsonb->>'key') f
     WHERE r.raw::jsonb->>'key' = f.k`,
  );
  await db.query('DELETE FROM person WHERE id NOT IN (SELECT person_id FROM record)');
}
