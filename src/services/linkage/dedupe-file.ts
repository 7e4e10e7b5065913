import { writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import {
  explainComparison,
  linkRecords,
  matchProbability,
  NAME_FIELD_COUNT,
  FIELD_COUNT,
  type LinkReport,
  type LinkResult,
} from '../../core/linkage/index.js';
import { writeClusteredCsv } from './clustered-csv.js';
import { readLinkTable, rowKey, type LinkTable } from './link-csv.js';
import { createWorkerComparer } from './worker-comparer.js';

/** Options of `sijil dedupe`. */
export interface DedupeOptions {
  readonly input: string;
  readonly output: string;
  /** Match probability a link must reach; the model's default when undefined. */
  readonly threshold?: number;
  /** Where to write the explained candidate pairs. */
  readonly explain?: string;
  /** Worker threads for the comparison phase (0 = in this thread). */
  readonly workers: number;
}

/** What a dedupe run reports back. */
export interface DedupeSummary {
  readonly rows: number;
  readonly clusters: number;
  readonly warnings: readonly string[];
  readonly report: LinkReport;
  readonly explainedPairs: number;
}

/** Pairs below this probability are left out of the explanation file (they are legion). */
const EXPLAIN_MIN_PROBABILITY = 0.01;

/** Reads IN.csv, links its records, writes OUT.csv with a cluster_id per row. */
export async function dedupeFile(options: DedupeOptions): Promise<DedupeSummary> {
  const started = performance.now();
  const table = await readLinkTable(options.input, options.workers);
  const readSeconds = (performance.now() - started) / 1000;
  const warnings = [...table.warnings];
  if (table.records.count === 0) warnings.push(`${options.input}: no data rows`);
  const result = await linkRecords(
    table.records,
    options.threshold === undefined ? {} : { threshold: options.threshold },
    createWorkerComparer(options.workers),
  );
  const writing = performance.now();
  await writeClusteredCsv(table, result.clusterOf, options.output);
  let explainedPairs = 0;
  if (options.explain !== undefined) {
    const text = explainedPairsCsv(table, result);
    explainedPairs = text.count;
    await writeFile(options.explain, text.csv);
  }
  // Reading and preparing happen together; the pipeline's "prepare" is only what is left.
  const seconds = {
    read: readSeconds,
    ...result.report.seconds,
    write: (performance.now() - writing) / 1000,
  };
  return {
    rows: table.records.count,
    clusters: result.report.clusters,
    warnings,
    report: { ...result.report, seconds },
    explainedPairs,
  };
}

/**
 * The candidate pairs worth a look, with every field's level and weight, so a
 * reviewer sees why two records were (or were not) put together.
 */
export function explainedPairsCsv(
  table: LinkTable,
  result: LinkResult,
): { csv: string; count: number } {
  const fields = result.model.fields;
  const header = [
    'source_a',
    'record_id_a',
    'source_b',
    'record_id_b',
    'probability',
    'match_weight',
    'same_cluster',
    'blocking_rules',
    'prior_weight',
    ...fields.flatMap((f) => [`${f.name}_level`, `${f.name}_weight`]),
  ];
  const rows: string[][] = [header];
  const levels = new Uint8Array(FIELD_COUNT);
  const tf = new Float32Array(NAME_FIELD_COUNT);
  const keys = new Map<number, { source: string; recordId: string }>();
  const keyOf = (r: number): { source: string; recordId: string } => {
    let k = keys.get(r);
    if (!k) keys.set(r, (k = rowKey(table, r)));
    return k;
  };
  for (let p = 0; p < result.left.length; p++) {
    const weight = result.weights[p] ?? -Infinity;
    const probability = matchProbability(weight);
    if (probability < EXPLAIN_MIN_PROBABILITY) continue;
    const a = result.left[p] ?? 0;
    const b = result.right[p] ?? 0;
    levels.set(result.compared.levels.subarray(p * FIELD_COUNT, (p + 1) * FIELD_COUNT));
    tf.set(result.compared.tf.subarray(p * NAME_FIELD_COUNT, (p + 1) * NAME_FIELD_COUNT));
    const sameList = result.records.source[a] === result.records.source[b];
    const explanation = explainComparison(result.model, levels, tf, 0, sameList);
    const bits = result.ruleBits[p] ?? 0;
    const ka = keyOf(a);
    const kb = keyOf(b);
    rows.push([
      ka.source,
      ka.recordId,
      kb.source,
      kb.recordId,
      probability.toFixed(4),
      weight.toFixed(2),
      result.clusterOf[a] === result.clusterOf[b] ? 'yes' : 'no',
      result.ruleNames.filter((_, r) => (bits & (1 << r)) !== 0).join(' '),
      explanation.prior.toFixed(2),
      ...explanation.fields.flatMap((f) => [f.level, f.weight.toFixed(2)]),
    ]);
  }
  return { csv: stringify(rows), count: rows.length - 1 };
}
