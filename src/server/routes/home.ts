import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/database.js';
import { newestAuditEventId } from '../../db/repositories/audit-repository.js';
import { listDocuments } from '../../db/repositories/document-repository.js';
import { registerCounts } from '../../db/repositories/register-counts.js';
import { listSourceSummaries } from '../../db/repositories/source-repository.js';
import { renderHomePage } from '../pages/home-page.js';

/**
 * GET /about: the plain page listing sources and counts (aggregates only, no names). Anyone may
 * ask for it, and counting a register of a million records takes a second of the store's time:
 * the page is made again only when the audit trail has moved (every change to the register
 * appends an event), so asking costs one index probe.
 */
export const homeRoutes: FastifyPluginAsync<{ db: Database }> = (app, { db }) => {
  let kept: { auditId: number; page: Promise<string> } | null = null;
  const render = async (): Promise<string> => {
    const [sources, documents, counts] = await Promise.all([
      listSourceSummaries(db),
      listDocuments(db),
      registerCounts(db),
    ]);
    return renderHomePage({
      sources,
      documents,
      records: counts.records,
      persons: counts.persons,
      storeKind: db.kind,
    });
  };
  app.get('/about', async (_request, reply) => {
    const auditId = await newestAuditEventId(db);
    if (kept?.auditId !== auditId) {
      // Read after the event id: a change committed meanwhile shows, and the next request, seeing
      // a newer id, makes the page again. Requests that arrive together share one making.
      const page = render();
      kept = { auditId, page };
      page.catch(() => {
        if (kept?.page === page) kept = null;
      });
    }
    return reply.type('text/html; charset=utf-8').send(await kept.page);
  });
  return Promise.resolve();
};
