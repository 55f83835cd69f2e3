-- 0017_column_ranges.sql — what the dates of a column cover (issue 18).
--   schema_columns.value_min, value_max: the first and last day (YYYY-MM-DD)
--       of a date, timestamp or integer year column, read at discovery
--       (src/engine/ranges.c); NULL for other columns, views, and tables
--       whose read timed out. The planner says when a question's period lies
--       outside them; the schema browser shows them.
ALTER TABLE schema_columns ADD COLUMN value_min text, ADD COLUMN value_max text;
