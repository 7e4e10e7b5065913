-- The register's data model. See docs/DATA-MODEL.md for the why of each table.

CREATE TABLE app_user (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email            text NOT NULL UNIQUE CHECK (email = lower(email) AND position('@' in email) > 1),
  display_name     text,
  role             text NOT NULL CHECK (role IN ('admin', 'editor', 'reviewer', 'viewer')),
  -- argon2id; NULL until the person sets a password through their one-time link.
  password_hash    text,
  totp_secret      text,
  -- SHA-256 of the one-time set-password token: the token itself is never stored.
  setup_token_hash text UNIQUE,
  setup_expires_at timestamptz,
  failed_logins    integer NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  last_login_at    timestamptz,
  disabled         boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- Server-side sessions. The id is the SHA-256 of the cookie's token, so a leaked table opens
-- no session; the CSRF token is checked on every state-changing request.
CREATE TABLE user_session (
  id           text PRIMARY KEY,
  user_id      integer NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_session_user ON user_session (user_id);

-- Who said it: an organisation, an official list, a media outlet, a report, a witness channel.
CREATE TABLE source (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name_en     text,
  name_ar     text,
  kind        text NOT NULL DEFAULT 'organisation' CHECK (kind IN
                ('organisation', 'official_list', 'media', 'report', 'witness', 'other')),
  url         text,
  notes       text,
  reliability text CHECK (reliability IN ('high', 'medium', 'low', 'unknown')),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- A text the register holds: a statement, article, report or letter.
CREATE TABLE document (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_id        integer REFERENCES source (id),
  title            text NOT NULL,
  language         text,
  body             text NOT NULL,
  url              text,
  published_on     date,
  sha256           text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  confidentiality  text NOT NULL DEFAULT 'public'
                     CHECK (confidentiality IN ('public', 'internal', 'restricted')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (sha256)
);

-- One file brought in. Only committed batches exist: an import that fails leaves no row here.
CREATE TABLE import_batch (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_id      integer NOT NULL REFERENCES source (id),
  file_name      text NOT NULL,
  file_format    text NOT NULL CHECK (file_format IN ('csv', 'xlsx', 'json', 'jsonl')),
  encoding       text,
  sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  byte_size      bigint NOT NULL,
  mapping        jsonb NOT NULL,
  rows_read      integer NOT NULL,
  rows_accepted  integer NOT NULL,
  rows_rejected  integer NOT NULL,
  warnings       integer NOT NULL DEFAULT 0,
  imported_by    text NOT NULL,
  started_at     timestamptz NOT NULL,
  finished_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source_id, sha256)
);

-- The register's view of one individual: the records judged to be him or her.
CREATE TABLE person (
  id         integer PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- An event with dates, place and perpetrator (the siege of Yarmouk camp, Tel al-Zaatar 1976).
CREATE TABLE incident (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title_en        text,
  title_ar        text,
  description     text,
  date_start      date,
  date_end        date,
  date_precision  text NOT NULL DEFAULT 'unknown'
                    CHECK (date_precision IN ('day', 'month', 'year', 'range', 'unknown')),
  place_country     text,
  place_governorate text,
  place_locality    text,
  place_site        text,
  perpetrator     text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (title_en IS NOT NULL OR title_ar IS NOT NULL)
);

-- One source's statement about one person: the raw row verbatim and its normalised fields.
-- source_id, batch_id and person_id carry no foreign key: imports write a batch, its persons and
-- its records in one transaction, and per-row key checks cost a third of an embedded import's
-- time. checkIntegrity (test/integrity.test.ts) finds any record pointing nowhere.
CREATE TABLE record (
  id                integer PRIMARY KEY,
  source_id         integer NOT NULL,
  batch_id          integer,
  row_number        integer,
  source_record_id  text,
  person_id         integer NOT NULL,
  raw               jsonb NOT NULL,
  name              text,
  name_latin        text,
  other_names       text[] NOT NULL DEFAULT '{}',
  kunya             text,
  search_text       text NOT NULL DEFAULT '',
  sex               text CHECK (sex IN ('male', 'female')),
  age               smallint CHECK (age BETWEEN 0 AND 130),
  age_category      text CHECK (age_category IN ('child', 'adult', 'elderly')),
  birth_date_start  date,
  birth_date_end    date,
  birth_date_precision text NOT NULL DEFAULT 'unknown'
                      CHECK (birth_date_precision IN ('day', 'month', 'year', 'range', 'unknown')),
  event_date_start  date,
  event_date_end    date,
  event_date_precision text NOT NULL DEFAULT 'unknown'
                      CHECK (event_date_precision IN ('day', 'month', 'year', 'range', 'unknown')),
  place_country     text,
  place_governorate text,
  place_locality    text,
  place_site        text,
  violation         text CHECK (violation IN ('killed', 'died_under_torture', 'died_under_siege',
                      'executed', 'detained', 'forcibly_disappeared', 'injured', 'displaced')),
  perpetrator       text,
  confidentiality   text NOT NULL DEFAULT 'internal'
                      CHECK (confidentiality IN ('public', 'internal', 'restricted')),
  restricted        jsonb,
  flags             text[] NOT NULL DEFAULT '{}',
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (birth_date_start IS NULL OR birth_date_end IS NULL OR birth_date_start <= birth_date_end),
  CHECK (event_date_start IS NULL OR event_date_end IS NULL OR event_date_start <= event_date_end)
);
CREATE SEQUENCE record_id_seq OWNED BY record.id;
-- One index serves "records of a source" and "records of a batch" (batches belong to a source).
CREATE INDEX record_source_batch ON record (source_id, batch_id);
CREATE INDEX record_person ON record (person_id);

-- Rows a batch could not accept, kept with their reasons so nothing is lost.
CREATE TABLE import_rejection (
  batch_id    integer NOT NULL REFERENCES import_batch (id),
  row_number  integer NOT NULL,
  raw         jsonb NOT NULL,
  restricted  jsonb,
  problems    jsonb NOT NULL,
  PRIMARY KEY (batch_id, row_number)
);

CREATE TABLE record_incident (
  record_id   integer NOT NULL REFERENCES record (id),
  incident_id integer NOT NULL REFERENCES incident (id),
  PRIMARY KEY (record_id, incident_id)
);

-- A figure a document states ("at least 3,207 killed"); the claims issue fills it.
CREATE TABLE claim (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id   integer NOT NULL REFERENCES document (id),
  value         numeric NOT NULL,
  qualifier     text NOT NULL CHECK (qualifier IN
                  ('exactly', 'at_least', 'more_than', 'close_to', 'about', 'up_to')),
  category      text NOT NULL,
  scope         jsonb NOT NULL DEFAULT '{}',
  quote         text NOT NULL,
  quote_start   integer NOT NULL CHECK (quote_start >= 0),
  quote_end     integer NOT NULL CHECK (quote_end > quote_start),
  status        text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'confirmed', 'rejected')),
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Append-only trail of every write, chained by hash so that an edited or removed event shows.
CREATE TABLE audit_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,
  action      text NOT NULL,
  entity_type text NOT NULL,
  entity_id   text,
  before      jsonb,
  after       jsonb,
  prev_hash   text NOT NULL,
  hash        text NOT NULL UNIQUE
);
