import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/auth/permissions.js';
import { generateSynthetic, type SynthRow } from '../../src/core/linkage/index.js';
import { checkIntegrity } from '../../src/db/repositories/integrity-repository.js';
import { buildServer } from '../../src/server/app.js';
import { verifyAudit } from '../../src/services/audit/verify-audit.js';
import { importFile } from '../../src/services/import/import-file.js';
import { linkRegister } from '../../src/services/register-linkage/index.js';
import { apiCaller, signedInUser, type ApiClient } from '../helpers/api-client.js';
import { tempDir } from '../helpers/temp-files.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';

interface PairJson {
  recordA: number;
  recordB: number;
  probability: number;
  samePerson: boolean;
  explanation: { prior: number; weight: number; fields: { field: string; level: string }[] };
  a: { id: number; personId: number; name: string | null };
  b: { id: number; personId: number; name: string | null };
}
interface NextJson {
  pairs: PairJson[];
  progress: { decided: number; remaining: number };
}
interface DecisionJson {
  decision: { id: number; recordA: number; recordB: number; decision: string; decidedBy: string };
  changed: boolean;
  personsBefore: { a: number; b: number };
  personsAfter: { a: number; b: number };
  moved: number;
}
interface UndoJson {
  undone: { id: number };
  personsRestored: boolean;
  notRestoredBecause: string | null;
  moved: number;
  reopened: boolean;
}

function csv(rows: readonly SynthRow[]): string {
  return stringify([
    ['record_id', 'name', 'name_latin', 'sex', 'age', 'birth_date', 'death_date'],
    ...rows.map((r) => [r.recordId, r.name, r.nameLatin, r.sex, r.age, r.birthDate, r.deathDate]),
  ]);
}

