-- A person's tasks: the retention purge erases what was answered about a person who left.
CREATE INDEX IF NOT EXISTS "tasks_person_idx" ON "tasks" USING btree (("subject"->>'personId'));
