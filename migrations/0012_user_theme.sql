-- 0012_user_theme.sql — each user's colour theme (issue 20, part 5):
-- 'system' follows the browser's prefers-color-scheme, 'light' and 'dark'
-- override it. Read with the session (store_session_load), set on the
-- settings page; the layout puts it on <html data-theme>.
ALTER TABLE users ADD COLUMN theme text NOT NULL DEFAULT 'system'
    CHECK (theme IN ('system', 'light', 'dark'));
