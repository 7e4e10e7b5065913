/**
 * The register's way of linking (`sijil link`), run on an evaluation set: the set's other lists
 * are linked first, then the cross-source list arrives as a new batch and only its records are
 * fresh. Scored on cross-source pairs, as `sijil dedupe` is on the same set.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import {
  evaluateLinkage,
  linkWithConstraints,
  type EvaluationResult,
  type LinkInputRecord,
} from '../src/core/linkage/index.js';

export interface RegisterRun {
  readonly evaluation: EvaluationResult;
  readonly attached: number;
}

export async function linkLikeTheRegister(
  input: string,
  truth: string,
  newSource: string,
): Promise<RegisterRun> {
  const rows = parse<Record<string, string>>(await readFile(input), { columns: true });
  const records: LinkInputRecord[] = rows.map((r) => ({
    source: r.source ?? '',
    recordId: r.record_id ?? '',
    name: r.name ?? '',
    nameLatin: r.name_latin ?? '',
    sex: r.sex ?? '',
    age: r.age ?? '',
    birthDate: r.birth_date ?? '',
    deathDate: r.death_date ?? '',
    place: r.place ?? '',
    idNumber: r.id_number ?? '',
  }));
  const earlier = records.filter((r) => r.source !== newSource);
  const first = await linkWithConstraints(earlier, {
    groups: Int32Array.from(earlier, (_, i) => i),
    fresh: new Uint8Array(earlier.length).fill(1),
  });
  // The earlier lists keep their persons; the new list's records each start alone.
  const groups = new Int32Array(records.length);
  const fresh = new Uint8Array(records.length);
  let e = 0;
  records.forEach((r, i) => {
    if (r.source === newSource) {
      groups[i] = earlier.length + i;
      fresh[i] = 1;
    } else groups[i] = first.clusterOf[e++] ?? i;
  });
  const second = await linkWithConstraints(records, { groups, fresh });
  const truthRows = parse<Record<string, string>>(await readFile(truth), { columns: true });
  const evaluation = evaluateLinkage(
    truthRows.map((t) => ({
      source: t.source ?? '',
      recordId: t.record_id ?? '',
      entity: t.entity ?? '',
    })),
    records.map((r, i) => ({
      source: r.source,
      recordId: r.recordId,
      clusterId: String(second.clusterOf[i]),
    })),
    newSource,
  );
  return { evaluation, attached: second.report.attached };
}
