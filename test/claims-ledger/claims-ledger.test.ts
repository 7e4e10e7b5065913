import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocument } from '../../src/services/documents/add-document.js';
import { importFile } from '../../src/services/import/import-file.js';
import {
  applyScopeItems,
  claimsLedger,
  proposeClaims,
  registerQuestion,
  reviewClaim,
} from '../../src/services/claims/index.js';
import { verifyAudit } from '../../src/services/audit/verify-audit.js';
import { tempDir } from '../helpers/temp-files.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';

const header = 'id,name,sex,age,date,governorate,violation,perpetrator';
const list = [
  'a1,Ahmad,m,7,2014-03-05,Damascus,killed,Army',
  'a2,Fatima,f,34,2014-06,Damascus,died_under_torture,Army',
  'a3,Khaled,m,40,2015,Aleppo,killed,Group',
  'a4,Sara,f,16,2013,Homs,detained,Army',
];

const english =
  '\uFEFFThe group documented at least 3,207 Palestinians killed in Syria, 497 of them under torture.';
const arabic = 'وثقت المجموعة مقتل ما لا يقل عن ٤٠٤٨ فلسطينياً منذ عام 2011.';

describe.each(testStores)('the claims ledger on %s', (kind) => {
  let t: TestDatabase;
  const files = tempDir();
  let englishId = 0;
  let arabicId = 0;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await importFile(t.db, {
      path: files.file('moh.csv', [header, ...list].join('\n')),
      source: 'moh',
      createSource: { nameEn: 'moh' },
      actor: 'test',
    });
    const enc = new TextEncoder();
    englishId = (
      await addDocument(
        t.db,
        { sourceId: null, title: 'Report', language: 'en', bytes: enc.encode(english) },
        'test',
      )
    ).id;
    arabicId = (
      await addDocument(
        t.db,
        { sourceId: null, title: 'بيان', language: 'ar', bytes: enc.encode(arabic) },
        'test',
      )
    ).id;
  });
  afterAll(async () => {
    await t.dispose();
    files.cleanup();
  });

  it('stores proposed claims with quote offsets into the document body, once', async () => {
    const first = await proposeClaims(t.db, englishId, 'test');
    expect(first.added.map((c) => [c.value, c.category, c.status])).toEqual([
      [3207, 'killed', 'proposed'],
      [497, 'died_under_torture', 'proposed'],
    ]);
    const [body] = await t.db.query<{ body: string }>('SELECT body FROM document WHERE id = $1', [
      englishId,
    ]);
    for (const c of first.added) expect(body!.body.slice(c.start, c.end)).toBe(c.quote);
    // Each with the scope its sentence states, proposed like the figure (the part takes its
    // whole's), and where it was read from in the audit trail.
    expect(first.added.map((c) => c.scope)).toEqual([
      { population: 'Palestinians', place: { country: 'Syria' } },
      { population: 'Palestinians', place: { country: 'Syria' } },
    ]);
    // Offsets into the stored body, as the quotes' are.
    const population = body!.body.indexOf('Palestinians');
    const country = body!.body.indexOf('Syria');
    const [proposal] = await t.db.query<{ after: { scopeEvidence: unknown } }>(
      `SELECT after FROM audit_event WHERE action = 'claims.propose' AND entity_id = $1`,
      [String(englishId)],
    );
    expect(proposal!.after.scopeEvidence).toEqual([
      {
        claim: first.added[0]!.id,
        evidence: [
          { field: 'population', text: 'Palestinians', start: population, end: population + 12 },
          { field: 'place.country', text: 'Syria', start: country, end: country + 5 },
        ],
      },
      {
        claim: first.added[1]!.id,
        evidence: [
          { field: 'population', text: 'Palestinians', start: population, end: population + 12 },
          { field: 'place.country', text: 'Syria', start: country, end: country + 5 },
        ],
      },
    ]);
    const again = await proposeClaims(t.db, englishId, 'test');
    expect(again.added).toEqual([]);
    expect(again.alreadyHeld).toBe(2);
    const ar = await proposeClaims(t.db, arabicId, 'test');
    expect(ar.added.map((c) => [c.value, c.qualifier, c.category, c.scope])).toEqual([
      [4048, 'at_least', 'killed', { population: 'Palestinians', period: { start: '2011' } }],
    ]);
    await expect(proposeClaims(t.db, 9999, 'test')).rejects.toThrow(/no document 9999/);
  });

  it('confirms and rejects with a validated scope, audited with before and after', async () => {
    const ledger = await claimsLedger(t.db, { category: 'killed' });
    const claim = ledger[0]!.claims.find((c) => c.value === 3207)!;
    const confirmed = await reviewClaim(
      t.db,
      claim.id,
      {
        decision: 'confirm',
        scopeItems: [
          'population=Palestinians in Syria',
          'country=',
          'period-start=2014',
          'period-end=2014',
        ],
      },
      'user:1',
    );
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.scope).toEqual({
      population: 'Palestinians in Syria',
      period: { start: '2014', end: '2014' },
    });
    const events = await t.db.query<{ before: unknown; after: unknown; action: string }>(
      `SELECT action, before, after FROM audit_event WHERE entity_type = 'claim' AND entity_id = $1`,
      [String(claim.id)],
    );
    expect(events).toEqual([
      {
        action: 'claim.confirm',
        before: {
          status: 'proposed',
          scope: { population: 'Palestinians', place: { country: 'Syria' } },
        },
        after: { status: 'confirmed', scope: confirmed.scope },
      },
    ]);
    await expect(
      reviewClaim(t.db, claim.id, { decision: 'confirm', scopeItems: ['as-of=15 March'] }, 'x'),
    ).rejects.toThrow(/asOf/);
    await expect(
      reviewClaim(t.db, claim.id, { decision: 'confirm', scopeItems: ['colour=red'] }, 'x'),
    ).rejects.toThrow(/not key=value/);
    await expect(
      reviewClaim(t.db, claim.id, { decision: 'confirm', scope: { planet: 'Mars' } }, 'x'),
    ).rejects.toThrow(/invalid scope/);
    const torture = (await claimsLedger(t.db, { category: 'died_under_torture' }))[0]!.claims[0]!;
    const rejected = await reviewClaim(t.db, torture.id, { decision: 'reject' }, 'user:1');
    expect(rejected.status).toBe('rejected');
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it('shows claims on the same question side by side beside the register count', async () => {
    const [killed] = await claimsLedger(t.db, { category: 'killed' });
    expect(killed!.claims.map((c) => [c.value, c.document.title])).toEqual([
      [4048, 'بيان'],
      [3207, 'Report'],
    ]);
    const [arabicClaim, englishClaim] = killed!.claims;
    // The scope in the lexicon's values, and in Arabic words for the Arabic workspace.
    expect(arabicClaim!.scope).toEqual({ population: 'Palestinians', period: { start: '2011' } });
    expect(arabicClaim!.scopeInArabic).toEqual({
      population: 'الفلسطينيون',
      period: { start: '2011' },
    });
    // Proposed scope "since 2011" has no end: the register cannot put it as filters.
    expect(arabicClaim!.register.persons).toBeNull();
    expect(arabicClaim!.register.notes.map((n) => n.text).join(' ')).toMatch(/open-ended/);
    expect(arabicClaim!.register.notes.map((n) => n.code)).toEqual(['period-open']);
    // 2014 only: Ahmad and Fatima (died under torture counts as killed).
    expect(englishClaim!.register.persons).toBe(2);
    expect(englishClaim!.register.where).toMatchObject({ year: ['2014'] });
    expect(englishClaim!.register.notes.map((n) => n.text).join(' ')).toMatch(/population/);
    const population = englishClaim!.register.notes.find(
      (n) => n.code === 'population-not-a-field',
    );
    expect(population?.text).toContain(`"${population?.params.population}"`);
    expect(population?.params.population).toMatch(/\S/);
    // Rejected claims only when asked.
    expect(await claimsLedger(t.db, { category: 'died_under_torture' })).toEqual([]);
    const rejected = await claimsLedger(t.db, { statuses: ['rejected'] });
    expect(rejected.map((q) => q.category)).toEqual(['died_under_torture']);
  });

  it('maps scopes onto register filters only where they fit', () => {
    const scope = applyScopeItems({}, [
      'governorate=Damascus',
      'perpetrator=Army',
      'period-start=2014-01',
      'period-end=2014-03',
    ]);
    expect(registerQuestion('children_killed', scope).where).toEqual({
      violation: ['killed', 'died_under_torture', 'died_under_siege', 'executed'],
      child: ['child'],
      governorate: ['Damascus'],
      perpetrator: ['Army'],
      month: ['2014-01', '2014-02', '2014-03'],
    });
    expect(registerQuestion('population', {}).where).toBeNull();
    expect(
      registerQuestion(
        'killed',
        applyScopeItems({}, ['period-start=2014-01-15', 'period-end=2014']),
      ).where,
    ).toBeNull();
    expect(registerQuestion('killed', applyScopeItems({}, ['period-start=2011'])).where).toBeNull();
  });
});
