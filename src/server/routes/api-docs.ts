import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { openApiDocument, type DocumentedRoute } from '../openapi/openapi-document.js';
import { renderApiDocsPage } from '../pages/api-docs-page.js';

/**
 * GET /api/docs (a page) and /api/docs/openapi.json: the API described from the routes as
 * registered. Registered before every other route, so its hook sees them all. Public: it
 * describes the API, never data.
 */
const apiDocs: FastifyPluginAsync<{ version: string }> = (app, { version }) => {
  const routes: DocumentedRoute[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods)
      routes.push({
        method,
        url: route.url,
        public: route.config?.public === true,
        permission: route.config?.permission,
        docs: route.config?.docs,
      });
  });
  let document: ReturnType<typeof openApiDocument> | null = null;
  const built = () => (document ??= openApiDocument(routes, version));
  app.get(
    '/api/docs/openapi.json',
    { config: { public: true, docs: { tag: 'docs', summary: 'This API as OpenAPI 3.1' } } },
    () => built(),
  );
  app.get(
    '/api/docs',
    { config: { public: true, docs: { tag: 'docs', summary: 'This API as a readable page' } } },
    (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(renderApiDocsPage(built() as Parameters<typeof renderApiDocsPage>[0])),
  );
  return Promise.resolve();
};

export const apiDocsRoutes = fp(apiDocs, { name: 'api-docs' });
