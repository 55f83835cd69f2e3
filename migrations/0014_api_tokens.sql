-- 0014_api_tokens.sql — personal API tokens for /api/v1 (issue 17, part 1).
-- A token is "dm_" + base64url of 32 random bytes, shown once when it is
-- made; only its BLAKE2b-256 hash (crypto_generichash of the 32 bytes) is
-- stored, so the table alone opens nothing. A token acts as its user (their
-- role and organization, read at every request) until expires_at (NULL =
-- never), revoked_at, or its user is deactivated or deleted. prefix keeps
-- the first characters of the token, so its owner can tell which is which.
CREATE TABLE api_tokens (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id        uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    prefix        text NOT NULL,
    token_hash    bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (org_id, user_id, created_at DESC);
