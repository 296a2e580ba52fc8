-- The controls' outputs hold personal values (national ids, names, salaries, premiums): past the
-- `controls` retention term they go (activities/retention/purge.ts); the rows stay, marked.
ALTER TABLE "comparison_runs" ADD COLUMN IF NOT EXISTS "results_purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bordereau_runs" ADD COLUMN IF NOT EXISTS "purged_at" timestamp with time zone;
