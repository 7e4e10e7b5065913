import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/auth/permissions.js';
import { buildServer } from '../../src/server/app.js';
import { importFile } from '../../src/services/import/import-file.js';
import { apiCaller, signedInUser, type ApiClient } from '../helpers/api-client.js';
import { tempDir } from '../helpers/temp-files.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';

interface PersonRecordJson {
  id: number;
  personId: number;
  source: string;
  sourceRecordId: string | null;
  name: string | null;
  age: number | null;
  sourceNames: { slug: string; nameEn: string | null; nameAr: string | null };
  batch: { id: number; fileName: string; importedAt: string } | null;
  provenance: Record<string, { column?: string; raw?: string | null; default?: string }>;
  restricted?: Record<string, string> | null;
}

interface PersonJson {
  person: {
    id: number;
    records: PersonRecordJson[];
    differences: string[];
    decisions: {
      id: number;
      recordA: number;
      recordB: number;
      decision: string;
      decidedBy: string;
      decidedByName: string | null;
      note: string | null;
      undoneAt: string | null;
      effect: { moved: number; personsAfter: { a: number | null; b: number | null } } | null;
    }[];
    incidents: { id: number; titleEn: string | null; recordIds: number[] }[];
  };
  access: { restricted: boolean; restrictedShown: boolean; decide: boolean };
}

