-- The raw row is kept as the JSON text the importer wrote, not as jsonb: jsonb reorders keys and
-- drops duplicates (so it is less verbatim than the text), and building it halved the embedded
-- store's import speed. Queries that need a field of it cast: raw::jsonb ->> 'column'.
ALTER TABLE record ALTER COLUMN raw TYPE text USING raw::text;
ALTER TABLE import_rejection ALTER COLUMN raw TYPE text USING raw::text;
