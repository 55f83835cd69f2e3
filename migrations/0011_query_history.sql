-- 0011_query_history.sql — query history (issue 20, parts 1 and 3): one row
-- per Explore run of a user, written by the job runner when the run ends
-- (ok, failed, cancelled, rejected, or stopped for the cost warning), with
-- the planner's estimate (EXPLAIN without ANALYZE) it was checked against.
--   job_id         the query job: a re-delivered job records its run once;
--   params         the {{name}} declarations with the values it ran with;
--   est_*          the estimate (NULL when it could not be made);
--   est_seq_scans  [{"relation", "rows"}] of sequential scans of large tables.
-- Kept DATAMIND_HISTORY_DAYS days (history.purge, a periodic job).
CREATE TABLE query_runs (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    connection_id   uuid REFERENCES connections(id) ON DELETE SET NULL,
    connection_name text NOT NULL DEFAULT '',
    job_id          text NOT NULL UNIQUE,
    sql_text        text NOT NULL,
    params          jsonb NOT NULL DEFAULT '[]',
    status          text NOT NULL CHECK (status IN ('ok', 'error', 'cancelled', 'rejected',
                                                    'needs_confirmation')),
    error           text,
    started_at      timestamptz NOT NULL,
    duration_ms     integer NOT NULL DEFAULT 0,
    row_count       bigint,
    cached          boolean NOT NULL DEFAULT false,
    est_rows        double precision,
    est_cost        double precision,
    est_seq_scans   jsonb
);
CREATE INDEX query_runs_user ON query_runs (org_id, user_id, started_at DESC);
CREATE INDEX query_runs_started ON query_runs (started_at);
