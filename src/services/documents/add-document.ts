import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import { findDocumentIdByHash, insertDocument } from '../../db/repositories/document-repository.js';

export interface AddDocumentInput {
  sourceId: number | null;
  title: string;
  language: string | null;
  bytes: Uint8Array;
  url?: string | null;
  publishedOn?: string | null;
}

/**
 * Stores a document's text with the SHA-256 of its bytes; the same bytes twice are one document.
 * The bytes must be UTF-8: a document is evidence, so it is refused rather than mangled.
 */
export async function addDocument(
  db: Database,
  input: AddDocumentInput,
  actor: string,
): Promise<{ id: number; created: boolean }> {
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const existing = await findDocumentIdByHash(db, sha256);
  if (existing !== null) return { id: existing, created: false };
  let body: string;
  try {
    body = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input.bytes);
  } catch {
    throw new Error(
      `document "${input.title}" is not valid UTF-8 text; convert it to UTF-8 and add it again`,
    );
  }
  if (body.includes('\0'))
    throw new Error(`document "${input.title}" holds NUL bytes: it is not a text file`);
  const id = await db.transaction(async (tx) => {
    const newId = await insertDocument(tx, {
      sourceId: input.sourceId,
      title: input.title,
      language: input.language,
      body,
      url: input.url ?? null,
      publishedOn: input.publishedOn ?? null,
      sha256,
    });
    await appendAuditEvent(tx, {
      actor,
      action: 'document.add',
      entityType: 'document',
      entityId: newId,
      after: { title: input.title, sha256, sourceId: input.sourceId, characters: body.length },
    });
    return newId;
  });
  return { id, created: true };
}
