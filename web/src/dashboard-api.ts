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

/** An estimate someone kept (GET /api/estimates): the figure, its interval, what it came from. */
export interface KeptEstimate {
  id: number;
  label: string | null;
  method: 'chapman' | 'loglinear' | 'lcmcr';
  model: string | null;
  observed: number;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  level: number;
  lists: string[];
  inputKind: 'captures' | 'register';
  createdBy: string;
  createdAt: string;
}

export async function fetchKeptEstimates(): Promise<{ note: string; estimates: KeptEstimate[] }> {
  return call<{ note: string; estimates: KeptEstimate[] }>('/api/estimates?limit=8');
}
