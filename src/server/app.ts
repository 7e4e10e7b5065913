import Fastify, { type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Database } from '../db/database.js';
import { healthRoutes } from './routes/health.js';
import { homeRoutes } from './routes/home.js';

export interface ServerOptions {
  db: Database;
  logger?: boolean;
  /** Requests per minute per client address, for everything the server answers. */
  rateLimitPerMinute?: number;
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
          redact: { paths: ['req.headers.cookie', 'req.headers.authorization'], remove: true },
        }
      : false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
  });
  await app.register(rateLimit, { max: options.rateLimitPerMinute ?? 600, timeWindow: '1 minute' });
  await app.register(healthRoutes, { db: options.db });
  await app.register(homeRoutes, { db: options.db });
  return app;
}
