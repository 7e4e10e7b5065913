/** What the audit log shows in place of a restricted value. */
export const withheldMark = '[restricted: withheld]';

/**
 * A copy of an audit event's before or after value with anything under a `restricted` key
 * replaced by a mark. No service puts restricted details (witnesses, contacts, informants) in the
 * trail (they audit record ids, counts and flags), but the log is read by people who may not
 * otherwise see those details, so it holds the line itself rather than trust every writer.
 * Flags (`restricted: true`) are kept: they say that something happened, not what it held.
 */
export function withholdRestricted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withholdRestricted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
      key,
      /^restricted$/i.test(key) && inner !== null && typeof inner !== 'boolean'
        ? withheldMark
        : withholdRestricted(inner),
    ]),
  );
}
