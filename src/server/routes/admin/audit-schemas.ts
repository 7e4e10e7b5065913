import { z } from 'zod';

const day = z.iso.date();
const filterText = z.string().trim().min(1).max(254).optional();

export const auditLogQuery = z
  .object({
    actor: filterText,
    action: filterText,
    entityType: filterText,
    from: day.optional(),
    to: day.optional(),
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'the first day (from) comes after the last (to)',
    path: ['to'],
  });
