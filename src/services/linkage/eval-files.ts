import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import {
  evaluateBySourcePair,
  evaluateLinkage,
  type EvaluationResult,
  type SourcePairFigures,
} from '../../core/linkage/index.js';

/** Reads a CSV into objects keyed by header (BOM and CRLF tolerated). */
async function readObjects(
  path: string,
  required: readonly string[],
): Promise<Record<string, string>[]> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  const rows = parse<Record<string, string>>(text, {
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
  });
  const first = rows[0];
  for (const c of required)
    if (first !== undefined && !(c in first)) throw new Error(`${path}: missing column "${c}"`);
  return rows;
}

/** Scores OUT.csv (source, record_id, cluster_id) against TRUTH.csv (source, record_id, entity). */
export async function evaluateFiles(
  truthPath: string,
  resultPath: string,
  crossSource?: string,
): Promise<EvaluationResult> {
  const { truth, result } = await readBoth(truthPath, resultPath);
  return evaluateLinkage(
    truth.map((r) => ({
      source: r.source ?? '',
      recordId: r.record_id ?? '',
      entity: r.entity ?? '',
    })),
    result.map((r) => ({
      source: r.source ?? '',
      recordId: r.record_id ?? '',
      clusterId: r.cluster_id ?? '',
    })),
    crossSource,
  );
}

/** Pairwise figures for each pair of sources (see evaluateBySourcePair). */
export async function evaluateFilesBySource(
  truthPath: string,
  resultPath: string,
): Promise<SourcePairFigures[]> {
  const { truth, result } = await readBoth(truthPath, resultPath);
  return evaluateBySourcePair(
    truth.map((r) => ({
      source: r.source ?? '',
      recordId: r.record_id ?? '',
      entity: r.entity ?? '',
    })),
    result.map((r) => ({
      source: r.source ?? '',
      recordId: r.record_id ?? '',
      clusterId: r.cluster_id ?? '',
    })),
  );
}

async function readBoth(
  truthPath: string,
  resultPath: string,
): Promise<{ truth: Record<string, string>[]; result: Record<string, string>[] }> {
  return {
    truth: await readObjects(truthPath, ['source', 'record_id', 'entity']),
    result: await readObjects(resultPath, ['source', 'record_id', 'cluster_id']),
  };
}
