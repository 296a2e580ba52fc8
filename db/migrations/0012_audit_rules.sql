CREATE TABLE "audit_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL REFERENCES "employers"("id"),
	"name" text NOT NULL,
	"severity" text NOT NULL,
	"kind" text NOT NULL,
	"population" jsonb,
	"definition" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"template_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL
);--> statement-breakpoint
CREATE INDEX "audit_rules_employer_idx" ON "audit_rules" USING btree ("employer_id");--> statement-breakpoint
CREATE TABLE "audit_rule_versions" (
	"rule_id" uuid NOT NULL REFERENCES "audit_rules"("id"),
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"severity" text NOT NULL,
	"population" jsonb,
	"definition" jsonb NOT NULL,
	"enabled" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL
);--> statement-breakpoint
CREATE UNIQUE INDEX "audit_rule_versions_pk" ON "audit_rule_versions" USING btree ("rule_id","version");--> statement-breakpoint
CREATE TABLE "audit_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"import_id" uuid NOT NULL REFERENCES "payroll_imports"("id"),
	"employer_id" uuid NOT NULL REFERENCES "employers"("id"),
	"trigger" text NOT NULL,
	"started_by" text NOT NULL,
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"person_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "audit_runs_import_idx" ON "audit_runs" USING btree ("import_id","created_at");--> statement-breakpoint
CREATE TABLE "audit_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL REFERENCES "audit_runs"("id"),
	"import_id" uuid NOT NULL REFERENCES "payroll_imports"("id"),
	"employer_id" uuid NOT NULL REFERENCES "employers"("id"),
	"person_id" uuid REFERENCES "persons"("id"),
	"employee_number" text NOT NULL,
	"rule_id" uuid NOT NULL REFERENCES "audit_rules"("id"),
	"rule_version" integer NOT NULL,
	"severity" text NOT NULL,
	"kind" text NOT NULL,
	"field" text NOT NULL,
	"sealed_values" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"reason" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"resolved_by_import_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "audit_findings_import_idx" ON "audit_findings" USING btree ("import_id","id");--> statement-breakpoint
CREATE INDEX "audit_findings_employer_status_idx" ON "audit_findings" USING btree ("employer_id","status");--> statement-breakpoint
CREATE INDEX "audit_findings_person_idx" ON "audit_findings" USING btree ("person_id");
