-- A person's page lists every decision on its records, undone ones included: an index per side
-- over the whole history (match_decision_pair and match_decision_b hold standing decisions only,
-- so the page scanned the whole table).
CREATE INDEX match_decision_a_history ON match_decision (record_a);
CREATE INDEX match_decision_b_history ON match_decision (record_b);
