import type { Sql } from '../database.js';

export interface DocumentInput {
  sourceId: number | null;
  title: string;
  language: string | null;
  body: string;
  url: string | null;
  publishedOn: string | null;
  sha256: string;
}

export interface DocumentSummary {
  id: number;
  source: string | null;
  title: string;
  language: string | null;
  url: string | null;
  publishedOn: string | null;
  sha256: string;
  characters: number;
}

export async function findDocumentIdByHash(db: Sql, sha256: string): Promise<number | null> {
  const rows = await db.query<{ id: number }>('SELECT id FROM document WHERE sha256 = $1', [
    sha256,
  ]);
  return rows[0]?.id ?? null;
}

export async function insertDocument(tx: Sql, input: DocumentInput): Promise<number> {
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO document (source_id, title, language, body, url, published_on, sha256)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      input.sourceId,
      input.title,
      input.language,
      input.body,
      input.url,
      input.publishedOn,
      input.sha256,
    ],
  );
  return rows[0]!.id;
}

export async function listDocuments(db: Sql): Promise<DocumentSummary[]> {
  const rows = await db.query<{
    id: number;
    slug: string | null;
    title: string;
    language: string | null;
    url: string | null;
    published_on: string | null;
    sha256: string;
    characters: number;
  }>(
    `SELECT d.id, s.slug, d.title, d.language, d.url, d.published_on, d.sha256, length(d.body) AS characters
     FROM document d LEFT JOIN source s ON s.id = d.source_id ORDER BY d.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    source: r.slug,
    title: r.title,
    language: r.language,
    url: r.url,
    publishedOn: r.published_on,
    sha256: r.sha256,
    characters: r.characters,
  }));
}
