import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSynthetic, type SynthRow } from '../../src/core/linkage/index.js';
import { checkIntegrity } from '../../src/db/repositories/integrity-repository.js';
import { listOpenReviewPairs } from '../../src/db/repositories/linkage-queue-repository.js';
import { verifyAudit } from '../../src/services/audit/verify-audit.js';
import { importFile } from '../../src/services/import/import-file.js';
import {
  decidePair,
  linkRegister,
  undoDecision,
} from '../../src/services/register-linkage/index.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';
import { tempDir } from '../helpers/temp-files.js';

const synthetic = generateSynthetic({ records: 500, sources: 3, seed: 11 });
const entityOf = new Map(synthetic.map((r) => [`src-${r.source}:${r.recordId}`, r.entity]));

function csv(rows: readonly SynthRow[]): string {
  return stringify([
    ['record_id', 'name', 'name_latin', 'sex', 'age', 'birth_date', 'death_date'],
    ...rows.map((r) => [r.recordId, r.name, r.nameLatin, r.sex, r.age, r.birthDate, r.deathDate]),
  ]);
}

interface Assignment {
  id: number;
  person: number;
  key: string;
}

describe.each(testStores)('linkage in the register on %s', (kind) => {
  let t: TestDatabase;
  const files = tempDir();
  const importSource = async (source: string, rows: readonly SynthRow[] | string) => {
    const report = await importFile(t.db, {
      path: files.file(`${source}.csv`, typeof rows === 'string' ? rows : csv(rows)),
      source,
      createSource: {},
      actor: 'test',
    });
    expect(report.status).toBe('imported');
  };
  const assignment = async (): Promise<Assignment[]> =>
    t.db.query<Assignment>(
      `SELECT r.id, r.person_id AS person, s.slug || ':' || coalesce(r.source_record_id, '') AS key
         FROM record r JOIN source s ON s.id = r.source_id ORDER BY r.id`,
    );
  const expectIntegrity = async () =>
    expect(await checkIntegrity(t.db)).toEqual({
      recordsWithoutSource: 0,
      recordsWithoutBatch: 0,
      recordsWithoutPerson: 0,
      personsWithoutRecords: 0,
    });

  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await t.dispose();
    files.cleanup();
  });

  it('links a first batch well, in one audited run', async () => {
    await importSource(
      'src-src1',
      synthetic.filter((r) => r.source === 'src1'),
    );
    await importSource(
      'src-src2',
      synthetic.filter((r) => r.source === 'src2'),
    );
    const before = await assignment();
    const report = await linkRegister(t.db, { actor: 'tester' });
    expect(report.records).toBe(before.length);
    expect(report.newRecords).toBe(before.length);
    expect(report.merges).toBeGreaterThan(50);
    expect(report.personsAfter).toBe(report.personsBefore - report.merges);
    await expectIntegrity();

    // Pairwise precision and recall against the synthetic truth.
    const after = await assignment();
    let truePairs = 0;
    let foundPairs = 0;
    let correct = 0;
    for (let i = 0; i < after.length; i++)
      for (let j = i + 1; j < after.length; j++) {
        const x = after[i]!;
        const y = after[j]!;
        const same = entityOf.get(x.key) === entityOf.get(y.key);
        const linked = x.person === y.person;
        if (same) truePairs++;
        if (linked) foundPairs++;
        if (same && linked) correct++;
      }
    expect(correct / foundPairs).toBeGreaterThan(0.95);
    expect(correct / truePairs).toBeGreaterThan(0.8);

    const events = await t.db.query<{ action: string; actor: string; after: { merges: number } }>(
      "SELECT action, actor, after FROM audit_event WHERE action = 'linkage.run'",
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'tester', after: { merges: report.merges } });
    const runs = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM link_run');
    expect(runs[0]!.n).toBe(1);
  });

  it('changes nothing when run again with nothing new', async () => {
    const before = await assignment();
    const queueBefore = await listOpenReviewPairs(t.db, 1000);
    const report = await linkRegister(t.db, { actor: 'tester' });
    expect(report).toMatchObject({ newRecords: 0, merges: 0, splits: 0, recordsMoved: 0 });
    expect(await assignment()).toEqual(before);
    const queueAfter = await listOpenReviewPairs(t.db, 1000);
    expect(queueAfter.map((q) => [q.recordA, q.recordB])).toEqual(
      queueBefore.map((q) => [q.recordA, q.recordB]),
    );
  });

  it('orders the review queue by what a decision teaches, with reasons field by field', async () => {
    const queue = await listOpenReviewPairs(t.db, 1000);
    expect(queue.length).toBeGreaterThan(0);
    for (let i = 1; i < queue.length; i++)
      expect(queue[i]!.priority).toBeLessThanOrEqual(queue[i - 1]!.priority);
    const first = queue[0]!;
    expect(first.probability).toBeGreaterThanOrEqual(0.2);
    expect(first.probability).toBeLessThanOrEqual(0.95);
    expect(first.a.id).toBe(first.recordA);
    expect(first.explanation).toMatchObject({
      fields: expect.arrayContaining([expect.objectContaining({ field: 'given' })]) as unknown,
    });
  });

  it('applies decisions at once, keeps them across runs, and audits them', async () => {
    const rows = await assignment();
    const byPerson = new Map<number, number[]>();
    for (const r of rows) byPerson.set(r.person, [...(byPerson.get(r.person) ?? []), r.id]);
    const together = [...byPerson.values()].find((ids) => ids.length >= 2)!;
    const [x, y] = [together[0]!, together[1]!];
    const lonely = [...byPerson.values()].filter((ids) => ids.length === 1);
    const [u, v] = [lonely[0]![0]!, lonely[1]![0]!];

    const split = await decidePair(t.db, {
      recordA: x,
      recordB: y,
      decision: 'different',
      actor: 'reviewer',
      note: 'different fathers in the family file',
    });
    expect(split.personsAfter.a).not.toBe(split.personsAfter.b);
    expect(split.personsAfter.a).toBe(split.personsBefore.a);
    expect(split.movedRecords).toContain(y);
    const merged = await decidePair(t.db, {
      recordA: v,
      recordB: u,
      decision: 'same',
      actor: 'reviewer',
    });
    expect(merged.personsAfter.a).toBe(Math.min(u, v));
    expect(merged.personsAfter.b).toBe(Math.min(u, v));
    await expectIntegrity();

    // A contradicting "same" is refused; a second identical decision writes nothing.
    await expect(
      decidePair(t.db, { recordA: x, recordB: y, decision: 'different', actor: 'reviewer' }),
    ).resolves.toMatchObject({ changed: false });

    const report = await linkRegister(t.db, { actor: 'tester' });
    expect(report.decisions).toBe(2);
    const after = new Map((await assignment()).map((r) => [r.id, r.person]));
    expect(after.get(x)).not.toBe(after.get(y));
    expect(after.get(u)).toBe(after.get(v));
    const queue = await listOpenReviewPairs(t.db, 10_000);
    expect(
      queue.some((q) => (q.recordA === Math.min(x, y) && q.recordB === Math.max(x, y)) || false),
    ).toBe(false);

    const decideEvents = await t.db.query<{ before: object; after: { decision: string } }>(
      "SELECT before, after FROM audit_event WHERE action = 'linkage.decide' ORDER BY id",
    );
    expect(decideEvents.map((e) => e.after.decision)).toEqual(['different', 'same']);
    expect(decideEvents[0]!.before).toMatchObject({ decision: null });
  });

  it('refuses a "same" across a "different", and undoes a decision without moving anyone', async () => {
    const [d] = await t.db.query<{ record_a: number; record_b: number }>(
      "SELECT record_a, record_b FROM match_decision WHERE decision = 'different' AND undone_at IS NULL",
    );
    const x = d!.record_a;
    const y = d!.record_b;
    const singles = await t.db.query<{ id: number }>(
      `SELECT min(id) AS id FROM record GROUP BY person_id
        HAVING count(*) = 1 AND min(id) <> ALL($1::int[]) ORDER BY 1 LIMIT 1`,
      [[x, y]],
    );
    const w = singles[0]!.id;
    // "same" replaces the "different" (kept as undone); x, y and w end up one person.
    await expect(
      decidePair(t.db, { recordA: x, recordB: y, decision: 'same', actor: 'reviewer' }),
    ).resolves.toMatchObject({ replaced: { decision: 'different' } });
    await decidePair(t.db, { recordA: y, recordB: w, decision: 'same', actor: 'reviewer' });
    // x and w are tied through y by two "same" decisions: "different" on them is refused.
    await expect(
      decidePair(t.db, { recordA: x, recordB: w, decision: 'different', actor: 'reviewer' }),
    ).rejects.toThrow(/held together/);
    const before = await assignment();
    const undone = await undoDecision(t.db, { recordA: w, recordB: y, actor: 'reviewer' });
    expect(undone.decision).toBe('same');
    expect(await assignment()).toEqual(before);
    await expect(undoDecision(t.db, { recordA: w, recordB: y, actor: 'reviewer' })).rejects.toThrow(
      /no decision/,
    );
    // Put the "different" back for the incremental test below.
    const again = await decidePair(t.db, {
      recordA: x,
      recordB: y,
      decision: 'different',
      actor: 'reviewer',
    });
    expect(again.personsAfter.a).not.toBe(again.personsAfter.b);
    await expectIntegrity();
  });

  it('links a new batch into existing persons without renaming or splitting them', async () => {
    await linkRegister(t.db, { actor: 'tester' });
    const before = await assignment();
    const decisions = await t.db.query<{ record_a: number; record_b: number; decision: string }>(
      'SELECT record_a, record_b, decision FROM match_decision WHERE undone_at IS NULL',
    );
    await importSource(
      'src-src3',
      synthetic.filter((r) => r.source === 'src3'),
    );
    const report = await linkRegister(t.db, { actor: 'tester' });
    const newCount = synthetic.filter((r) => r.source === 'src3').length;
    expect(report.newRecords).toBe(newCount);
    expect(report.splits).toBe(0);
    const after = new Map((await assignment()).map((r) => [r.id, r.person]));
    // Old persons are never split, and a renamed one took a smaller id of a person it absorbed.
    const oldPersons = new Map<number, Set<number>>();
    for (const r of before)
      oldPersons.set(r.person, (oldPersons.get(r.person) ?? new Set()).add(after.get(r.id)!));
    let renamed = 0;
    for (const [old, now] of oldPersons) {
      expect(now.size).toBe(1);
      const [p] = [...now];
      if (p !== old) {
        renamed++;
        expect(p).toBeLessThan(old);
      }
    }
    expect(renamed).toBeLessThanOrEqual(report.merges);
    // New records joined existing persons.
    const oldIds = new Set(before.map((r) => r.person));
    const joined = [...after.entries()].filter(
      ([id, person]) => !before.some((r) => r.id === id) && oldIds.has(person),
    );
    expect(joined.length).toBeGreaterThan(newCount / 3);
    for (const d of decisions) {
      const same = after.get(d.record_a) === after.get(d.record_b);
      expect(same).toBe(d.decision === 'same');
    }
    await expectIntegrity();
  });

  it('does not make one person of 200 identical common names with nothing else', async () => {
    const rows = ['record_id,name', ...Array.from({ length: 200 }, (_, i) => `a${i},محمد احمد`)];
    await importSource('adversarial', rows.join('\n'));
    const report = await linkRegister(t.db, { actor: 'tester' });
    expect(report.newRecords).toBe(200);
    const sizes = await t.db.query<{ size: number }>(
      `SELECT count(*)::int AS size FROM record r JOIN source s ON s.id = r.source_id
        WHERE s.slug = 'adversarial' GROUP BY r.person_id ORDER BY size DESC`,
    );
    expect(sizes.length).toBeGreaterThan(150);
    expect(sizes[0]!.size).toBeLessThanOrEqual(2);
    // The queue holds at most a few pairs per record, not the 19,900 pairs of the block.
    const queue = await listOpenReviewPairs(t.db, 100_000);
    const perRecord = new Map<number, number>();
    for (const q of queue)
      for (const id of [q.recordA, q.recordB]) perRecord.set(id, (perRecord.get(id) ?? 0) + 1);
    expect(Math.max(...perRecord.values())).toBeLessThanOrEqual(3);
    await expectIntegrity();
  });

  it('keeps the audit chain whole', async () => {
    const verification = await verifyAudit(t.db);
    expect(verification.ok).toBe(true);
    const actions = await t.db.query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_event
        WHERE action LIKE 'linkage.%' GROUP BY action ORDER BY action`,
    );
    expect(actions.map((a) => a.action)).toEqual(['linkage.decide', 'linkage.run', 'linkage.undo']);
  });
});