/** A person's page over HTTP: records side by side with provenance, decisions, restricted rules. */
describe.each(testStores)('person API on %s', (kind) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  const files = tempDir();
  const clients = new Map<Role, ApiClient>();
  const password = 'olive trees by the old sea wall';
  const call = apiCaller(() => base);
  const as = (role: Role) => clients.get(role)!;
  /** Record ids by source slug, in file order. */
  const ids = new Map<string, number[]>();

  const getPerson = async (role: Role, path: string) => {
    const res = await call(path, { client: as(role) });
    return { status: res.status, body: (await res.json()) as PersonJson & { error?: string } };
  };
  const decide = (role: Role, recordA: number, recordB: number, note?: string) =>
    call('/api/review/decisions', {
      method: 'POST',
      client: as(role),
      body: JSON.stringify({ recordA, recordB, decision: 'same', ...(note ? { note } : {}) }),
    });

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    const lists: [string, string, { nameEn: string; nameAr: string }][] = [
      [
        'north-list',
        [
          'record_id,name,name_latin,sex,age,event_date,place_governorate,violation,witness',
          'N-17,خالد يوسف العمر,Khaled Youssef al-Omar,male,40,2013-08-21,ريف دمشق,killed,أم خالد',
        ].join('\n'),
        { nameEn: 'Northern list', nameAr: 'قائمة الشمال' },
      ],
      [
        'south-list',
        ['رقم,الاسم,العمر,المحافظة,الانتهاك', 'S-4,خالد العمر,41,ريف دمشق,killed'].join('\n'),
        { nameEn: 'Southern list', nameAr: 'قائمة الجنوب' },
      ],
      [
        'closed-list',
        ['record_id,name,age,confidentiality,phone', 'C-1,خالد يوسف العمر,40,restricted,0999'].join(
          '\n',
        ),
        { nameEn: 'Closed list', nameAr: 'قائمة مغلقة' },
      ],
    ];
    for (const [source, text, names] of lists) {
      await importFile(t.db, {
        path: files.file(`${source}.csv`, text),
        source,
        createSource: names,
        actor: 'test',
      });
      const rows = await t.db.query<{ id: number }>(
        'SELECT r.id FROM record r JOIN source s ON s.id = r.source_id WHERE s.slug = $1 ORDER BY r.id',
        [source],
      );
      ids.set(
        source,
        rows.map((r) => r.id),
      );
    }
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

  const north = () => ids.get('north-list')![0]!;
  const south = () => ids.get('south-list')![0]!;
  const closed = () => ids.get('closed-list')![0]!;

  it('shows a person made of one record before any decision', async () => {
    const { status, body } = await getPerson('viewer', `/api/persons/${south()}`);
    expect(status).toBe(200);
    expect(body.person.records.map((r) => r.id)).toEqual([south()]);
    expect(body.person.differences).toEqual([]);
    expect(body.person.decisions).toEqual([]);
    expect(body.access).toEqual({ restricted: false, restrictedShown: false, decide: false });
  });

  it('shows every record of a merged person side by side, with provenance and the decision', async () => {
    const res = await decide('reviewer', north(), south(), 'same father and village');
    expect(res.status).toBe(200);
    const person = Math.min(north(), south());
    const { status, body } = await getPerson('viewer', `/api/persons/${person}`);
    expect(status).toBe(200);
    const records = body.person.records;
    expect(records.map((r) => r.id)).toEqual([north(), south()]);
    expect(records.every((r) => r.personId === person)).toBe(true);

    const [n, s] = records as [PersonRecordJson, PersonRecordJson];
    expect(n.sourceNames).toEqual({
      slug: 'north-list',
      nameEn: 'Northern list',
      nameAr: 'قائمة الشمال',
    });
    expect(n.batch?.fileName).toBe('north-list.csv');
    expect(n.sourceRecordId).toBe('N-17');
    expect(n.provenance.name).toEqual({ column: 'name', raw: 'خالد يوسف العمر' });
    expect(n.provenance.eventDate).toEqual({ column: 'event_date', raw: '2013-08-21' });
    // The southern list's Arabic headers are named as the file has them.
    expect(s.sourceNames.nameAr).toBe('قائمة الجنوب');
    expect(s.sourceRecordId).toBe('S-4');
    expect(s.provenance.age).toEqual({ column: 'العمر', raw: '41' });
    expect(s.provenance.sourceRecordId).toEqual({ column: 'رقم', raw: 'S-4' });

    // Ages and names disagree; the governorate and violation agree; silence is no disagreement.
    expect(body.person.differences).toEqual(expect.arrayContaining(['name', 'age']));
    expect(body.person.differences).not.toContain('place.governorate');
    expect(body.person.differences).not.toContain('violation');
    expect(body.person.differences).not.toContain('nameLatin');

    expect(body.person.decisions).toHaveLength(1);
    expect(body.person.decisions[0]).toMatchObject({
      recordA: Math.min(north(), south()),
      recordB: Math.max(north(), south()),
      decision: 'same',
      decidedByName: 'reviewer@example.org',
      note: 'same father and village',
      undoneAt: null,
      effect: { moved: 1, personsAfter: { a: person, b: person } },
    });
    // The record absorbed into the person no longer names a person of its own.
    const gone = await getPerson('viewer', `/api/persons/${Math.max(north(), south())}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatch(/no person/);
  });

  it('keeps restricted records and details from roles without access, and audits every view', async () => {
    // A person whose only record is restricted is not there for those who may not see it.
    const alone = await getPerson('viewer', `/api/persons/${closed()}`);
    expect(alone.status).toBe(404);
    expect(alone.body.error).toContain(`there is no person ${closed()}`);
    // Only a role allowed restricted records can reach one, even to decide on it.
    expect((await decide('reviewer', north(), closed())).status).toBe(404);
    expect((await decide('admin', north(), closed())).status).toBe(200);
    const person = Math.min(north(), south(), closed());

    const viewer = await getPerson('viewer', `/api/persons/${person}`);
    expect(viewer.status).toBe(200);
    const text = JSON.stringify(viewer.body);
    expect(viewer.body.person.records.map((r) => r.id)).toEqual([north(), south()]);
    expect(text).not.toContain('أم خالد');
    expect(text).not.toContain('0999');
    expect(viewer.body.person.records[0]).not.toHaveProperty('restricted');
    // The decision that joined the restricted record is not shown either.
    expect(viewer.body.person.decisions).toHaveLength(1);
    for (const role of ['viewer', 'reviewer'] as const)
      expect((await getPerson(role, `/api/persons/${person}?include=restricted`)).status).toBe(403);
    const auditBefore = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_event WHERE action = 'restricted.view'",
    );
    expect(auditBefore[0]!.n).toBe(0);

    const editor = await getPerson('editor', `/api/persons/${person}?include=restricted`);
    expect(editor.status).toBe(200);
    expect(editor.body.access).toMatchObject({ restricted: true, restrictedShown: true });
    expect(editor.body.person.records.map((r) => r.id)).toEqual([north(), south(), closed()]);
    expect(editor.body.person.records[0]!.restricted).toEqual({ witness: 'أم خالد' });
    expect(editor.body.person.records[2]!.restricted).toEqual({ phone: '0999' });
    expect(editor.body.person.decisions).toHaveLength(2);
    const views = await t.db.query<{
      actor: string;
      entity_type: string;
      entity_id: string;
      after: { records: number[] };
    }>(
      "SELECT actor, entity_type, entity_id, after FROM audit_event WHERE action = 'restricted.view'",
    );
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({
      entity_type: 'person',
      entity_id: String(person),
      after: { records: [north(), south(), closed()] },
    });
    expect(views[0]!.actor).toMatch(/^user:\d+$/);

    // Without asking, the editor sees what the viewer sees, and nothing is audited.
    const plain = await getPerson('editor', `/api/persons/${person}`);
    expect(JSON.stringify(plain.body)).not.toContain('أم خالد');
    const auditAfter = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_event WHERE action = 'restricted.view'",
    );
    expect(auditAfter[0]!.n).toBe(1);
  });

  it('lists the incidents the records name', async () => {
    const [incident] = await t.db.query<{ id: number }>(
      `INSERT INTO incident (title_en, title_ar, date_start, date_end, date_precision, place_governorate)
       VALUES ('Ghouta chemical attack', 'هجوم الغوطة الكيميائي', '2013-08-21', '2013-08-21', 'day', 'ريف دمشق')
       RETURNING id`,
    );
    await t.db.query('INSERT INTO record_incident (record_id, incident_id) VALUES ($1, $2)', [
      north(),
      incident!.id,
    ]);
    const { body } = await getPerson('viewer', `/api/persons/${Math.min(north(), south())}`);
    expect(body.person.incidents).toEqual([
      expect.objectContaining({
        id: incident!.id,
        titleEn: 'Ghouta chemical attack',
        recordIds: [north()],
      }),
    ]);
  });

  it('answers bad ids with 400 and unknown ones with 404, saying why', async () => {
    for (const bad of ['abc', '0', '-3', '1.5', '99999999999']) {
      const res = await getPerson('viewer', `/api/persons/${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error).toMatch(/whole number above 0/);
    }
    const missing = await getPerson('viewer', '/api/persons/424242');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toContain('there is no person 424242');
    expect((await call(`/api/persons/${north()}`)).status).toBe(401);
  });
});
