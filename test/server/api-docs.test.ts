import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/test-database.js';

interface Operation {
  summary: string;
  security: Record<string, unknown>[];
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: unknown;
  'x-permission'?: string;
}
interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

/**
 * Every route Fastify answers, as "method /path/{param}", read from its own route tree
 * (printRoutes nests paths by indentation): independent of the hook that builds the document.
 */
function routesOf(app: FastifyInstance): string[] {
  const stack: { column: number; path: string }[] = [];
  const routes = new Set<string>();
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│├└─\s]*)(\S.*?) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const column = match[1]!.length;
    while (stack.length > 0 && stack[stack.length - 1]!.column >= column) stack.pop();
    const path = (stack[stack.length - 1]?.path ?? '') + match[2]!;
    stack.push({ column, path });
    for (const method of match[3]!.split(', '))
      if (method !== 'HEAD')
        routes.add(`${method.toLowerCase()} ${path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return [...routes];
}

describe('the API description at /api/docs', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  let doc: OpenApi;

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    app = await buildServer({ db: t.db });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${base}/api/docs/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as OpenApi;
  });
  afterAll(async () => {
    await app.close();
    await t.dispose();
  });

  it('is OpenAPI 3.1 and open to anyone, since it describes the API and holds no data', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/health']!.get!.security).toEqual([]);
  });

  it('describes every /api route the server answers, each with a summary', () => {
    const registered = routesOf(app).filter((route) => route.includes(' /api/'));
    expect(registered.length).toBeGreaterThan(15);
    const described = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect(described.sort()).toEqual(registered.sort());
    const undocumented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.summary === '(undocumented)')
        .map(([method]) => `${method} ${path}`),
    );
    expect(undocumented).toEqual([]);
  });

  it('says who may call what, and what input each route takes, from the rules it enforces', () => {
    const records = doc.paths['/api/records']!.get!;
    expect(records['x-permission']).toBe('records:read');
    expect(records.security).toEqual([{ session: [] }]);
    expect(records.parameters.find((p) => p.name === 'search')).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'string', maxLength: 200 },
    });
    const decide = doc.paths['/api/review/decisions']!.post!;
    expect(decide['x-permission']).toBe('matches:decide');
    expect(decide.security).toEqual([{ session: [], csrf: [] }]);
    expect(decide.requestBody).toBeDefined();
    const person = doc.paths['/api/persons/{id}']!.get!;
    expect(person.parameters).toContainEqual(
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    );
  });

  it('serves a readable page, escaped and under the strict CSP', async () => {
    const res = await fetch(`${base}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('<code>GET /api/records</code>');
    expect(html).toContain('permission <code>records:read</code>');
    expect(html).not.toMatch(/<script/i);
  });
});
