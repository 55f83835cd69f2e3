-- 0004_connection_llm_sharing.sql — what DataMind may send to the LLM about
-- a connection, chosen by an admin (README, "What is sent to the LLM"):
--   schema   table and column names, types, keys, the vocabulary, the
--            questions: no value read from the database (the default);
--   samples  plus sampled values of short text columns;
--   rows     plus result rows (for the insight text) and the summaries of
--            earlier answers, which quote result values.
ALTER TABLE connections ADD COLUMN llm_sharing text NOT NULL DEFAULT 'schema'
    CHECK (llm_sharing IN ('schema', 'samples', 'rows'));
