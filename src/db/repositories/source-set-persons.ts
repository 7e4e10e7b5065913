import type { Sql } from '../database.js';

/**
 * The persons whose records come from exactly these sources, in id order: each record sets its
 * source's bit, and a person's bits must be all the sources asked and nothing else. A slug no
 * source has matches nobody. Restricted records count only when `includeRestricted`: otherwise
 * listing a person under a combination would tell that a restricted record names them.
 */
export async function personsRecordedByExactly(
  db: Sql,
  slugs: readonly string[],
  includeRestricted: boolean,
): Promise<number[]> {
  const unique = [...new Set(slugs)];
  const sources = await db.query<{ id: number }>(
    'SELECT id FROM source WHERE slug = ANY($1::text[]) ORDER BY id',
    [unique],
  );
  if (unique.length === 0 || sources.length < unique.length) return [];
  const ids = sources.map((s) => s.id);
  // Source ids go in as a parameter, so no join: one pass over the record table's two columns.
  const rows = await db.query<{ person_id: number }>(
    `SELECT person_id FROM record
     ${includeRestricted ? '' : "WHERE confidentiality <> 'restricted'"}
     GROUP BY person_id
     HAVING bool_and(source_id = ANY($1::int[]))
       AND bit_or(1::bigint << (array_position($1::int[], source_id) - 1)) = $2
     ORDER BY person_id`,
    [ids, 2 ** ids.length - 1],
  );
  return rows.map((r) => r.person_id);
}
