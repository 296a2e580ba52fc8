ALTER TABLE "onboarding_profiles" ADD COLUMN "eligibility" jsonb;
--> statement-breakpoint
CREATE TABLE "benefit_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL REFERENCES "employers"("id"),
	"name" text NOT NULL,
	"fields" jsonb NOT NULL,
	"eligibility" jsonb,
	"eligibility_version" integer DEFAULT 1 NOT NULL,
	"calculation" jsonb,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "benefit_types_employer_idx" ON "benefit_types" ("employer_id");
--> statement-breakpoint
CREATE TABLE "benefit_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL REFERENCES "employers"("id"),
	"type_id" uuid NOT NULL REFERENCES "benefit_types"("id"),
	"person_id" uuid NOT NULL REFERENCES "persons"("id"),
	"values" jsonb NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "benefit_records_person_idx" ON "benefit_records" ("person_id");
--> statement-breakpoint
CREATE INDEX "benefit_records_type_idx" ON "benefit_records" ("type_id");
--> statement-breakpoint
CREATE TABLE "benefit_record_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"record_id" uuid NOT NULL REFERENCES "benefit_records"("id"),
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"values" jsonb NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"by" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_record_history_version_idx" ON "benefit_record_history" ("record_id","version");
--> statement-breakpoint
CREATE TABLE "benefit_eligibility" (
	"type_id" uuid NOT NULL REFERENCES "benefit_types"("id"),
	"person_id" uuid NOT NULL REFERENCES "persons"("id") ON DELETE CASCADE,
	"eligible" boolean NOT NULL,
	"failing" jsonb NOT NULL,
	"rule_version" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benefit_eligibility_pk" PRIMARY KEY("type_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "benefit_eligibility_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL REFERENCES "employers"("id"),
	"type_id" uuid NOT NULL REFERENCES "benefit_types"("id"),
	"person_id" uuid NOT NULL REFERENCES "persons"("id") ON DELETE CASCADE,
	"period" text NOT NULL,
	"on_date" date NOT NULL,
	"change" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"source" text NOT NULL,
	"import_id" uuid,
	"task_id" uuid,
	"reported_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "benefit_eligibility_changes_period_idx" ON "benefit_eligibility_changes" ("employer_id","period");
--> statement-breakpoint
CREATE TABLE "benefit_settings" (
	"employer_id" uuid PRIMARY KEY NOT NULL REFERENCES "employers"("id"),
	"report_email" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL
);
