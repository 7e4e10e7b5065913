import { z } from 'zod';
import type { Database, Sql } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import {
  findSourceBySlug,
  insertSource,
  sourceKinds,
  type Source,
  type SourceInput,
} from '../../db/repositories/source-repository.js';

export const sourceInputSchema = z.object({
  slug: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]{0,62}$/,
      'a slug is 1–63 lower-case letters, digits or hyphens, e.g. moh-2024-04',
    ),
  nameEn: z.string().trim().min(1).max(300).nullish(),
  nameAr: z.string().trim().min(1).max(300).nullish(),
  kind: z.enum(sourceKinds).optional(),
  url: z.url({ protocol: /^https?$/ }).nullish(),
  notes: z.string().max(10_000).nullish(),
  reliability: z.enum(['high', 'medium', 'low', 'unknown']).nullish(),
});

/** Creates a source, audited, inside the caller's transaction. */
export async function createSource(tx: Sql, input: SourceInput, actor: string): Promise<Source> {
  const valid = sourceInputSchema.parse(input);
  const source = await insertSource(tx, valid);
  await appendAuditEvent(tx, {
    actor,
    action: 'source.create',
    entityType: 'source',
    entityId: source.id,
    after: source,
  });
  return source;
}

/** Finds a source by slug, creating it (audited) when `create` describes it. */
export async function ensureSource(
  db: Database,
  input: SourceInput,
  actor: string,
): Promise<{ source: Source; created: boolean }> {
  const existing = await findSourceBySlug(db, input.slug);
  if (existing) return { source: existing, created: false };
  const source = await db.transaction((tx) => createSource(tx, input, actor));
  return { source, created: true };
}
