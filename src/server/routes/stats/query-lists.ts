import { z } from 'zod';

/**
 * A query parameter that may be given once, repeated (`where=a&where=b`) or with commas for
 * `by`: always read as a list, each item bounded so a request cannot be made huge.
 */
export const queryList = z
  .union([z.string().max(300), z.array(z.string().max(300)).max(30)])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
