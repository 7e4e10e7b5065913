import { RecordSearchIndex, type SearchIndexRow } from '../../core/records/search-index.js';
import type { Database, Sql, SqlValue } from '../database.js';
import { newestAuditEventId } from './audit-repository.js';
import { facetValueSql } from './record-filter-sql.js';
import { eventFieldSql } from './stats-person-values.js';

/**
 * The in-memory search index of a store (core/records/search-index.ts), kept in step with it.
 *
 * It is filled from the store a slice at a time, and kept fresh through the audit trail: every
 * write that changes records appends an audit event in its own transaction, and the chain's lock
 * makes event ids follow commit order. Before each search the index reads the newest event id
 * (one index probe); when it has moved, the events since say what changed: an import's batch
 * (its records are read and added), a reviewer's decision (the records it moved, which its
 * event lists, are read again) or another linkage change (every record's person is read
 * again). An import that fails or is refused commits nothing, not even its event, so it never
 * shows. Nothing is added to what an import writes per row.
 *
 * Reading a large import into the index takes seconds (about 13 µs a record on the embedded
 * store). Searches wait for a catch-up of up to `waitLimit` records; above that, the records are
 * added hidden, a slice at a time, in the background, and revealed at once when all are in:
 * meanwhile searches answer from the index as it was (other writes committed meanwhile show when
 * it is done) and say how many records they do not see yet (`lag`, from recordSearchIndex).
 */

/** Audit actions whose transactions may change which person records belong to. */
const changesPersons = (action: string) => action.startsWith('linkage.');
/** The audit action of a committed import; its entity is the batch. */
const importAction = 'import.commit';
/** Records read from the store per query while filling the index (ids, while catching up). */
const sliceSize = 25_000;
/** Slices of a background catch-up, in ids: a request's queries wait for the slice being read. */
const backgroundSliceSize = 5_000;
const personSliceSize = 200_000;
/** Committed records a search waits to see (about a quarter of a second of reading). */
const waitLimit = 20_000;

/**
 * An index row's values in order; facet values come from the very SQL the filters use. The rows
 * of a slice come back as one JSON text: parsing a row at a time costs the embedded store twice
 * as much.
 */
const rowValues = `r.id, r.person_id, r.search_text, r.name, r.name_latin, s.slug, r.violation,
  r.place_country, r.place_governorate, (${facetValueSql.year})::text, (${eventFieldSql.month!})::text,
  r.sex, (${facetValueSql.age})::text, r.age, r.confidentiality = 'restricted'`;

type IndexRowJson = [
  number,
  number,
  string,
  string | null,
  string | null,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  number | null,
  boolean,
];

/** The index rows of the records `recordsSql` selects (a query over `record`, in id order). */
async function readIndexRows(
  db: Sql,
  recordsSql: string,
  params: readonly SqlValue[],
): Promise<SearchIndexRow[]> {
  const rows = await db.query<{ rows: string }>(
    `SELECT coalesce(json_agg(json_build_array(${rowValues}) ORDER BY r.id), '[]')::text AS rows
     FROM (${recordsSql}) r JOIN source s ON s.id = r.source_id`,
    params,
  );
  return (JSON.parse(rows[0]!.rows) as IndexRowJson[]).map((v) => ({
    id: v[0],
    personId: v[1],
    searchText: v[2],
    name: v[3],
    nameLatin: v[4],
    source: v[5],
    violation: v[6],
    country: v[7],
    governorate: v[8],
    year: v[9],
    month: v[10],
    sex: v[11],
    ageGroup: v[12],
    age: v[13],
    restricted: v[14],
  }));
}

/** An audit event as the index reads it. */
interface AuditChange {
  action: string;
  entity_id: string | null;
  moved: number | null;
  moved_records: number[] | null;
}

/** How many records the import batches hold. */
async function acceptedRecords(db: Sql, batches: readonly number[]): Promise<number> {
  const rows = await db.query<{ records: number }>(
    'SELECT coalesce(sum(rows_accepted), 0)::int AS records FROM import_batch WHERE id = ANY($1::int[])',
    [batches],
  );
  return rows[0]?.records ?? 0;
}

