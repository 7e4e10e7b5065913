import type { Sql } from '../../db/database.js';
import { decisionEffects } from '../../db/repositories/decision-effects-repository.js';
import {
  decisionsOfRecords,
  type PersonDecision,
} from '../../db/repositories/person-decisions-repository.js';
import {
  batchProvenance,
  sourceNames,
  type SourceNames,
} from '../../db/repositories/record-provenance-repository.js';
import {
  incidentsOfRecords,
  type LinkedIncident,
} from '../../db/repositories/record-incidents-repository.js';
import { probeRecordLinks } from '../../db/repositories/record-links-probe.js';
import { queryRecords, type RecordView } from '../../db/repositories/record-query-repository.js';
import { differingFields } from './person-fields.js';
import { recordProvenance, type FieldProvenance } from './record-provenance.js';

/** One source's record of the person, with where it came from. */
export interface PersonRecord extends RecordView {
  sourceNames: SourceNames;
  batch: { id: number; fileName: string; fileFormat: string; importedAt: string } | null;
  /** Field key → where the value came from (see recordProvenance). */
  provenance: Record<string, FieldProvenance>;
}

/** A decision on one of the person's records, with what it did to persons. */
export interface PersonDecisionView extends PersonDecision {
  /** Persons of the two records before and after; null when the audit trail does not say. */
  effect: {
    moved: number;
    personsBefore: { a: number | null; b: number | null };
    personsAfter: { a: number | null; b: number | null };
  } | null;
}

/** Everything the register holds about one person, as a person's page shows it. */
export interface PersonView {
  id: number;
  records: PersonRecord[];
  /** Field keys on which the records disagree. */
  differences: string[];
  decisions: PersonDecisionView[];
  incidents: LinkedIncident[];
}

export interface GetPersonOptions {
  /** Restricted records and details; the caller has checked the role and audits the view. */
  includeRestricted: boolean;
}

const PAGE = 500;

/**
 * A person's records side by side with their provenance, the decisions that touched them and the
 * incidents they name. Null when there is no such person, or none of its records may be shown
 * (a restricted person is not there for those who may not see restricted records).
 */
export async function getPerson(
  db: Sql,
  personId: number,
  options: GetPersonOptions,
): Promise<PersonView | null> {
  const records: RecordView[] = [];
  for (;;) {
    const page = await queryRecords(db, {
      personId,
      afterId: records[records.length - 1]?.id ?? 0,
      limit: PAGE,
      includeRestricted: options.includeRestricted,
    });
    records.push(...page);
    if (page.length < PAGE) break;
  }
  if (records.length === 0) return null;

  const ids = records.map((r) => r.id);
  const batches = await batchProvenance(
    db,
    records.flatMap((r) => (r.batchId === null ? [] : [r.batchId])),
  );
  const sources = await sourceNames(
    db,
    records.map((r) => r.source),
  );
  const links = await probeRecordLinks(db, ids);
  const decisions = links.decisions
    ? await decisionsOfRecords(db, ids, options.includeRestricted)
    : [];
  const effects = await decisionEffects(
    db,
    decisions.map((d) => d.id),
  );
  return {
    id: personId,
    records: records.map((r) => {
      const batch = r.batchId === null ? undefined : batches.get(r.batchId);
      return {
        ...r,
        sourceNames: sources.get(r.source) ?? { slug: r.source, nameEn: null, nameAr: null },
        batch: batch
          ? {
              id: batch.id,
              fileName: batch.fileName,
              fileFormat: batch.fileFormat,
              importedAt: batch.importedAt,
            }
          : null,
        provenance: recordProvenance(r, batch),
      };
    }),
    differences: differingFields(records),
    decisions: decisions.map((d) => {
      const e = effects.get(d.id);
      const person = (map: Record<string, number>, id: number) => map[String(id)] ?? null;
      return {
        ...d,
        effect: e
          ? {
              moved: e.moved,
              personsBefore: {
                a: person(e.personsBefore, d.recordA),
                b: person(e.personsBefore, d.recordB),
              },
              personsAfter: {
                a: person(e.personsAfter, d.recordA),
                b: person(e.personsAfter, d.recordB),
              },
            }
          : null,
      };
    }),
    incidents: links.incidents ? await incidentsOfRecords(db, ids) : [],
  };
}
