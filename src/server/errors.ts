import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { AuthError } from '../services/users/auth-error.js';
import { ImportError } from '../services/import/import-error.js';

/**
 * Turns errors into answers: what was wrong with the request, never a stack trace or a
 * database message (which could carry another person's data).
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (error instanceof ZodError) {
      return reply.code(400).send({
        error: 'invalid request',
        issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    if (error instanceof AuthError) {
      const status = error.code === 'locked' ? 423 : error.code === 'password-policy' ? 400 : 401;
      return reply.code(status).send({ error: error.message });
    }
    if (error instanceof ImportError) return reply.code(400).send({ error: error.message });
    const status =
      'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status < 500) return reply.code(status).send({ error: error.message });
    request.log.error({ err: { type: error.name, message: error.message } }, 'request failed');
    return reply
      .code(500)
      .send({ error: 'something went wrong on the server; it has been logged' });
  });
}
