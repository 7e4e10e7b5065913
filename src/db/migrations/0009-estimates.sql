-- Estimates an analyst chose to keep: how many people there were, including those no list
-- recorded. Each row says what it was computed from (a capture-history table, or the register's
-- persons in a scope, over a set of sources, with the register's state at the time), how (method
-- and settings) and what came out (the figure, its interval and level, the observed count), so a
-- figure quoted later can be traced and rerun. Never a count of named people.
CREATE TABLE estimate (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  label          text CHECK (char_length(label) <= 200),
  notes          text CHECK (char_length(notes) <= 4000),
  method         text NOT NULL CHECK (method IN ('chapman', 'loglinear', 'lcmcr')),
  -- model, average/weights, max order, priors and K, seed, burn-in, samples, thinning
  settings       jsonb NOT NULL,
  -- 'captures' (a table given as it is) or 'register' (the linked register's persons)
  input_kind     text NOT NULL CHECK (input_kind IN ('captures', 'register')),
  -- the lists in order and the capture histories used, plus the register scope and source set
  input          jsonb NOT NULL,
  -- the register when it ran: latest batch id, records, persons, linkage version, latest link run
  register_state jsonb,
  observed       integer NOT NULL CHECK (observed >= 0),
  estimate       double precision,
  lower_bound    double precision,
  upper_bound    double precision,
  level          double precision NOT NULL CHECK (level > 0 AND level < 1),
  -- the whole report (models, posterior summary, warnings) as the estimator gave it
  result         jsonb NOT NULL,
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX estimate_created ON estimate (created_at DESC, id DESC);
