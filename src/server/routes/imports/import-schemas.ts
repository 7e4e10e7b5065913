import { z } from 'zod';
import { mappableFields } from '../../../core/import/column-mapping.js';
import { sourceInputSchema } from '../../../services/sources/sources-service.js';

const field = z.enum(mappableFields);
/** Fields a default may fill: restricted details come only from the file's own columns. */
const defaultField = z.enum(mappableFields.filter((f) => f !== 'restricted'));
const columnName = z.string().min(1).max(500);
const fewEntries = (most: number) => (value: object) => Object.keys(value).length <= most;

export const uploadIdParams = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/, 'an upload id is 32 hexadecimal characters'),
});

/** `include=restricted` shows restricted details to roles allowed them (audited), as /api/records. */
export const includeQuery = z.object({
  include: z
    .enum(['restricted'])
    .optional()
    .describe('"restricted" to see restricted details (roles allowed them; every view is logged)'),
});

export const uploadQuery = includeQuery.extend({
  name: z
    .string()
    .describe('the file name with its extension (.csv, .tsv, .txt, .xlsx, .json, .jsonl, .ndjson)'),
});

/** How to read the file: the choices a mapping file gives the command line. */
export const checkBody = z
  .object({
    columns: z
      .record(columnName, field.nullable())
      .refine(fewEntries(2000), 'at most 2000 columns')
      .default({})
      .describe('column → field, or null to keep the column verbatim only'),
    defaults: z.partialRecord(defaultField, z.string().max(1000)).default({}),
    values: z
      .partialRecord(field, z.record(z.string().max(1000), z.string().max(1000)))
      .default({})
      .describe('source codes to translate before reading, e.g. {"sex": {"1": "male"}}'),
    dateOrder: z.enum(['dmy', 'mdy']).default('dmy'),
    encoding: z
      .enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1256'])
      .nullable()
      .default(null)
      .describe('null to detect'),
  })
  .strict();
export type CheckBody = z.infer<typeof checkBody>;

/** An existing source by its code, or a new one with its names (created with the import). */
export const commitBody = checkBody.extend({
  source: sourceInputSchema.shape.slug,
  newSource: z
    .object({
      nameEn: z.string().trim().min(1).max(300).nullish(),
      nameAr: z.string().trim().min(1).max(300).nullish(),
    })
    .strict()
    .refine((s) => Boolean(s.nameEn ?? s.nameAr), 'a new source needs an English or Arabic name')
    .optional()
    .describe('names of the source to create with the import; leave out to use an existing source'),
});
