import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../../db/database.js';
import { completeSignInWithSecondFactor } from '../../../services/users/totp-sign-in.js';
import {
  login,
  logout,
  setPasswordWithToken,
  type Session,
} from '../../../services/users/users-service.js';
import { sessionCookie } from '../../auth/access-control.js';

const loginBody = z.object({
  email: z.string().min(3).max(254),
  password: z.string().min(1).max(1024),
});
const secondFactorBody = z.object({
  challenge: z.string().min(20).max(100),
  // A 6-digit code from the app, or a recovery code (ABCD-EFGH-IJKL-MNOP).
  code: z.string().trim().min(6).max(40),
});
const setupBody = z.object({
  token: z.string().min(20).max(100),
  password: z.string().min(1).max(1024),
});

/** Secure cookies whenever the request came over TLS (directly or, if trusted, via a proxy). */
function cookieOptions(request: FastifyRequest, expires?: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: request.protocol === 'https',
    ...(expires ? { expires } : {}),
  };
}

/** Sets the session cookie and answers with what the web app needs from a new session. */
function sendSession(request: FastifyRequest, reply: FastifyReply, session: Session) {
  return reply
    .setCookie(sessionCookie, session.token, cookieOptions(request, session.expiresAt))
    .send({
      user: session.user,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
    });
}

export const authRoutes: FastifyPluginAsync<{ db: Database; authAttemptsPerMinute: number }> = (
  app,
  { db, authAttemptsPerMinute },
) => {
  app.post(
    '/api/auth/login',
    {
      config: {
        public: true,
        rateLimit: { max: authAttemptsPerMinute, timeWindow: '1 minute' },
        docs: {
          tag: 'accounts',
          summary: 'Signs in: sets the session cookie and returns the user and the CSRF token',
          description:
            'With two-step sign-in on, a right password opens no session: the answer is ' +
            '`{ secondFactor: true, challenge, expiresAt }`, to send with a code to /api/auth/login/totp.',
          body: loginBody,
        },
      },
    },
    async (request, reply: FastifyReply) => {
      const body = loginBody.parse(request.body);
      const outcome = await login(db, body.email, body.password, request.ip);
      if ('secondFactor' in outcome) {
        return reply.header('cache-control', 'no-store').send({
          secondFactor: true,
          challenge: outcome.challenge,
          expiresAt: outcome.expiresAt.toISOString(),
        });
      }
      return sendSession(request, reply, outcome);
    },
  );

  app.post(
    '/api/auth/login/totp',
    {
      config: {
        public: true,
        rateLimit: { max: authAttemptsPerMinute, timeWindow: '1 minute' },
        docs: {
          tag: 'accounts',
          summary:
            'Second step of signing in: the challenge and a TOTP or recovery code; sets the session cookie',
          description:
            'Wrong codes count towards the same lock-out as wrong passwords (423 once locked); ' +
            'a code is accepted once; 410 when the challenge expired (5 minutes) or was used.',
          body: secondFactorBody,
        },
      },
    },
    async (request, reply) => {
      const body = secondFactorBody.parse(request.body);
      const session = await completeSignInWithSecondFactor(
        db,
        body.challenge,
        body.code,
        request.ip,
      );
      return sendSession(request, reply, session);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: {
        docs: {
          tag: 'accounts',
          summary: 'Signs out: ends the session in the store and clears the cookie',
        },
      },
    },
    async (request, reply) => {
      if (request.sessionToken && request.user)
        await logout(db, request.sessionToken, `user:${request.user.id}`);
      return reply.clearCookie(sessionCookie, cookieOptions(request)).send({ ok: true });
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: {
        docs: {
          tag: 'accounts',
          summary: 'Who is signed in, and the CSRF token for state-changing calls',
        },
      },
    },
    (request) => ({ user: request.user, csrfToken: request.csrfToken }),
  );

  app.post(
    '/api/auth/setup',
    {
      config: {
        public: true,
        rateLimit: { max: authAttemptsPerMinute, timeWindow: '1 minute' },
        docs: {
          tag: 'accounts',
          summary: 'Sets a password with a one-time set-password token',
          body: setupBody,
        },
      },
    },
    async (request) => {
      const body = setupBody.parse(request.body);
      const user = await setPasswordWithToken(db, body.token, body.password);
      return { user };
    },
  );
  return Promise.resolve();
};
