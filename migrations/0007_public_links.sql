-- 0007_public_links.sql — read-only public links to a dashboard (issue 15,
-- item 6). A link is a random token of 32 bytes (base64url in the URL
-- /public/d/{token}); only its BLAKE2b-256 hash is stored, so the table
-- alone opens nothing. A link stops working at expires_at (NULL = never,
-- which the page warns about), at revoked_at, when its dashboard is
-- deleted (cascade) or when its creator is deactivated or deleted.
CREATE TABLE dashboard_links (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    dashboard_id    uuid NOT NULL REFERENCES dashboards(id) ON DELETE CASCADE,
    created_by_id   uuid REFERENCES users(id) ON DELETE SET NULL,
    token_hash      bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz,
    revoked_at      timestamptz,
    revoked_by_id   uuid REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX dashboard_links_dashboard ON dashboard_links (org_id, dashboard_id, created_at DESC);
