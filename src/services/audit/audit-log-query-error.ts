/** A question the audit log cannot answer as asked (an unknown account, say); the API answers 400. */
export class AuditLogQueryError extends Error {
  override readonly name = 'AuditLogQueryError';
  readonly statusCode = 400;
}
