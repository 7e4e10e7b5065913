import type { Sql } from '../database.js';

export const sourceKinds = [
  'organisation',
  'official_list',
  'media',
  'report',
  'witness',
  'other',
] as const;
export type SourceKind = (typeof sourceKinds)[number];

export interface SourceInput {
  slug: string;
  nameEn?: string | null;
  nameAr?: string | null;
  kind?: SourceKind;
  url?: string | null;
  notes?: string | null;
  reliability?: 'high' | 'medium' | 'low' | 'unknown' | null;
}

export interface Source {
  id: number;
  slug: string;
  nameEn: string | null;
  nameAr: string | null;
  kind: SourceKind;
  url: string | null;
  notes: string | null;
  reliability: string | null;
}

export interface SourceSummary extends Source {
  records: number;
  batches: number;
  documents: number;
  lastImportAt: string | null;
}

interface SourceRow {
  id: number;
  slug: string;
  name_en: string | null;
  name_ar: string | null;
  kind: SourceKind;
  url: string | null;
  notes: string | null;
  reliability: string | null;
}

function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    slug: row.slug,
    nameEn: row.name_en,
    nameAr: row.name_ar,
    kind: row.kind,
    url: row.url,
    notes: row.notes,
    reliability: row.reliability,
  };
}

export async function findSourceBySlug(db: Sql, slug: string): Promise<Source | null> {
  const rows = await db.query<SourceRow>('SELECT * FROM source WHERE slug = $1', [slug]);
  return rows[0] ? toSource(rows[0]) : null;
}

export async function insertSource(tx: Sql, input: SourceInput): Promise<Source> {
  const rows = await tx.query<SourceRow>(
    `INSERT INTO source (slug, name_en, name_ar, kind, url, notes, reliability)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [
      input.slug,
      input.nameEn ?? null,
      input.nameAr ?? null,
      input.kind ?? 'organisation',
      input.url ?? null,
      input.notes ?? null,
      input.reliability ?? null,
    ],
  );
  return toSource(rows[0]!);
}

/** Every source with what the register holds from it, in slug order. */
export async function listSourceSummaries(db: Sql): Promise<SourceSummary[]> {
  const rows = await db.query<
    SourceRow & { records: number; batches: number; documents: number; last_import_at: Date | null }
  >(
    `SELECT s.*,
       (SELECT count(*)::int FROM record r WHERE r.source_id = s.id) AS records,
       (SELECT count(*)::int FROM import_batch b WHERE b.source_id = s.id) AS batches,
       (SELECT count(*)::int FROM document d WHERE d.source_id = s.id) AS documents,
       (SELECT max(b.finished_at) FROM import_batch b WHERE b.source_id = s.id) AS last_import_at
     FROM source s ORDER BY s.slug`,
  );
  return rows.map((row) => ({
    ...toSource(row),
    records: row.records,
    batches: row.batches,
    documents: row.documents,
    lastImportAt: row.last_import_at ? row.last_import_at.toISOString() : null,
  }));
}
