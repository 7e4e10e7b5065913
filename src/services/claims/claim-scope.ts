import { z } from 'zod';
import { ClaimError } from './claim-error.js';

// A year, a month or a day: statements give "since 2011" as often as "as of 15 March 2024".
const partialDate = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
    'write YYYY, YYYY-MM or YYYY-MM-DD',
  );
const text = z.string().trim().min(1).max(200);

/**
 * What a claim counts: population ("Palestinians in Syria"), place (as a hierarchy), perpetrator
 * as the document attributes it, period and the date the figure was given as of. Stored as jsonb.
 */
export const claimScopeSchema = z
  .object({
    population: text.optional(),
    place: z
      .object({
        country: text.optional(),
        governorate: text.optional(),
        locality: text.optional(),
        site: text.optional(),
      })
      .strict()
      .optional(),
    perpetrator: text.optional(),
    period: z
      .object({ start: partialDate.optional(), end: partialDate.optional() })
      .strict()
      .optional(),
    asOf: partialDate.optional(),
  })
  .strict();

/** A validated claim scope. */
export type ClaimScope = z.infer<typeof claimScopeSchema>;

/** The `--scope key=value` keys and where each goes in the scope. */
export const scopeKeys = [
  'population',
  'country',
  'governorate',
  'locality',
  'site',
  'perpetrator',
  'period-start',
  'period-end',
  'as-of',
] as const;
type ScopeKey = (typeof scopeKeys)[number];

const isScopeKey = (k: string): k is ScopeKey => (scopeKeys as readonly string[]).includes(k);

/** Validates a stored or submitted scope; the message names what is wrong. */
export function parseClaimScope(value: unknown): ClaimScope {
  const result = claimScopeSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new ClaimError(`invalid scope: ${where}${issue?.message ?? 'not a scope'}`);
  }
  return dropEmpty(result.data);
}

/**
 * Applies `key=value` items to a scope (an empty value clears the key), then validates it. Keys:
 * population, country, governorate, locality, site, perpetrator, period-start, period-end, as-of.
 */
export function applyScopeItems(base: ClaimScope, items: readonly string[]): ClaimScope {
  const next: ClaimScope = structuredClone(base);
  for (const item of items) {
    const eq = item.indexOf('=');
    const key = item.slice(0, Math.max(eq, 0)).trim().toLowerCase().replace(/_/g, '-');
    if (eq <= 0 || !isScopeKey(key))
      throw new ClaimError(`"${item}" is not key=value with a key among ${scopeKeys.join(', ')}`);
    const raw = item.slice(eq + 1).trim();
    const value = raw === '' ? undefined : raw;
    switch (key) {
      case 'population':
      case 'perpetrator':
        next[key] = value;
        break;
      case 'country':
      case 'governorate':
      case 'locality':
      case 'site':
        next.place = { ...next.place, [key]: value };
        break;
      case 'period-start':
        next.period = { ...next.period, start: value };
        break;
      case 'period-end':
        next.period = { ...next.period, end: value };
        break;
      case 'as-of':
        next.asOf = value;
        break;
    }
  }
  return parseClaimScope(dropEmpty(next));
}

/** One line for a scope: "population=…; governorate=…; period=2011…2014". */
export function describeScope(scope: ClaimScope): string {
  const parts: string[] = [];
  if (scope.population) parts.push(`population=${scope.population}`);
  for (const [k, v] of Object.entries(scope.place ?? {})) if (v) parts.push(`${k}=${v}`);
  if (scope.perpetrator) parts.push(`perpetrator=${scope.perpetrator}`);
  if (scope.period) parts.push(`period=${scope.period.start ?? '…'}…${scope.period.end ?? ''}`);
  if (scope.asOf) parts.push(`as of ${scope.asOf}`);
  return parts.length > 0 ? parts.join('; ') : 'no scope given';
}

// undefined keys and empty objects out, so equal scopes store (and compare) the same.
function dropEmpty(scope: ClaimScope): ClaimScope {
  const out: ClaimScope = {};
  if (scope.population !== undefined) out.population = scope.population;
  const place = Object.fromEntries(
    Object.entries(scope.place ?? {}).filter(([, v]) => v !== undefined),
  );
  if (Object.keys(place).length > 0) out.place = place;
  if (scope.perpetrator !== undefined) out.perpetrator = scope.perpetrator;
  const period = Object.fromEntries(
    Object.entries(scope.period ?? {}).filter(([, v]) => v !== undefined),
  );
  if (Object.keys(period).length > 0) out.period = period;
  if (scope.asOf !== undefined) out.asOf = scope.asOf;
  return out;
}
