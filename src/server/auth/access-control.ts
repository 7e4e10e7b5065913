import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { can, type Permission } from '../../core/auth/permissions.js';
import type { Database } from '../../db/database.js';
import type { User } from '../../db/repositories/user-repository.js';
import { resolveSession } from '../../services/users/users-service.js';

export const sessionCookie = 'sijil_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    csrfToken: string | null;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. Everything under /api that does not say so needs a session. */
    public?: boolean;
    /** What the signed-in user's role must allow. */
    permission?: Permission;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Who is asking, and may they? Reads the session cookie, then for every /api route that is not
 * explicitly public: 401 without a session, 403 without the route's permission, and 403 on a
 * state-changing request whose X-CSRF-Token header does not match the session's token.
 */
function accessControl(app: FastifyInstance, { db }: { db: Database }): Promise<void> {
  app.decorateRequest('user', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[sessionCookie];
    if (!token || token.length > 100) return;
    const session = await resolveSession(db, token);
    if (!session) return;
    request.user = session.user;
    request.csrfToken = session.csrfToken;
    request.sessionToken = token;
  });

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const config = request.routeOptions.config;
    const isApi = request.url.startsWith('/api/');
    if (config.public) {
      // Public forms and endpoints take no cross-site posts (login CSRF).
      if (unsafeMethods.has(request.method) && !sameOrigin(request)) {
        return reply.code(403).send({ error: 'cross-site request refused' });
      }
      return;
    }
    if (!isApi && !config.permission) return;
    if (!request.user) return reply.code(401).send({ error: 'sign in first' });
    if (config.permission && !can(request.user.role, config.permission)) {
      return reply.code(403).send({ error: `your role (${request.user.role}) may not do this` });
    }
    if (
      unsafeMethods.has(request.method) &&
      request.headers['x-csrf-token'] !== request.csrfToken
    ) {
      return reply.code(403).send({ error: 'missing or wrong X-CSRF-Token header' });
    }
  });
  return Promise.resolve();
}

/** True when the Origin (or Referer) header, if any, names this server. */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin ?? request.headers.referer;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}

export const accessControlPlugin = fp(accessControl, { name: 'access-control' });
