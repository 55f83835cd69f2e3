-- 0015_data_rights.sql — data rights (issue 17, part 2).
--   organizations.chat_retention_days  chats whose last activity is older
--       are purged by chat.purge (a periodic job); NULL keeps them forever;
--   audit_log.actor_erased  the row's user was erased by an admin: the
--       audit page shows "erased user" (the user row is gone, user_id is
--       NULL, the address is cleared), the action itself is kept.
ALTER TABLE organizations ADD COLUMN chat_retention_days integer
    CHECK (chat_retention_days BETWEEN 1 AND 36500);
ALTER TABLE audit_log ADD COLUMN actor_erased boolean NOT NULL DEFAULT false;
CREATE INDEX chat_sessions_updated ON chat_sessions (org_id, updated_at);
