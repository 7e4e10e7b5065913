-- A linkage's comparison phase spread over processes and machines (docs/SCALING.md): a
-- coordinator stores a snapshot of the records it links and the model it trained, one job per
-- partition; `sijil link-worker` processes claim jobs with FOR UPDATE SKIP LOCKED under a lease
-- and write back every scored pair of their partition. Applied on the embedded store too, where
-- the coordinator does the jobs itself.

-- One distributed comparison: what every partition needs besides the records.
CREATE TABLE link_job_run (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at    timestamptz NOT NULL DEFAULT now(),
  -- open: jobs may be taken; collected: the coordinator has read the results; failed: given up.
  state         text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'collected', 'failed')),
  partitions    integer NOT NULL CHECK (partitions >= 1),
  record_count  integer NOT NULL,
  candidate_pairs integer NOT NULL,
  -- The Fellegi–Sunter model as JSON text (text, not jsonb: numbers must come back bit for bit).
  model         text NOT NULL,
  -- Blocking options (maxBlockSize, window).
  blocking      jsonb NOT NULL,
  -- The coordinator's Sijil version: a worker of another version refuses the run's jobs.
  version       text NOT NULL,
  -- Moved on by the waiting coordinator; workers leave alone a run whose coordinator is gone.
  heartbeat_at  timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);

-- The records of a run as the linkage reads them, in the coordinator's order. No foreign key
-- here nor on link_job_pair: both are written with COPY, in bulk, and a per-row key check costs
-- more than the write; the repository deletes them with their run.
CREATE TABLE link_job_input (
  run_id     integer NOT NULL,
  position   integer NOT NULL,
  source     text NOT NULL,
  record_id  text NOT NULL,
  name       text NOT NULL,
  name_latin text NOT NULL,
  sex        text NOT NULL,
  age        text NOT NULL,
  birth_date text NOT NULL,
  death_date text NOT NULL,
  place      text NOT NULL,
  id_number  text NOT NULL,
  PRIMARY KEY (run_id, position)
);

-- One partition of a run. `attempts` numbers each claim: only the holder of the latest claim
-- may renew the lease or complete the job, so a job taken again after a lease expired is done
-- once.
CREATE TABLE link_job (
  run_id       integer NOT NULL REFERENCES link_job_run (id) ON DELETE CASCADE,
  partition    integer NOT NULL,
  state        text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
  attempts     integer NOT NULL DEFAULT 0,
  worker       text,
  leased_until timestamptz,
  started_at   timestamptz,
  finished_at  timestamptz,
  pairs        integer,
  completions  integer NOT NULL DEFAULT 0,
  error        text,
  PRIMARY KEY (run_id, partition)
);
CREATE INDEX link_job_claimable ON link_job (run_id, partition) WHERE state IN ('queued', 'running');

-- Every scored candidate pair of a partition (positions in the run's input), written with COPY
-- in the same transaction that completes the job. The coordinator checks that every candidate
-- pair comes back from exactly one partition.
CREATE TABLE link_job_pair (
  run_id      integer NOT NULL,
  partition   integer NOT NULL,
  left_index  integer NOT NULL,
  right_index integer NOT NULL,
  rules       smallint NOT NULL,
  -- Match weight (log2 odds) as the worker computed it, bit for bit.
  weight      double precision NOT NULL,
  -- Comparison level per field, one digit each.
  levels      text NOT NULL,
  -- Frequencies of the given, father, grandfather and family name values (0: not weighed).
  tf_given       real NOT NULL,
  tf_father      real NOT NULL,
  tf_grandfather real NOT NULL,
  tf_family      real NOT NULL,
  PRIMARY KEY (run_id, partition, left_index, right_index)
);
