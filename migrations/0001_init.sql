-- 0001_init.sql — DataMind's data model.
--
-- Every row belongs to an organization: tables that hang off another table
-- still carry org_id, so every store query can filter on it directly and a
-- guessed id from another organization finds nothing. Keys are UUIDs.

CREATE TABLE organizations (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    slug            text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{2,63}$'),
    plan            text NOT NULL DEFAULT 'free',
    max_connections integer NOT NULL DEFAULT 20 CHECK (max_connections >= 0),
    max_users       integer NOT NULL DEFAULT 50 CHECK (max_users >= 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    email           text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    password_hash   text NOT NULL,
    full_name       text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    role            text NOT NULL DEFAULT 'analyst' CHECK (role IN ('admin', 'analyst', 'viewer')),
    is_active       boolean NOT NULL DEFAULT true,
    last_login_at   timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, email)
);
CREATE INDEX users_org_id ON users (org_id);
CREATE INDEX users_email ON users (lower(email));

CREATE TABLE sessions (
    id              bytea PRIMARY KEY CHECK (length(id) = 16),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_seen_at    timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    ip_address      text,
    user_agent      text
);
CREATE INDEX sessions_org_id ON sessions (org_id);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE connections (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    created_by_id   uuid REFERENCES users(id) ON DELETE SET NULL,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind            text NOT NULL DEFAULT 'postgresql' CHECK (kind IN ('postgresql', 'uploads')),
    host            text NOT NULL DEFAULT '',
    port            integer NOT NULL DEFAULT 5432 CHECK (port BETWEEN 1 AND 65535),
    database_name   text NOT NULL DEFAULT '',
    username        text NOT NULL DEFAULT '',
    password_enc    bytea,            -- crypto_secretbox: nonce || ciphertext
    sslmode         text NOT NULL DEFAULT 'prefer'
                    CHECK (sslmode IN ('disable', 'prefer', 'require', 'verify-full')),
    allowed_functions text[] NOT NULL DEFAULT '{}',
    version         integer NOT NULL DEFAULT 1,   -- bumped on edit: part of cache keys
    last_synced_at  timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, name)
);
CREATE INDEX connections_org_id ON connections (org_id);

CREATE TABLE schema_tables (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    connection_id   uuid NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    schema_name     text NOT NULL,
    table_name      text NOT NULL,
    table_type      text NOT NULL DEFAULT 'table' CHECK (table_type IN ('table', 'view')),
    row_estimate    bigint,
    description     text,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (connection_id, schema_name, table_name)
);
CREATE INDEX schema_tables_org_id ON schema_tables (org_id);

CREATE TABLE schema_columns (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    table_id        uuid NOT NULL REFERENCES schema_tables(id) ON DELETE CASCADE,
    column_name     text NOT NULL,
    data_type       text NOT NULL,
    ordinal         integer NOT NULL,
    is_nullable     boolean NOT NULL DEFAULT true,
    is_primary_key  boolean NOT NULL DEFAULT false,
    fk_schema       text,
    fk_table        text,
    fk_column       text,
    null_fraction   real,
    distinct_estimate real,
    sample_values   jsonb,
    description     text,
    UNIQUE (table_id, column_name)
);
CREATE INDEX schema_columns_org_id ON schema_columns (org_id);
CREATE INDEX schema_columns_table_id ON schema_columns (table_id);

-- Business vocabulary: a term mapped to a column or to a metric (SQL expression).
CREATE TABLE vocabulary (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    connection_id   uuid NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    term            text NOT NULL CHECK (length(term) BETWEEN 1 AND 100),
    description     text NOT NULL DEFAULT '',
    kind            text NOT NULL CHECK (kind IN ('column', 'metric')),
    table_name      text NOT NULL,
    column_name     text,
    expression      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (connection_id, term)
);
CREATE INDEX vocabulary_org_id ON vocabulary (org_id);

