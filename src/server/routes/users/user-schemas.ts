import { z } from 'zod';
import { roles } from '../../../core/auth/permissions.js';

export const newUserBody = z.object({
  email: z.email().max(254),
  role: z.enum(roles),
  displayName: z.string().trim().min(1).max(200).optional(),
});

export const userParams = z.object({ id: z.coerce.number().int().positive() });

export const roleChangeBody = z.object({ role: z.enum(roles) });
