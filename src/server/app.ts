import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Database } from '../db/database.js';
import { accessControlPlugin } from './auth/access-control.js';
import { installErrorHandler } from './errors.js';
import { sijilVersion } from '../version.js';
import { apiDocsRoutes } from './routes/api-docs.js';
import { auditRoutes } from './routes/admin/audit-routes.js';
import { backupRoutes } from './routes/admin/backup-routes.js';
import { accountRoutes } from './routes/account/account-routes.js';
import { authRoutes } from './routes/auth/auth.js';
import { healthRoutes } from './routes/health.js';
import { homeRoutes } from './routes/home.js';
import { importRoutes, type ImportRoutesOptions } from './routes/imports/import-routes.js';
import { personRoutes } from './routes/persons/person-routes.js';
import { recordRoutes } from './routes/records/records.js';
import { reviewRoutes } from './routes/review/review-routes.js';
import { setupRoutes } from './routes/setup/setup-page.js';
import { sourceRoutes } from './routes/sources.js';
import { figuresRoutes } from './routes/stats/figures-routes.js';
import { userRoutes } from './routes/users/users.js';
import { webAppRoutes } from './routes/web-app.js';

export interface ServerOptions {
  db: Database;
  logger?: boolean;
  /** Trust X-Forwarded-* from this proxy address (behind a TLS proxy), so cookies become Secure. */
  trustProxy?: string | boolean;
  /** Requests per minute per client address, for everything the server answers. */
  rateLimitPerMinute?: number;
  /** Sign-in and set-password attempts per minute per client address. */
  authAttemptsPerMinute?: number;
  /** Upload limit, idle time and folder for the Import screen (default: from the environment). */
  uploads?: ImportRoutesOptions['uploads'];
}

/**
 * Builds the HTTP server. Security headers and rate limits are on for every route from the start:
 * the groups this serves see attacks on their sites almost daily.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger
      ? {
          level: 'info',
          // Query strings can carry searched names and paths set-password tokens: log neither.
          serializers: {
            req: (req: { method: string; url: string }) => ({
              method: req.method,
              path: req.url.split(/[?#]/)[0],
            }),
          },
        }
      : false,
    bodyLimit: 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
  });
  installErrorHandler(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        imgSrc: ["'self'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        // Served over plain HTTP on a LAN, an upgrade would send every request to a missing https.
        // Behind TLS, the proxy's Strict-Transport-Security does that job.
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(rateLimit, { max: options.rateLimitPerMinute ?? 600, timeWindow: '1 minute' });
  await app.register(cookie);
  await app.register(accessControlPlugin, { db: options.db });
  const db = options.db;
  const authAttemptsPerMinute = options.authAttemptsPerMinute ?? 10;
  // First, so that it sees every route registered after it.
  await app.register(apiDocsRoutes, { version: sijilVersion });
  await app.register(healthRoutes, { db });
  await app.register(homeRoutes, { db });
  await app.register(setupRoutes, { db, authAttemptsPerMinute });
  await app.register(authRoutes, { db, authAttemptsPerMinute });
  await app.register(accountRoutes, { db, authAttemptsPerMinute });
  await app.register(sourceRoutes, { db });
  await app.register(recordRoutes, { db });
  await app.register(personRoutes, { db });
  await app.register(reviewRoutes, { db });
  await app.register(importRoutes, { db, uploads: options.uploads });
  await app.register(figuresRoutes, { db });
  await app.register(userRoutes, { db });
  await app.register(auditRoutes, { db });
  await app.register(backupRoutes, { db });
  await app.register(webAppRoutes);
  return app;
}
