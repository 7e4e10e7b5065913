import type { Sql } from '../database.js';

/** Where a batch of records came from, and how its columns were read. */
export interface BatchProvenance {
  id: number;
  fileName: string;
  fileFormat: string;
  importedAt: string;
  /** Column header → field it fed (null: kept verbatim only), as the import resolved it. */
  columns: Record<string, string | null>;
  /** Field → value the import gave every row that lacked one. */
  defaults: Record<string, string>;
}

/** A source's names, as people read them. */
export interface SourceNames {
  slug: string;
  nameEn: string | null;
  nameAr: string | null;
}

interface BatchRow {
  id: number;
  file_name: string;
  file_format: string;
  finished_at: Date | string;
  mapping: { columns?: Record<string, string | null>; defaults?: Record<string, string> } | null;
}

/** The batches of the given ids (missing ids are absent from the map). */
export async function batchProvenance(
  db: Sql,
  batchIds: readonly number[],
): Promise<Map<number, BatchProvenance>> {
  if (batchIds.length === 0) return new Map();
  const rows = await db.query<BatchRow>(
    `SELECT id, file_name, file_format, finished_at, mapping
       FROM import_batch WHERE id = ANY($1::int[])`,
    [[...new Set(batchIds)]],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        fileName: r.file_name,
        fileFormat: r.file_format,
        importedAt:
          r.finished_at instanceof Date ? r.finished_at.toISOString() : String(r.finished_at),
        columns: r.mapping?.columns ?? {},
        defaults: r.mapping?.defaults ?? {},
      },
    ]),
  );
}

/** The names of the sources of the given slugs. */
export async function sourceNames(
  db: Sql,
  slugs: readonly string[],
): Promise<Map<string, SourceNames>> {
  if (slugs.length === 0) return new Map();
  const rows = await db.query<{ slug: string; name_en: string | null; name_ar: string | null }>(
    'SELECT slug, name_en, name_ar FROM source WHERE slug = ANY($1::text[])',
    [[...new Set(slugs)]],
  );
  return new Map(rows.map((r) => [r.slug, { slug: r.slug, nameEn: r.name_en, nameAr: r.name_ar }]));
}