CREATE TABLE chat_sessions (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    connection_id   uuid REFERENCES connections(id) ON DELETE SET NULL,
    title           text NOT NULL DEFAULT 'New chat',
    is_pinned       boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_sessions_org_id ON chat_sessions (org_id);
CREATE INDEX chat_sessions_user ON chat_sessions (user_id, updated_at DESC);

CREATE TABLE chat_messages (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    session_id      uuid NOT NULL REFERENCES chat_sessions(id) ON DELETE CASCADE,
    role            text NOT NULL CHECK (role IN ('user', 'assistant')),
    content         text NOT NULL,
    sql_text        text,
    plan            jsonb,
    result_preview  jsonb,            -- {columns, rows} at most 100 rows
    row_count       bigint,
    truncated       boolean NOT NULL DEFAULT false,
    chart_config    jsonb,
    clarify         jsonb,            -- {question, options[]} when it asked back
    confidence      real,
    timings         jsonb,            -- {plan_ms, query_ms, total_ms, cached}
    token_usage     jsonb,
    error_message   text,
    context_summary text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_messages_org_id ON chat_messages (org_id);
CREATE INDEX chat_messages_session ON chat_messages (session_id, created_at);

CREATE TABLE saved_queries (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    created_by_id   uuid REFERENCES users(id) ON DELETE SET NULL,
    connection_id   uuid REFERENCES connections(id) ON DELETE SET NULL,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description     text NOT NULL DEFAULT '',
    sql_text        text NOT NULL,
    tags            text[] NOT NULL DEFAULT '{}',
    is_shared       boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX saved_queries_org_id ON saved_queries (org_id);

CREATE TABLE dashboards (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    created_by_id   uuid REFERENCES users(id) ON DELETE SET NULL,
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description     text NOT NULL DEFAULT '',
    is_shared       boolean NOT NULL DEFAULT false,
    refresh_minutes integer NOT NULL DEFAULT 0 CHECK (refresh_minutes IN (0, 1, 5, 15, 60)),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dashboards_org_id ON dashboards (org_id);

CREATE TABLE widgets (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    dashboard_id    uuid NOT NULL REFERENCES dashboards(id) ON DELETE CASCADE,
    connection_id   uuid REFERENCES connections(id) ON DELETE SET NULL,
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    kind            text NOT NULL CHECK (kind IN ('chart', 'table', 'kpi', 'text')),
    sql_text        text NOT NULL DEFAULT '',
    body_markdown   text NOT NULL DEFAULT '',
    chart_config    jsonb NOT NULL DEFAULT '{}',
    size            text NOT NULL DEFAULT 'medium' CHECK (size IN ('small', 'medium', 'large', 'full')),
    position        integer NOT NULL DEFAULT 0,
    date_column     text,
    last_result     jsonb,
    last_refreshed_at timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX widgets_org_id ON widgets (org_id);
CREATE INDEX widgets_dashboard ON widgets (dashboard_id, position);

CREATE TABLE alerts (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    created_by_id   uuid REFERENCES users(id) ON DELETE SET NULL,
    connection_id   uuid NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description     text NOT NULL DEFAULT '',
    sql_text        text NOT NULL,
    condition       text NOT NULL CHECK (condition IN ('above', 'below', 'change_pct', 'anomaly', 'rows')),
    threshold       double precision,
    anomaly_k       double precision NOT NULL DEFAULT 3,
    anomaly_n       integer NOT NULL DEFAULT 20 CHECK (anomaly_n BETWEEN 5 AND 1000),
    rows_expect     text CHECK (rows_expect IN ('any', 'none')),
    interval_minutes integer NOT NULL DEFAULT 60 CHECK (interval_minutes BETWEEN 1 AND 1440),
    channels        jsonb NOT NULL DEFAULT '["in_app"]',
    webhook_url     text,
    email_to        text,
    state           text NOT NULL DEFAULT 'ok' CHECK (state IN ('ok', 'triggered', 'error')),
    is_active       boolean NOT NULL DEFAULT true,
    muted_until     timestamptz,
    consecutive_errors integer NOT NULL DEFAULT 0,
    last_checked_at timestamptz,
    last_value      double precision,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alerts_org_id ON alerts (org_id);

-- One value per (alert, slot): a re-delivered check job cannot record twice.
CREATE TABLE alert_values (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    alert_id        uuid NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    slot            bigint NOT NULL,
    value           double precision,
    error           text,
    checked_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (alert_id, slot)
);
CREATE INDEX alert_values_org_id ON alert_values (org_id);

CREATE TABLE alert_events (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    alert_id        uuid NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    slot            bigint,
    kind            text NOT NULL CHECK (kind IN ('triggered', 'resolved', 'error', 'disabled', 'delivery_failed')),
    value           double precision,
    message         text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (alert_id, slot, kind)
);
CREATE INDEX alert_events_org_id ON alert_events (org_id);
CREATE INDEX alert_events_alert ON alert_events (alert_id, created_at DESC);

CREATE TABLE notifications (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    alert_id        uuid REFERENCES alerts(id) ON DELETE CASCADE,
    event_id        uuid REFERENCES alert_events(id) ON DELETE CASCADE,
    title           text NOT NULL,
    body            text NOT NULL DEFAULT '',
    link            text,
    is_read         boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, event_id)
);
CREATE INDEX notifications_org_id ON notifications (org_id);
CREATE INDEX notifications_user ON notifications (user_id, is_read, created_at DESC);

CREATE TABLE uploads (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id         uuid REFERENCES users(id) ON DELETE SET NULL,
    connection_id   uuid REFERENCES connections(id) ON DELETE SET NULL,
    original_filename text NOT NULL,
    table_name      text NOT NULL,
    size_bytes      bigint,
    row_count       bigint,
    column_count    integer,
    status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
    error_message   text,
    details         jsonb NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX uploads_org_id ON uploads (org_id);

CREATE TABLE audit_log (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid REFERENCES organizations(id) ON DELETE CASCADE,
    user_id         uuid REFERENCES users(id) ON DELETE SET NULL,
    action          text NOT NULL,
    resource_type   text,
    resource_id     text,
    details         jsonb NOT NULL DEFAULT '{}',
    ip_address      text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_org_id ON audit_log (org_id, created_at DESC);
CREATE INDEX audit_log_action ON audit_log (org_id, action, created_at DESC);
