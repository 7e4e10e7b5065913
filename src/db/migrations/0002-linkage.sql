-- Linkage inside the register: human decisions on pairs, the review queue, runs.
-- See docs/METHODOLOGY.md, "Linkage in the register".

-- One run of `sijil link`: who, when, with which parameters, and what it changed.
CREATE TABLE link_run (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  actor           text NOT NULL,
  started_at      timestamptz NOT NULL,
  finished_at     timestamptz NOT NULL DEFAULT now(),
  parameters      jsonb NOT NULL,
  records         integer NOT NULL,
  new_records     integer NOT NULL,
  persons_before  integer NOT NULL,
  persons_after   integer NOT NULL,
  merges          integer NOT NULL,
  splits          integer NOT NULL,
  candidate_pairs integer NOT NULL,
  queued          integer NOT NULL,
  report          jsonb NOT NULL
);

-- Records a run has linked. A run considers only links touching records not in here, so
-- re-running changes nothing and a new batch does not redo the world. No foreign key, as for
-- record.person_id: runs write it with COPY, in bulk.
CREATE TABLE linked_record (
  record_id integer PRIMARY KEY,
  run_id    integer NOT NULL
);

-- A human judgement on two records. Stored as an unordered pair (record_a < record_b); an undone
-- or superseded decision stays, with who undid it and when, so the history is complete.
CREATE TABLE match_decision (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  record_a    integer NOT NULL REFERENCES record (id),
  record_b    integer NOT NULL REFERENCES record (id),
  decision    text NOT NULL CHECK (decision IN ('same', 'different')),
  decided_by  text NOT NULL,
  decided_at  timestamptz NOT NULL DEFAULT now(),
  note        text,
  undone_by   text,
  undone_at   timestamptz,
  CHECK (record_a < record_b),
  CHECK ((undone_by IS NULL) = (undone_at IS NULL))
);
-- One standing decision per unordered pair.
CREATE UNIQUE INDEX match_decision_pair ON match_decision (record_a, record_b) WHERE undone_at IS NULL;
CREATE INDEX match_decision_b ON match_decision (record_b) WHERE undone_at IS NULL;

-- The review queue: uncertain pairs of the last run, with the model's reasons field by field.
-- Open entries are replaced by each run; a decided pair leaves the queue.
CREATE TABLE match_candidate (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  record_a     integer NOT NULL REFERENCES record (id),
  record_b     integer NOT NULL REFERENCES record (id),
  run_id       integer NOT NULL REFERENCES link_run (id),
  probability  double precision NOT NULL CHECK (probability >= 0 AND probability <= 1),
  match_weight double precision NOT NULL,
  -- How much a decision on this pair would teach the model (higher first).
  priority     double precision NOT NULL,
  same_person  boolean NOT NULL,
  explanation  jsonb NOT NULL,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'decided')),
  CHECK (record_a < record_b)
);
CREATE UNIQUE INDEX match_candidate_open_pair ON match_candidate (record_a, record_b)
  WHERE status = 'open';
CREATE INDEX match_candidate_queue ON match_candidate (priority DESC) WHERE status = 'open';

-- A counter every change of persons by linkage bumps (runs, decisions, undos): a run that read
-- the register before a decision was taken refuses to write over it.
CREATE TABLE linkage_state (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version   bigint NOT NULL
);
INSERT INTO linkage_state (singleton, version) VALUES (true, 0);
