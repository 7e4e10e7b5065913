import { call } from './api';

/** What GET /api/stats/breakdowns answers: counts of unique persons ('unknown' for no value). */
export interface DashboardBreakdowns {
  persons: number;
  deaths: {
    violations: string[];
    persons: number;
    byMonth: { month: string; persons: number }[];
    undated: number;
  };
  violations: { violation: string; persons: number }[];
  places: { country: string; governorate: string; persons: number }[];
  otherPlaces: { places: number; persons: number };
  ageAndSex: {
    bands: { label: string; group: 'child' | 'adult' | 'elderly' }[];
    ageGroups: { group: string; from: number; to: number | null }[];
    groups: { ageBand: string; sex: string; persons: number }[];
  };
  sources: {
    persons: number;
    sources: { source: string; records: number; persons: number; onlyHere: number }[];
    captures: { sources: string[]; count: number }[];
  };
}

export async function fetchBreakdowns(): Promise<DashboardBreakdowns> {
  return call<DashboardBreakdowns>('/api/stats/breakdowns');
}

/** An estimate of the total, with its interval (GET /api/estimate). */
export interface Estimate {
  note: string;
  method: string;
  observed: number;
  /** Null when the method gives none here. */
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  level: number;
  lists: string[];
  warnings: string[];
  explanation: string[];
}

export async function fetchEstimate(): Promise<Estimate> {
  return call<Estimate>('/api/estimate');
}
