-- The message monitor: an employer's messages, newest first, a page at a time. Without this index
-- every page sorted all of the employer's messages (years of them) to hand out a hundred.
CREATE INDEX IF NOT EXISTS "messages_employer_created_idx" ON "messages" USING btree ("employer_id", "created_at", "id");
