-- 0009_query_params.sql — {{name}} parameters (issue 15, item 2). Each is
-- a JSON array of {"name", "type" (text|number|date|list), "value",
-- "column"?}: on a saved query and a widget, "value" is the default; on an
-- alert, the value its checks run with. Values are bound as parameters,
-- never written into the SQL.
ALTER TABLE saved_queries ADD COLUMN params jsonb NOT NULL DEFAULT '[]';
ALTER TABLE widgets ADD COLUMN params jsonb NOT NULL DEFAULT '[]';
ALTER TABLE alerts ADD COLUMN params jsonb NOT NULL DEFAULT '[]';