/** The review queue over HTTP: next pairs, decisions, undo, and who may do what. */
describe.each(testStores)('review API on %s', (kind) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  const files = tempDir();
  const clients = new Map<Role, ApiClient>();
  const password = 'olive trees by the old sea wall';
  const call = apiCaller(() => base);
  const as = (role: Role) => clients.get(role)!;

  const next = async (role: Role, query = '') => {
    const res = await call(`/api/review/next${query}`, { client: as(role) });
    return { status: res.status, body: (await res.json()) as NextJson & { error?: string } };
  };
  const post = async <T>(role: Role, path: string, body: unknown, csrf?: string | null) => {
    const res = await call(path, {
      method: 'POST',
      client: as(role),
      body: JSON.stringify(body),
      ...(csrf === undefined ? {} : { csrf }),
    });
    return { status: res.status, body: (await res.json()) as T & { error?: string } };
  };
  /** An open pair whose records are two persons now. */
  const separatePair = async () =>
    (await next('reviewer', '?limit=50')).body.pairs.find((p) => !p.samePerson)!;
  const personOf = async (recordId: number) =>
    (
      await t.db.query<{ person_id: number }>('SELECT person_id FROM record WHERE id = $1', [
        recordId,
      ])
    )[0]!.person_id;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    const synthetic = generateSynthetic({ records: 1000, sources: 3, seed: 11 });
    for (const source of ['src1', 'src2', 'src3'])
      await importFile(t.db, {
        path: files.file(`${source}.csv`, csv(synthetic.filter((r) => r.source === source))),
        source,
        createSource: {},
        actor: 'test',
      });
    const report = await linkRegister(t.db, { actor: 'test' });
    expect(report.queued).toBeGreaterThanOrEqual(10);
    app = await buildServer({ db: t.db, authAttemptsPerMinute: 1000 });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    for (const role of ['admin', 'editor', 'reviewer', 'viewer'] as const)
      clients.set(role, await signedInUser(t.db, call, `${role}@example.org`, role, password));
  });
  afterAll(async () => {
    await app.close();
    await t.dispose();
    files.cleanup();
  });

  it('gives the next pair with both records, the model’s reasons field by field, and progress', async () => {
    const { status, body } = await next('reviewer');
    expect(status).toBe(200);
    expect(body.pairs).toHaveLength(1);
    const pair = body.pairs[0]!;
    expect(pair.a.id).toBe(pair.recordA);
    expect(pair.b.id).toBe(pair.recordB);
    expect(pair.probability).toBeGreaterThanOrEqual(0.2);
    expect(pair.probability).toBeLessThanOrEqual(0.95);
    expect(pair.explanation.fields.map((f) => f.field)).toEqual(
      expect.arrayContaining(['given', 'family', 'sex', 'birth']),
    );
    expect(body.progress.decided).toBe(0);
    expect(body.progress.remaining).toBeGreaterThan(3);
  });

  it('moves past skipped pairs with a cursor, in queue order', async () => {
    const page = (await next('reviewer', '?limit=3')).body.pairs;
    expect(page).toHaveLength(3);
    const first = page[0]!;
    const after = await next('reviewer', `?after=${first.recordA}-${first.recordB}&limit=2`);
    expect(after.status).toBe(200);
    expect(after.body.pairs.map((p) => [p.recordA, p.recordB])).toEqual(
      page.slice(1).map((p) => [p.recordA, p.recordB]),
    );
  });

  it('decides "same": the two records share a person at once, and the pair leaves the queue', async () => {
    const before = await next('reviewer');
    const pair =
      before.body.pairs.find((p) => !p.samePerson) ??
      (await next('reviewer', '?limit=50')).body.pairs.find((p) => !p.samePerson)!;
    const res = await post<DecisionJson>('reviewer', '/api/review/decisions', {
      recordA: pair.recordB,
      recordB: pair.recordA,
      decision: 'same',
      note: 'same mother’s name in both',
    });
    expect(res.status).toBe(200);
    expect(res.body.changed).toBe(true);
    expect(res.body.decision).toMatchObject({
      recordA: pair.recordA,
      recordB: pair.recordB,
      decision: 'same',
    });
    expect(res.body.decision.decidedBy).toMatch(/^user:\d+$/);
    expect(res.body.personsAfter.a).toBe(res.body.personsAfter.b);
    expect(await personOf(pair.recordA)).toBe(await personOf(pair.recordB));

    const after = await next('reviewer', '?limit=50');
    expect(after.body.progress.decided).toBe(before.body.progress.decided + 1);
    expect(after.body.progress.remaining).toBe(before.body.progress.remaining - 1);
    expect(
      after.body.pairs.some((p) => p.recordA === pair.recordA && p.recordB === pair.recordB),
    ).toBe(false);
    const events = await t.db.query<{ actor: string }>(
      "SELECT actor FROM audit_event WHERE action = 'linkage.decide'",
    );
    expect(events).toHaveLength(1);

    // Undo: persons as before, the pair back in the queue, both steps audited.
    const undo = await post<UndoJson>('reviewer', '/api/review/decisions/undo', {
      decisionId: res.body.decision.id,
    });
    expect(undo.status).toBe(200);
    expect(undo.body).toMatchObject({
      personsRestored: true,
      notRestoredBecause: null,
      moved: res.body.moved,
      reopened: true,
    });
    // The request named the pair the other way round: `a` is pair.recordB.
    expect(await personOf(pair.recordB)).toBe(res.body.personsBefore.a);
    expect(await personOf(pair.recordA)).toBe(res.body.personsBefore.b);
    expect(res.body.personsBefore.a).not.toBe(res.body.personsBefore.b);
    const restored = await next('reviewer', '?limit=50');
    expect(restored.body.progress).toEqual(before.body.progress);
    expect(
      restored.body.pairs.some((p) => p.recordA === pair.recordA && p.recordB === pair.recordB),
    ).toBe(true);
    const standing = await t.db.query(
      'SELECT 1 FROM match_decision WHERE record_a = $1 AND record_b = $2 AND undone_at IS NULL',
      [pair.recordA, pair.recordB],
    );
    expect(standing).toHaveLength(0);
    const trail = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_event WHERE action LIKE 'linkage.%' ORDER BY id",
    );
    expect(trail.map((e) => e.action)).toEqual([
      'linkage.run',
      'linkage.decide',
      'linkage.undo',
      'linkage.restore',
    ]);
    expect((await verifyAudit(t.db)).ok).toBe(true);

    // Undoing twice is refused with the reason.
    const again = await post<UndoJson>('reviewer', '/api/review/decisions/undo', {
      decisionId: res.body.decision.id,
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toContain('already undone');
  });

  it('decides "different" and undoes it: the split person is whole again', async () => {
    const [together] = await t.db.query<{ a: number; b: number }>(
      `SELECT min(id) AS a, max(id) AS b FROM record GROUP BY person_id
        HAVING count(*) = 2 ORDER BY 1 LIMIT 1`,
    );
    const { a, b } = together!;
    const person = await personOf(a);
    const split = await post<DecisionJson>('editor', '/api/review/decisions', {
      recordA: a,
      recordB: b,
      decision: 'different',
    });
    expect(split.status).toBe(200);
    expect(await personOf(b)).not.toBe(person);
    const undo = await post<UndoJson>('editor', '/api/review/decisions/undo', {
      decisionId: split.body.decision.id,
    });
    expect(undo.body).toMatchObject({ personsRestored: true, moved: 1 });
    expect(await personOf(a)).toBe(person);
    expect(await personOf(b)).toBe(person);
    expect(await checkIntegrity(t.db)).toEqual({
      recordsWithoutSource: 0,
      recordsWithoutBatch: 0,
      recordsWithoutPerson: 0,
      personsWithoutRecords: 0,
    });
  });

  it('refuses a "same" across a standing "different", with the reason (409)', async () => {
    const open = (await next('admin', '?limit=50')).body.pairs.filter((x) => !x.samePerson);
    const p = open[0]!;
    const q = open.find(
      (x) =>
        ![p.recordA, p.recordB].includes(x.recordA) && ![p.recordA, p.recordB].includes(x.recordB),
    );
    const apart = await post<DecisionJson>('admin', '/api/review/decisions', {
      recordA: p.recordA,
      recordB: p.recordB,
      decision: 'different',
    });
    expect(apart.status).toBe(200);
    const joined = await post<DecisionJson>('admin', '/api/review/decisions', {
      recordA: p.recordB,
      recordB: q!.recordA,
      decision: 'same',
    });
    expect(joined.status).toBe(200);
    const contradiction = await post<DecisionJson>('admin', '/api/review/decisions', {
      recordA: p.recordA,
      recordB: q!.recordA,
      decision: 'same',
    });
    expect(contradiction.status).toBe(409);
    expect(contradiction.body.error).toMatch(/decided different/);
  });

  it('lets viewers neither see the queue nor decide (403)', async () => {
    const pair = await separatePair();
    expect((await next('viewer')).status).toBe(403);
    const res = await post<DecisionJson>('viewer', '/api/review/decisions', {
      recordA: pair.recordA,
      recordB: pair.recordB,
      decision: 'same',
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toContain('viewer');
    expect(
      (await post<UndoJson>('viewer', '/api/review/decisions/undo', { decisionId: 1 })).status,
    ).toBe(403);
    expect(await personOf(pair.recordA)).not.toBe(await personOf(pair.recordB));
    expect((await call('/api/review/next')).status).toBe(401);
  });

  it('refuses decisions without the session’s CSRF token (403)', async () => {
    const pair = await separatePair();
    const body = { recordA: pair.recordA, recordB: pair.recordB, decision: 'same' };
    const missing = await post<DecisionJson>('reviewer', '/api/review/decisions', body, null);
    expect(missing.status).toBe(403);
    expect(missing.body.error).toMatch(/CSRF/);
    const wrong = await post<DecisionJson>(
      'reviewer',
      '/api/review/decisions',
      body,
      as('editor').csrf,
    );
    expect(wrong.status).toBe(403);
    const undo = await post<UndoJson>(
      'reviewer',
      '/api/review/decisions/undo',
      { decisionId: 1 },
      null,
    );
    expect(undo.status).toBe(403);
    expect(await personOf(pair.recordA)).not.toBe(await personOf(pair.recordB));
  });

  it('answers bad input with 400 and unknown ids with 404, saying why', async () => {
    const decide = (body: unknown) =>
      post<DecisionJson & { issues?: { path: string; message: string }[] }>(
        'reviewer',
        '/api/review/decisions',
        body,
      );
    const bad: [unknown, RegExp][] = [
      [{ recordA: 'x', recordB: 2, decision: 'same' }, /whole numbers above 0/],
      [{ recordA: 0, recordB: 2, decision: 'same' }, /whole numbers above 0/],
      [{ recordA: 1.5, recordB: 2, decision: 'same' }, /whole numbers above 0/],
      [{ recordA: 3, recordB: 3, decision: 'same' }, /two different records/],
      [{ recordA: 1, recordB: 2, decision: 'maybe' }, /"same" or "different"/],
      [{ recordA: 1, recordB: 2, decision: 'same', extra: true }, /extra/],
    ];
    for (const [body, message] of bad) {
      const res = await decide(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.issues!.map((i) => i.message).join('; '), JSON.stringify(body)).toMatch(
        message,
      );
    }
    const unknown = await decide({ recordA: 1, recordB: 99999, decision: 'same' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('there is no record 99999');

    const undoUnknown = await post<UndoJson>('reviewer', '/api/review/decisions/undo', {
      decisionId: 99999,
    });
    expect(undoUnknown.status).toBe(404);
    expect(undoUnknown.body.error).toBe('there is no decision 99999');
    expect(
      (await post<UndoJson>('reviewer', '/api/review/decisions/undo', { decisionId: 'one' }))
        .status,
    ).toBe(400);

    const badCursor = await next('reviewer', '?after=12');
    expect(badCursor.status).toBe(400);
    const unqueued = await next('reviewer', '?after=1-99999');
    expect(unqueued.status).toBe(404);
    expect(unqueued.body.error).toContain('never in the review queue');
    expect((await next('reviewer', '?include=restricted')).status).toBe(403);
    expect((await next('editor', '?include=restricted')).status).toBe(200);
  });
});
