ALTER TABLE "employers" ADD COLUMN "language" text DEFAULT 'nl' NOT NULL;
--> statement-breakpoint
ALTER TABLE "employers" ADD CONSTRAINT "employers_language_check" CHECK ("language" in ('nl', 'fr', 'en'));
--> statement-breakpoint
CREATE TABLE "statement_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL REFERENCES "employers"("id"),
	"status" text DEFAULT 'running' NOT NULL,
	"delivery" text NOT NULL,
	"email_to" text,
	"person_count" integer DEFAULT 0 NOT NULL,
	"done_count" integer DEFAULT 0 NOT NULL,
	"issued_on" date NOT NULL,
	"file_name" text,
	"file_sha256" text,
	"file_size" bigint,
	"error" text,
	"workflow_id" text NOT NULL,
	"started_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"file_purged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "statement_batches_employer_idx" ON "statement_batches" ("employer_id","created_at");
