import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../../db/database.js';
import { login, logout, setPasswordWithToken } from '../../../services/users/users-service.js';
import { sessionCookie } from '../../auth/access-control.js';

const loginBody = z.object({
  email: z.string().min(3).max(254),
  password: z.string().min(1).max(1024),
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

export const authRoutes: FastifyPluginAsync<{ db: Database; authAttemptsPerMinute: number }> = (
  app,
  { db, authAttemptsPerMinute },
) => {
  app.post(
    '/api/auth/login',
    { config: { public: true, rateLimit: { max: authAttemptsPerMinute, timeWindow: '1 minute' } } },
    async (request, reply: FastifyReply) => {
      const body = loginBody.parse(request.body);
      const session = await login(db, body.email, body.password, request.ip);
      return reply
        .setCookie(sessionCookie, session.token, cookieOptions(request, session.expiresAt))
        .send({
          user: session.user,
          csrfToken: session.csrfToken,
          expiresAt: session.expiresAt.toISOString(),
        });
    },
  );

  app.post('/api/auth/logout', async (request, reply) => {
    if (request.sessionToken && request.user)
      await logout(db, request.sessionToken, `user:${request.user.id}`);
    return reply.clearCookie(sessionCookie, cookieOptions(request)).send({ ok: true });
  });

  app.get('/api/auth/session', (request) => ({ user: request.user, csrfToken: request.csrfToken }));

  app.post(
    '/api/auth/setup',
    { config: { public: true, rateLimit: { max: authAttemptsPerMinute, timeWindow: '1 minute' } } },
    async (request) => {
      const body = setupBody.parse(request.body);
      const user = await setPasswordWithToken(db, body.token, body.password);
      return { user };
    },
  );
  return Promise.resolve();
};
