ALTER TABLE "messages" ADD COLUMN "answer_due_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "messages_answer_due_idx" ON "messages" USING btree ("answer_due_at") WHERE "status" IN ('queued', 'sent');--> statement-breakpoint
ALTER TABLE "family_members" ADD COLUMN "end_date" date;--> statement-breakpoint
ALTER TABLE "family_members" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "onboarding_profiles" ADD COLUMN "updated_at" timestamp with time zone;
