import type { CountField } from '../../core/stats/counts/index.js';
import type { Stratum } from '../../core/stats/estimation/index.js';
import type { Database } from '../../db/database.js';
import { countPersons } from '../stats/index.js';
import { RegisterEstimateError, type RegisterScope } from './estimate-register.js';
import {
  EstimateInputError,
  saveEstimate,
  type SavedEstimate,
  type SaveEstimateRequest,
} from './saved-estimates.js';

/** One stratum of a stratified estimate: kept, or why not. */
export interface KeptStratum {
  stratum: string;
  saved: SavedEstimate | null;
  reason: string | null;
}

/** What every stratum's estimate shares: method, settings, and a label its stratum is added to. */
export type StrataSave = Omit<SaveEstimateRequest, 'input'>;

function stratumLabel(label: string | null | undefined, field: string, stratum: string): string {
  const part = `${field} = ${stratum}`;
  return label?.trim() ? `${label.trim()} (${part})` : part;
}

/**
 * Keeps one estimate per value of `field` among the register's persons in scope, each as a
 * register estimate of its own scope (the filters plus the stratum), so that each can be read
 * and rerun alone. Strata that cannot carry an estimate are reported, not kept.
 */
export async function saveRegisterStrata(
  db: Database,
  field: CountField,
  scope: RegisterScope,
  save: StrataSave,
  actor: string,
): Promise<KeptStratum[]> {
  const groups = await countPersons(db, { by: [field], where: scope.where ?? {} });
  const kept: KeptStratum[] = [];
  for (const group of groups.groups) {
    const stratum = group.values[field] ?? 'unknown';
    try {
      const saved = await saveEstimate(
        db,
        {
          ...save,
          input: { kind: 'register', where: group.where, sources: scope.sources },
          label: stratumLabel(save.label, field, stratum),
        },
        actor,
      );
      kept.push({ stratum, saved, reason: null });
    } catch (error) {
      if (!(error instanceof RegisterEstimateError || error instanceof EstimateInputError))
        throw error;
      kept.push({ stratum, saved: null, reason: error.message });
    }
  }
  return kept;
}

/** Keeps one estimate per stratum of a stratified capture file (see prepareStrata). */
export async function saveCaptureStrata(
  db: Database,
  strata: readonly Stratum[],
  source: { name: string; field: string },
  save: StrataSave,
  actor: string,
): Promise<KeptStratum[]> {
  const kept: KeptStratum[] = [];
  for (const s of strata) {
    if (!s.estimable) {
      kept.push({
        stratum: s.key,
        saved: null,
        reason: s.warnings.map((w) => w.message).join(' ') || 'too few lists record anyone here',
      });
      continue;
    }
    try {
      const saved = await saveEstimate(
        db,
        {
          ...save,
          input: {
            kind: 'captures',
            table: s.table,
            name: `${source.name}, ${source.field} = ${s.key}`,
          },
          label: stratumLabel(save.label, source.field, s.key),
        },
        actor,
      );
      kept.push({ stratum: s.key, saved, reason: null });
    } catch (error) {
      if (!(error instanceof EstimateInputError)) throw error;
      kept.push({ stratum: s.key, saved: null, reason: error.message });
    }
  }
  return kept;
}
