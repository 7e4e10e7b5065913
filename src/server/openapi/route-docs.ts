import type { ZodType } from 'zod';

/** What a route tells the API's readers: shown in the OpenAPI document at /api/docs. */
export interface RouteDocs {
  summary: string;
  /** A longer explanation, when the summary is not enough. */
  description?: string;
  /** Groups routes in the document: records, persons, sources, figures, review, accounts… */
  tag: string;
  /** The zod schemas the handler parses its input with: the document shows the same rules. */
  params?: ZodType;
  query?: ZodType;
  body?: ZodType;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    docs?: RouteDocs;
  }
}
