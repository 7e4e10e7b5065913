import {
  recordAgeGroupOf,
  recordAgeGroupRanges,
  type RecordAgeGroup,
} from '../../core/records/age-group.js';
import { deathViolations, type ViolationType } from '../../core/records/record-fields.js';
import { ageGroups, UNKNOWN } from '../../core/stats/counts/index.js';
import type { Sql } from '../../db/database.js';
import { compareSources, type SourceComparison } from './compare-sources.js';
import { countPersons } from './count-persons.js';

/** Persons in one month (YYYY-MM). */
export interface MonthCount {
  month: string;
  persons: number;
}

export interface PlaceCount {
  /** 'unknown' when the records give none. */
  country: string;
  governorate: string;
  persons: number;
}

/** An age band of the counts and the broad age group it belongs to. */
export interface AgeBand {
  label: string;
  group: RecordAgeGroup;
}

export interface AgeSexCount {
  /** An age band label, or 'unknown'. */
  ageBand: string;
  /** 'female', 'male' or 'unknown'. */
  sex: string;
  persons: number;
}

/**
 * The figures of the dashboard, all counts of unique persons (records linked as one person count
 * once), with the same rules as `sijil stats` (src/core/stats/counts/count-fields.ts).
 */
export interface DashboardBreakdowns {
  /** Unique persons in the register. */
  persons: number;
  deaths: {
    violations: readonly ViolationType[];
    /** Unique persons with a death recorded. */
    persons: number;
    /** Persons by month of death, months without any left out. */
    byMonth: MonthCount[];
    /** Persons whose records date the death to no single month. */
    undated: number;
  };
  violations: { violation: string; persons: number }[];
  places: PlaceCount[];
  /** Places left out of `places` (the long tail), and their persons (one may be in several). */
  otherPlaces: { places: number; persons: number };
  ageAndSex: {
    bands: AgeBand[];
    /** The ages of each broad group, for labels. */
    ageGroups: typeof recordAgeGroupRanges;
    groups: AgeSexCount[];
  };
  sources: SourceComparison;
}

/** The places charted by name; the rest are summed. */
const placeLimit = 15;

/** Every breakdown the dashboard draws, from the person counts and the source comparison. */
export async function dashboardBreakdowns(db: Sql): Promise<DashboardBreakdowns> {
  const [total, months, violations, places, ageSex, sources] = await Promise.all([
    countPersons(db, { by: [], where: {} }),
    countPersons(db, { by: ['month'], where: { violation: deathViolations } }),
    countPersons(db, { by: ['violation'], where: {} }),
    countPersons(db, { by: ['country', 'governorate'], where: {} }),
    countPersons(db, { by: ['age_group', 'sex'], where: {} }),
    compareSources(db),
  ]);
  const value = (v: string | undefined) => v ?? UNKNOWN;
  const byPersons = [...places.groups].sort((a, b) => b.persons - a.persons);
  const rest = byPersons.slice(placeLimit);
  return {
    persons: total.total,
    deaths: {
      violations: deathViolations,
      persons: months.total,
      byMonth: months.groups
        .filter((g) => g.values.month !== UNKNOWN)
        .map((g) => ({ month: value(g.values.month), persons: g.persons })),
      undated: months.groups.find((g) => g.values.month === UNKNOWN)?.persons ?? 0,
    },
    violations: violations.groups.map((g) => ({
      violation: value(g.values.violation),
      persons: g.persons,
    })),
    places: byPersons.slice(0, placeLimit).map((g) => ({
      country: value(g.values.country),
      governorate: value(g.values.governorate),
      persons: g.persons,
    })),
    otherPlaces: { places: rest.length, persons: rest.reduce((sum, g) => sum + g.persons, 0) },
    ageAndSex: {
      bands: ageGroups.map((g) => ({ label: g.label, group: recordAgeGroupOf(g.from, null)! })),
      ageGroups: recordAgeGroupRanges,
      groups: ageSex.groups.map((g) => ({
        ageBand: value(g.values.age_group),
        sex: value(g.values.sex),
        persons: g.persons,
      })),
    },
    sources,
  };
}
