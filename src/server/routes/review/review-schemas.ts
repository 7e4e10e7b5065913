import { z } from 'zod';

const maxId = 2 ** 31 - 1;
const idMessage = 'records and decisions are named by their ids, whole numbers above 0';
const id = z
  .int({ error: idMessage })
  .min(1, { error: idMessage })
  .max(maxId, { error: idMessage });

/** GET /api/review/next: a page of the open queue, after the pair last skipped. */
export const nextPairsQuery = z.object({
  after: z
    .string()
    .regex(/^[1-9][0-9]{0,9}-[1-9][0-9]{0,9}$/, {
      error: 'after names a pair as two record ids, e.g. 12-40',
    })
    .transform((s) => s.split('-').map(Number) as [number, number])
    .refine(([a, b]) => a <= maxId && b <= maxId && a !== b, { error: idMessage })
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(1),
  include: z.enum(['restricted']).optional(),
});

/** POST /api/review/decisions: a reviewer's decision on two records. */
export const decisionBody = z
  .object({
    recordA: id,
    recordB: id,
    decision: z.enum(['same', 'different'], { error: 'the decision is "same" or "different"' }),
    note: z.string().max(2000, { error: 'a note is at most 2,000 characters' }).optional(),
  })
  .strict()
  .refine((b) => b.recordA !== b.recordB, {
    error: 'a decision needs two different records',
    path: ['recordB'],
  });

/** POST /api/review/decisions/undo: the decision to undo, by id. */
export const undoBody = z.object({ decisionId: id }).strict();
