-- The Admin screen's audit log filters by who, what and what kind of thing, newest first. The
-- trail only grows (every view of restricted details adds an event), so each filter gets an index
-- that also gives the order.
CREATE INDEX audit_event_actor ON audit_event (actor, id);
CREATE INDEX audit_event_action ON audit_event (action, id);
CREATE INDEX audit_event_entity_type ON audit_event (entity_type, id);
-- The date range filter.
CREATE INDEX audit_event_at ON audit_event (at);

-- When an account was disabled, shown beside its state: NULL while it is enabled, and for
-- accounts disabled before this column existed (the audit trail says when).
ALTER TABLE app_user ADD COLUMN disabled_at timestamptz;