/** One store's index and how far into the audit trail it has caught up. */
class IndexHolder {
  private index: RecordSearchIndex | null = null;
  private seenAuditId = 0;
  private readonly batches = new Set<number>();
  private pending: Promise<RecordSearchIndex> | null = null;
  /** The store's count of finished writes when the audit trail was last read (embedded only). */
  private seenWrites: number | undefined;
  /** Records of large imports being added in the background, and the work adding them. */
  private filling: { records: number; done: Promise<void> } | null = null;

  constructor(
    private readonly db: Sql & Partial<Pick<Database, 'writesFinished'>>,
    /** Committed records a search waits to see; more are added in the background. */
    private readonly waitLimit: number,
  ) {}

  /**
   * The index, caught up with every write committed before this call, except while a large
   * import is added in the background: then the index as it was before that import.
   */
  current(): Promise<RecordSearchIndex> {
    if (this.index && this.filling) return Promise.resolve(this.index);
    // Concurrent searches share one catch-up; the next one starts after it.
    this.pending ??= this.catchUp().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Committed records searches do not see yet. */
  get lag(): number {
    return this.filling?.records ?? 0;
  }

  /** Resolves when no import is being added in the background. */
  async settled(): Promise<void> {
    while (this.filling) await this.filling.done;
  }

  private async catchUp(): Promise<RecordSearchIndex> {
    if (!this.index) return this.build();
    // On the embedded store nothing can have been committed while no write has finished.
    const writes = this.db.writesFinished?.();
    if (writes !== undefined && writes === this.seenWrites) return this.index;
    const newest = await newestAuditEventId(this.db);
    if (newest === this.seenAuditId) {
      this.seenWrites = writes;
      return this.index;
    }
    // A reviewer's decision lists the records it moved (up to 1,000) and how many it moved.
    const events = await this.db.query<AuditChange>(
      `SELECT action, entity_id,
         CASE WHEN action = 'linkage.decide' THEN (after->>'moved')::int END AS moved,
         CASE WHEN action = 'linkage.decide' THEN after->'movedRecords' END AS moved_records
       FROM audit_event WHERE id > $1 AND id <= $2
         AND (action = $3 OR action LIKE 'linkage.%') ORDER BY id`,
      [this.seenAuditId, newest, importAction],
    );
    const batches = events
      .filter((e) => e.action === importAction && e.entity_id !== null)
      .map((e) => Number(e.entity_id))
      .filter((b) => !this.batches.has(b));
    const records = batches.length > 0 ? await acceptedRecords(this.db, batches) : 0;
    if (records <= this.waitLimit)
      return this.apply(this.index, events, batches, newest, writes, false);
    const index = this.index;
    const done = this.apply(index, events, batches, newest, writes, true).then(
      () => undefined,
      () => {
        // Half a batch must never show: the next search fills the index again from the store.
        if (this.index === index) this.index = null;
      },
    );
    this.filling = { records, done: done.finally(() => (this.filling = null)) };
    return index;
  }

  /**
   * Brings `index` up to `newest`: the records of `batches`, then the persons linkage events
   * changed. `hidden`: the records are shown only once all are in.
   */
  private async apply(
    index: RecordSearchIndex,
    events: readonly AuditChange[],
    batches: readonly number[],
    newest: number,
    writes: number | undefined,
    hidden: boolean,
  ): Promise<RecordSearchIndex> {
    if (batches.length > 0) {
      // Read by windows of ids, not `id > last ORDER BY id LIMIT n`: right after an import the
      // planner's statistics are stale and that query sorts every record after `last` each time.
      const [range] = await this.db.query<{ first: number | null; last: number | null }>(
        'SELECT min(id) AS first, max(id) AS last FROM record WHERE batch_id = ANY($1::int[])',
        [batches],
      );
      const width = hidden ? backgroundSliceSize : sliceSize;
      for (let from = (range?.first ?? 1) - 1; from < (range?.last ?? 0); from += width) {
        const rows = await readIndexRows(
          this.db,
          'SELECT * FROM record WHERE batch_id = ANY($1::int[]) AND id > $2 AND id <= $3 ORDER BY id',
          [batches, from, from + width],
        );
        // A batch committed while the index was first filled may be in it already.
        const fresh = rows.filter((r) => !index.has(r.id));
        if (fresh.length > 0 && fresh[0]!.id <= index.lastId) {
          // Ids reserved before those already held (imports overlapping on a server): start again.
          return this.build();
        }
        index.add(fresh, { hidden });
        // The embedded store answers in the same thread without giving the event loop a turn:
        // let the server answer other requests between slices.
        await new Promise((resolve) => setImmediate(resolve));
      }
      for (const b of batches) this.batches.add(b);
    }
    const linkage = events.filter((e) => changesPersons(e.action));
    const listed = linkage.every(
      (e) =>
        e.action === 'linkage.decide' &&
        Array.isArray(e.moved_records) &&
        e.moved === e.moved_records.length,
    );
    if (linkage.length > 0 && listed) {
      const moved = [...new Set(linkage.flatMap((e) => e.moved_records!))];
      const rows = await this.db.query<{ id: number; person_id: number }>(
        'SELECT id, person_id FROM record WHERE id = ANY($1::int[])',
        [moved],
      );
      index.setPersons(
        rows.map((r) => r.id),
        rows.map((r) => r.person_id),
      );
    } else if (linkage.length > 0) await this.readPersons(index);
    index.reveal();
    this.seenAuditId = newest;
    this.seenWrites = writes;
    return index;
  }

  private async build(): Promise<RecordSearchIndex> {
    const writes = this.db.writesFinished?.();
    const newest = await newestAuditEventId(this.db);
    const index = new RecordSearchIndex();
    const batches = await this.db.query<{ id: number }>('SELECT id FROM import_batch');
    for (;;) {
      const rows = await readIndexRows(
        this.db,
        'SELECT * FROM record WHERE id > $1 ORDER BY id LIMIT $2',
        [index.lastId, sliceSize],
      );
      index.add(rows);
      if (rows.length < sliceSize) break;
    }
    // Writes committed while the slices were read have later audit events: the next catch-up
    // adds their batches (skipping records already read) and reads persons again after linkage.
    this.batches.clear();
    for (const b of batches) this.batches.add(b.id);
    this.index = index;
    this.seenAuditId = newest;
    this.seenWrites = writes;
    return index;
  }

  private async readPersons(index: RecordSearchIndex): Promise<void> {
    let after = 0;
    for (;;) {
      // As text, a slice at a time: a row per record would cost the embedded store seconds.
      const rows = await this.db.query<{ ids: string | null; persons: string | null }>(
        `SELECT string_agg(id::text, ',' ORDER BY id) AS ids,
           string_agg(person_id::text, ',' ORDER BY id) AS persons
         FROM (SELECT id, person_id FROM record WHERE id > $1 ORDER BY id LIMIT $2) r`,
        [after, personSliceSize],
      );
      if (!rows[0]?.ids) break;
      const ids = rows[0].ids.split(',').map(Number);
      index.setPersons(ids, rows[0].persons!.split(',').map(Number));
      if (ids.length < personSliceSize) break;
      after = ids[ids.length - 1]!;
    }
  }
}

const holders = new WeakMap<Sql, IndexHolder>();

/**
 * Keeps an in-memory search index for this store from now on, and starts filling it, so record
 * searches and facet counts through `db` use it (the server does this; a one-off command keeps
 * searching in SQL). Resolves when the index is first filled.
 */
export function enableRecordSearchIndex(
  db: Sql,
  options: { waitLimit?: number } = {},
): Promise<void> {
  let holder = holders.get(db);
  if (!holder) {
    holder = new IndexHolder(db, options.waitLimit ?? waitLimit);
    holders.set(db, holder);
  }
  return holder.current().then(() => undefined);
}

/**
 * The store's search index, caught up (see IndexHolder.current), with `lag`: the committed
 * records it does not show yet, a large import being added in the background (usually 0). Null
 * when the store keeps no index (see enableRecordSearchIndex).
 */
export async function recordSearchIndex(
  db: Sql,
): Promise<{ index: RecordSearchIndex; lag: number } | null> {
  const holder = holders.get(db);
  if (!holder) return null;
  const index = await holder.current();
  // Read in the same turn as the index: the background work changes it only after a query.
  return { index, lag: holder.lag };
}

/**
 * Catches the index up with every write committed so far, large imports included, and resolves
 * when it has (so that a test sees a large import it has just committed).
 */
export async function settleRecordSearchIndex(db: Sql): Promise<void> {
  const holder = holders.get(db);
  if (!holder) return;
  await holder.current();
  await holder.settled();
  await holder.current();
}
