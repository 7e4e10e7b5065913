/**
 * An event's before or after value as indented JSON, left to right whatever the page's
 * direction. Rendered as text, so whatever it holds is escaped.
 */
export function AuditValue({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <div className="admin-value">
      <span className="muted small">{label}</span>
      <pre dir="ltr">{JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}
