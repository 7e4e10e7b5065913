import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { proposeClaims } from '../claims/propose-claims.js';
import { addDocument } from '../documents/add-document.js';
import { importFile, type ImportProgress, type ImportReport } from '../import/import-file.js';
import { ensureSource, sourceInputSchema } from '../sources/sources-service.js';
import { mappableFields } from '../../core/import/column-mapping.js';

/** Where the demo register's files live: data/demo at the package root. */
export const demoDir = fileURLToPath(new URL('../../../data/demo/', import.meta.url));

const manifestSchema = z.object({
  sources: z.array(
    sourceInputSchema.extend({
      file: z.string(),
      defaults: z.partialRecord(z.enum(mappableFields), z.string()).default({}),
      values: z.partialRecord(z.enum(mappableFields), z.record(z.string(), z.string())).default({}),
    }),
  ),
  documents: z.array(
    z.object({
      file: z.string(),
      title: z.string(),
      language: z.string().nullable().default(null),
      url: z.url().optional(),
      publishedOn: z.string().optional(),
      source: sourceInputSchema,
    }),
  ),
});

export interface DemoReport {
  imports: ImportReport[];
  documentsAdded: number;
}

/** Decompresses a shipped .gz list to a temporary file, since imports read real files. */
async function gunzipToTemp(path: string): Promise<{ file: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'sijil-demo-'));
  const file = join(dir, basename(path, '.gz'));
  await pipeline(createReadStream(path), createGunzip(), createWriteStream(file));
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Loads the demo register: each shipped list as its own source, and the seed documents. Safe to
 * run again: imports and documents already present are recognised by their hashes and skipped.
 */
export async function loadDemo(
  db: Database,
  actor: string,
  onProgress?: (slug: string, progress: ImportProgress) => void,
  dir = demoDir,
): Promise<DemoReport> {
  const manifest = manifestSchema.parse(
    JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')),
  );
  const imports: ImportReport[] = [];
  for (const { file, defaults, values, ...source } of manifest.sources) {
    await ensureSource(db, source, actor);
    const path = join(dir, file);
    const temp = file.endsWith('.gz')
      ? await gunzipToTemp(path)
      : { file: path, cleanup: () => undefined };
    try {
      imports.push(
        await importFile(db, {
          path: temp.file,
          source: source.slug,
          actor,
          defaults,
          valueMaps: values,
          maxErrors: null,
          rejectedPath: null,
          onProgress: (p) => onProgress?.(source.slug, p),
        }),
      );
    } finally {
      temp.cleanup();
    }
  }
  let documentsAdded = 0;
  for (const doc of manifest.documents) {
    const { source } = await ensureSource(db, doc.source, actor);
    const result = await addDocument(
      db,
      {
        sourceId: source.id,
        title: doc.title,
        language: doc.language,
        bytes: readFileSync(join(dir, doc.file)),
        url: doc.url ?? null,
        publishedOn: doc.publishedOn ?? null,
      },
      actor,
    );
    if (result.created) {
      documentsAdded += 1;
      // The figures the document states, proposed for the claims ledger as `sijil claims
      // extract` would, so the demo's ledger has something to review.
      await proposeClaims(db, result.id, actor);
    }
  }
  return { imports, documentsAdded };
}

/** True when the register holds nothing yet, so `npm start` knows to load the demo. */
export async function isRegisterEmpty(db: Database): Promise<boolean> {
  const rows = await db.query<{ n: number }>('SELECT (SELECT count(*) FROM source)::int AS n');
  return rows[0]?.n === 0;
}
