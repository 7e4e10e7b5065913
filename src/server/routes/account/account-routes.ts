import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../../db/database.js';
import {
  activateTotp,
  disableTotp,
  startTotpEnrolment,
  totpStatus,
} from '../../../services/users/totp-enrolment.js';

const activationBody = z.object({ code: z.string().trim().min(6).max(10) });
const disableBody = z.object({
  password: z.string().min(1).max(1024),
  // A 6-digit code from the app, or a recovery code (ABCD-EFGH-IJKL-MNOP).
  code: z.string().trim().min(6).max(40),
});

/**
 * The signed-in user's own account: the TOTP second factor. Any role; the session's CSRF token on
 * every change. Answers holding a secret or recovery codes are never cached.
 */
export const accountRoutes: FastifyPluginAsync<{ db: Database; authAttemptsPerMinute: number }> = (
  app,
  { db, authAttemptsPerMinute },
) => {
  const attemptLimit = { max: authAttemptsPerMinute, timeWindow: '1 minute' };

  app.get(
    '/api/account/totp',
    {
      config: {
        docs: {
          tag: 'accounts',
          summary: 'Whether two-step sign-in (TOTP) is on, and how many recovery codes are left',
        },
      },
    },
    async (request) => totpStatus(db, request.user!.id),
  );

  app.post(
    '/api/account/totp/enrolment',
    {
      config: {
        rateLimit: attemptLimit,
        docs: {
          tag: 'accounts',
          summary:
            'Starts setting up TOTP: a new secret (base32 and otpauth:// URI), shown only in this answer',
        },
      },
    },
    async (request, reply) => {
      const enrolment = await startTotpEnrolment(db, request.user!.id);
      return reply.header('cache-control', 'no-store').send(enrolment);
    },
  );

  app.post(
    '/api/account/totp/activation',
    {
      config: {
        rateLimit: attemptLimit,
        docs: {
          tag: 'accounts',
          summary:
            'Turns TOTP on with a code from the app; returns the 8 one-time recovery codes, shown only once',
          body: activationBody,
        },
      },
    },
    async (request, reply) => {
      const body = activationBody.parse(request.body);
      const result = await activateTotp(db, request.user!.id, body.code);
      return reply.header('cache-control', 'no-store').send(result);
    },
  );

  app.post(
    '/api/account/totp/disable',
    {
      config: {
        rateLimit: attemptLimit,
        docs: {
          tag: 'accounts',
          summary: 'Turns TOTP off: needs the password and a current code (or a recovery code)',
          body: disableBody,
        },
      },
    },
    async (request) => {
      const body = disableBody.parse(request.body);
      await disableTotp(db, request.user!.id, body.password, body.code);
      return { ok: true };
    },
  );
  return Promise.resolve();
};
