import { z, type ZodType } from 'zod';
import type { Permission } from '../../core/auth/permissions.js';
import type { RouteDocs } from './route-docs.js';

/** A route as Fastify registered it, with what the document needs to know. */
export interface DocumentedRoute {
  method: string;
  url: string;
  public: boolean;
  permission: Permission | undefined;
  docs: RouteDocs | undefined;
}

type JsonSchema = Record<string, unknown>;

function schemaOf(type: ZodType): JsonSchema {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(type, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  return schema;
}

/** Query or path parameters from an object schema: one parameter per property. */
function parameters(type: ZodType | undefined, where: 'query' | 'path'): JsonSchema[] {
  if (!type) return [];
  const schema = schemaOf(type);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

/** `/api/persons/:id` → `/api/persons/{id}`. */
function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

const errorResponse = {
  description: 'An error the caller can act on',
  content: {
    'application/json': {
      schema: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] },
    },
  },
};

/**
 * The OpenAPI 3.1 document of every /api route, built from the routes themselves: their
 * methods and paths as registered, who may call them (the access-control configuration), and
 * their input rules (the zod schemas the handlers parse with). Nothing is written twice.
 */
export function openApiDocument(routes: readonly DocumentedRoute[], version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  const unsafe = new Set(['post', 'put', 'patch', 'delete']);
  for (const route of routes) {
    if (!route.url.startsWith('/api/')) continue;
    const method = route.method.toLowerCase();
    if (method === 'head' || method === 'options') continue;
    const docs = route.docs;
    const responses: Record<string, object> = {
      '200': { description: 'Success (JSON)' },
      '400': errorResponse,
    };
    if (!route.public) {
      responses['401'] = { ...errorResponse, description: 'Not signed in' };
      responses['403'] = {
        ...errorResponse,
        description: unsafe.has(method)
          ? 'The role may not do this, or the X-CSRF-Token header is missing or wrong'
          : 'The role may not do this',
      };
    }
    const operation: Record<string, unknown> = {
      summary: docs?.summary ?? '(undocumented)',
      ...(docs?.description ? { description: docs.description } : {}),
      tags: [docs?.tag ?? 'other'],
      parameters: [...parameters(docs?.params, 'path'), ...parameters(docs?.query, 'query')],
      responses,
      security: route.public ? [] : [{ session: [], ...(unsafe.has(method) ? { csrf: [] } : {}) }],
      ...(route.permission ? { 'x-permission': route.permission } : {}),
    };
    if (docs?.body)
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: schemaOf(docs.body) } },
      };
    (paths[openApiPath(route.url)] ??= {})[method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sijil API',
      version,
      description:
        "The register's JSON API. Sign in with POST /api/auth/login; the session cookie then " +
        'authenticates every call, and state-changing calls also carry the X-CSRF-Token header ' +
        'that the sign-in and GET /api/auth/session return. Restricted details appear only for ' +
        'roles allowed them, only when asked for, and every such view is audited.',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'sijil_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
    },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
  };
}
