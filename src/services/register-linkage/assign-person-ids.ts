import type { PersonMove } from '../../db/repositories/linkage-records-repository.js';

/** Persons that were absorbed into another one. */
export interface PersonMerge {
  into: number;
  from: number[];
}

/** The new person of every record, and what changed. */
export interface PersonAssignment {
  /** Person id per record index. */
  personOf: Int32Array;
  moves: PersonMove[];
  merges: PersonMerge[];
  /** Pieces split off a person that still exists. */
  splits: number;
  personsAfter: number;
}

/**
 * Names the clusters of a run with person ids, keeping ids stable. A cluster takes the smallest
 * of its records' current person ids that no other cluster has taken (clusters are served in
 * order of that id; when a person was split, the piece holding its founding record, else the
 * larger piece, keeps the id). A cluster left without one is a new person named after its
 * smallest record id that is not taken. Person ids are record ids, so they never collide with the
 * persons of records imported meanwhile.
 */
export function assignPersonIds(
  recordIds: ArrayLike<number>,
  currentPersons: Int32Array,
  clusterOf: Int32Array,
): PersonAssignment {
  const n = clusterOf.length;
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = clusterOf[i] ?? i;
    const list = members.get(c);
    if (list) list.push(i);
    else members.set(c, [i]);
  }
  interface Cluster {
    members: number[];
    candidates: number[];
    founder: boolean;
    smallestRecord: number;
    id?: number;
  }
  const clusters: Cluster[] = [];
  for (const list of members.values()) {
    const candidates = [...new Set(list.map((i) => currentPersons[i] ?? 0))].sort((x, y) => x - y);
    const first = candidates[0] ?? 0;
    clusters.push({
      members: list,
      candidates,
      founder: list.some((i) => recordIds[i] === first),
      smallestRecord: list.reduce((m, i) => Math.min(m, recordIds[i] ?? 0), Infinity),
    });
  }
  clusters.sort(
    (x, y) =>
      (x.candidates[0] ?? 0) - (y.candidates[0] ?? 0) ||
      Number(y.founder) - Number(x.founder) ||
      y.members.length - x.members.length ||
      x.smallestRecord - y.smallestRecord,
  );
  const taken = new Set<number>();
  for (const c of clusters) {
    const id = c.candidates.find((p) => !taken.has(p));
    if (id === undefined) continue;
    c.id = id;
    taken.add(id);
  }
  for (const c of clusters) {
    if (c.id !== undefined) continue;
    const ids = c.members.map((i) => recordIds[i] ?? 0).sort((x, y) => x - y);
    const id = ids.find((r) => !taken.has(r));
    if (id === undefined) throw new Error('no free person id for a cluster (cannot happen)');
    c.id = id;
    taken.add(id);
  }
  const personOf = new Int32Array(n);
  const moves: PersonMove[] = [];
  const merges: PersonMerge[] = [];
  const piecesOf = new Map<number, number>();
  for (const c of clusters) {
    const id = c.id ?? 0;
    for (const i of c.members) {
      personOf[i] = id;
      const from = currentPersons[i] ?? 0;
      if (from !== id) moves.push({ recordId: recordIds[i] ?? 0, fromPerson: from, toPerson: id });
    }
    for (const p of c.candidates) piecesOf.set(p, (piecesOf.get(p) ?? 0) + 1);
    const absorbed = c.candidates.filter((p) => p !== id && !taken.has(p));
    if (absorbed.length > 0) merges.push({ into: id, from: absorbed });
  }
  let splits = 0;
  for (const pieces of piecesOf.values()) splits += pieces - 1;
  merges.sort((x, y) => x.into - y.into);
  moves.sort((x, y) => x.recordId - y.recordId);
  return { personOf, moves, merges, splits, personsAfter: clusters.length };
}
