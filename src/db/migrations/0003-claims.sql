-- The claims ledger: who confirmed or rejected a claim and when, and one proposal per figure.

ALTER TABLE claim ADD COLUMN reviewed_by text;
ALTER TABLE claim ADD COLUMN reviewed_at timestamptz;

-- Proposing a document's claims twice must not double the ledger.
CREATE UNIQUE INDEX claim_document_figure
  ON claim (document_id, quote_start, quote_end, category, value);

CREATE INDEX claim_category_status ON claim (category, status);
