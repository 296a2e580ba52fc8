-- An overdue answer's task by its message: the supplier's answer closes it and the sweep looks
-- for it, both by subject->>'messageId'; without this they filtered every open task.
CREATE INDEX IF NOT EXISTS "tasks_answer_overdue_message_idx" ON "tasks" USING btree (("subject"->>'messageId')) WHERE "kind" = 'answer_overdue';
