CREATE TABLE "comparison_definitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comparison_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"definition_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"definition_version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"stage" text DEFAULT 'queued' NOT NULL,
	"a_file_name" text,
	"a_file_sha256" text,
	"a_file_size" bigint,
	"a_import_id" uuid,
	"b_file_name" text NOT NULL,
	"b_file_sha256" text NOT NULL,
	"b_file_size" bigint NOT NULL,
	"started_by" text NOT NULL,
	"workflow_id" text NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "comparison_results" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"side" text,
	"key" text,
	"field" text,
	"column_name" text,
	"reason" text,
	"a_value" text,
	"b_value" text,
	"a_row" integer,
	"b_row" integer,
	"first_row" integer
);
--> statement-breakpoint
ALTER TABLE "comparison_definitions" ADD CONSTRAINT "comparison_definitions_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparison_runs" ADD CONSTRAINT "comparison_runs_definition_id_comparison_definitions_id_fk" FOREIGN KEY ("definition_id") REFERENCES "public"."comparison_definitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparison_runs" ADD CONSTRAINT "comparison_runs_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comparison_definitions_employer_idx" ON "comparison_definitions" USING btree ("employer_id");--> statement-breakpoint
CREATE INDEX "comparison_runs_definition_idx" ON "comparison_runs" USING btree ("definition_id","created_at");--> statement-breakpoint
CREATE INDEX "comparison_runs_files_idx" ON "comparison_runs" USING btree ("definition_id","b_file_sha256");--> statement-breakpoint
CREATE INDEX "comparison_results_run_idx" ON "comparison_results" USING btree ("run_id","id");--> statement-breakpoint
CREATE INDEX "comparison_results_run_kind_idx" ON "comparison_results" USING btree ("run_id","kind","id");
