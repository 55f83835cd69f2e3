-- 0003_chat_understood.sql — what the planner understood, word by word,
-- kept with each answer and shown under it ("revenue by month in 2025;
-- read "custmers" as "customer""), so a reader can see how the question
-- was read before trusting the number.
ALTER TABLE chat_messages ADD COLUMN understood text;
