import { readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';

/**
 * Where `npm run build` puts the staff web app (web/ built by Vite). The same relative path works
 * from src/server/routes (tests) and dist/server/routes (the installed command).
 */
export const webAppDir = join(dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Vite's hashed asset names: no slashes, no dot-dot, nothing outside dist/web/assets. */
const assetName = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,200}$/;

/**
 * GET /: the staff web app (sign-in, search, sources); GET /assets/*: its hashed files; its icon. The
 * app talks to /api with fetch, so its page's CSP adds `connect-src 'self'` to the strict policy
 * every route gets; nothing else is loosened (no inline script, no eval).
 */
export const webAppRoutes: FastifyPluginAsync<{ dir?: string }> = (app, options) => {
  const dir = options.dir ?? webAppDir;

  app.get('/', async (_request, reply) => {
    let html: string;
    try {
      html = await readFile(join(dir, 'index.html'), 'utf8');
    } catch {
      return reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>Sijil</title><p>The web app is not built: run <code>npm run build</code>. The public summary is at <a href="/about">/about</a>.</p>',
        );
    }
    const csp = reply.getHeader('content-security-policy');
    if (typeof csp === 'string' && !csp.includes('connect-src')) {
      reply.header('content-security-policy', `${csp};connect-src 'self'`);
    }
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('referrer-policy', 'no-referrer')
      .send(html);
  });

  app.get('/favicon.svg', async (_request, reply) => {
    try {
      const body = await readFile(join(dir, 'favicon.svg'));
      return reply
        .type('image/svg+xml')
        .header('cache-control', 'public, max-age=86400')
        .send(body);
    } catch {
      return reply.code(404).send();
    }
  });

  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const name = request.params.name;
    if (!assetName.test(name) || name.includes('..')) return reply.code(404).send();
    let body: Buffer;
    try {
      body = await readFile(join(dir, 'assets', name));
    } catch {
      return reply.code(404).send();
    }
    return reply
      .type(contentTypes[extname(name)] ?? 'application/octet-stream')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(body);
  });
  return Promise.resolve();
};
