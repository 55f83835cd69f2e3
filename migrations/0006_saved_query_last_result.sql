-- 0006_saved_query_last_result.sql — a saved query's page shows its last
-- result and chart (issue 15), as a widget keeps its own (last_result,
-- last_error):
--   last_result   the last run's result ({"columns", "rows" up to the row
--                 cap, "row_count", "truncated", "ms", …}), NULL until one
--                 ran; dropped when the SQL or the connection changes;
--   last_run_at   when that result was read;
--   last_error    why the latest run failed (NULL when it worked; the
--                 result before it stays);
--   last_error_at when it failed.
ALTER TABLE saved_queries ADD COLUMN last_result jsonb,
                          ADD COLUMN last_run_at timestamptz,
                          ADD COLUMN last_error text,
                          ADD COLUMN last_error_at timestamptz;
