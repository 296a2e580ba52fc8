CREATE TABLE "contribution_settings" (
	"employer_id" uuid PRIMARY KEY NOT NULL REFERENCES "employers"("id"),
	"layout" jsonb NOT NULL,
	"delivery" jsonb DEFAULT '{"transport":"download"}'::jsonb NOT NULL,
	"delivery_credentials_encrypted" text,
	"first_period" text,
	"retro_months" integer DEFAULT 12 NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contribution_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL REFERENCES "employers"("id"),
	"period" text NOT NULL,
	"version" integer NOT NULL,
	"cycle_id" uuid REFERENCES "cycles"("id"),
	"replaces_id" uuid REFERENCES "contribution_files"("id"),
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"line_count" integer NOT NULL,
	"employee_total_cents" bigint NOT NULL,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"differences" jsonb,
	"status" text DEFAULT 'produced' NOT NULL,
	"transport" text,
	"delivery_receipt" jsonb,
	"delivered_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"file_purged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "contribution_files_version_idx" ON "contribution_files" ("employer_id","period","version");
--> statement-breakpoint
CREATE TABLE "contribution_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"file_id" uuid NOT NULL REFERENCES "contribution_files"("id"),
	"person_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"employee_number" text NOT NULL,
	"pay_code" text NOT NULL,
	"month" text NOT NULL,
	"employee_cents" integer NOT NULL,
	"employer_cents" integer NOT NULL,
	"salary_cents" integer,
	"reason" text NOT NULL,
	"covered_days" integer NOT NULL,
	"days_in_month" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "contribution_lines_file_idx" ON "contribution_lines" ("file_id");
