-- The optional TOTP second factor (RFC 6238). app_user.totp_secret (0001) holds the base32 secret,
-- sealed with AES-256-GCM when SIJIL_TOTP_KEY is set; without that key it is as safe as the store.
-- A secret is pending, not yet asked at sign-in, until a first valid code sets totp_enabled_at.
ALTER TABLE app_user ADD COLUMN totp_enabled_at timestamptz;
-- The last time step whose code was accepted: a code (or an older one) never works twice.
ALTER TABLE app_user ADD COLUMN totp_last_step integer;

-- One-time recovery codes, for a lost phone: only their SHA-256 is kept (each code has 80
-- random bits, so the hash cannot be reversed by trying codes).
CREATE TABLE totp_recovery_code (
  id        integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id   integer NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at   timestamptz
);
CREATE INDEX totp_recovery_code_user ON totp_recovery_code (user_id);

-- Between a right password and the second factor: a short-lived, single-use token, kept as its
-- SHA-256 like session ids.
CREATE TABLE sign_in_challenge (
  id         text PRIMARY KEY,
  user_id    integer NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sign_in_challenge_user ON sign_in_challenge (user_id);
