-- 0008_report_schedules.sql — scheduled reports (issue 15, item 6): a
-- dashboard's PDF or a saved query's CSV e-mailed daily or weekly (UTC
-- hour, and weekday for weekly) to a list of addresses by the job worker.
--   next_run_at      when the scheduler next queues it (report_next_run);
--   last_sent_at     the last delivery that reached the SMTP server;
--   last_error(_at)  the last failed attempt (cleared by a success).
-- report_deliveries holds one row per run (schedule, slot): a re-delivered
-- job finds its run already sent and sends nothing again.
CREATE TABLE report_schedules (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    created_by_id   uuid REFERENCES users(id) ON DELETE SET NULL,
    dashboard_id    uuid REFERENCES dashboards(id) ON DELETE CASCADE,
    query_id        uuid REFERENCES saved_queries(id) ON DELETE CASCADE,
    recipients      text[] NOT NULL CHECK (cardinality(recipients) BETWEEN 1 AND 20),
    frequency       text NOT NULL CHECK (frequency IN ('daily', 'weekly')),
    weekday         integer CHECK (weekday BETWEEN 0 AND 6),
    hour            integer NOT NULL CHECK (hour BETWEEN 0 AND 23),
    next_run_at     timestamptz NOT NULL,
    last_sent_at    timestamptz,
    last_error      text,
    last_error_at   timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((dashboard_id IS NULL) <> (query_id IS NULL)),
    CHECK ((frequency = 'weekly') = (weekday IS NOT NULL))
);
CREATE INDEX report_schedules_due ON report_schedules (next_run_at);
CREATE INDEX report_schedules_dashboard ON report_schedules (org_id, dashboard_id);
CREATE INDEX report_schedules_query ON report_schedules (org_id, query_id);

CREATE TABLE report_deliveries (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    schedule_id     uuid NOT NULL REFERENCES report_schedules(id) ON DELETE CASCADE,
    slot            bigint NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    sent_at         timestamptz,
    error           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (schedule_id, slot)
);

-- The first run strictly after `after`: daily at hour:00 UTC, or weekly on
-- weekday (0 = Sunday, as extract(dow)) at hour:00 UTC.
CREATE FUNCTION report_next_run(frequency text, weekday integer, hour integer, after timestamptz)
RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN c > after THEN c ELSE c + CASE frequency WHEN 'weekly' THEN interval '7 days'
                                                            ELSE interval '1 day' END END
    FROM (SELECT (date_trunc('day', after AT TIME ZONE 'UTC')
                  + make_interval(days => CASE frequency WHEN 'weekly'
                        THEN ((weekday - extract(dow FROM after AT TIME ZONE 'UTC')::int + 7) % 7) ELSE 0 END,
                                  hours => hour)) AT TIME ZONE 'UTC' AS c) s
$$;
