-- 0016_schema_descriptions.sql — the schema browser's plain-English
-- descriptions (issue 18, item 4).
--   schema_tables.description, schema_columns.description (in 0001, unused
--       until now): one sentence each, written by the schema refresh job
--       (src/tasks/schema.c) from what the planner knows (src/ask/describe.c)
--       after each discovery is saved; NULL until then;
--   schema_tables.db_comment, schema_columns.db_comment: the database's own
--       comment where discovery reads one (MySQL/MariaDB, ClickHouse), kept
--       so that the description can be that comment.
ALTER TABLE schema_tables ADD COLUMN db_comment text;
ALTER TABLE schema_columns ADD COLUMN db_comment text;
