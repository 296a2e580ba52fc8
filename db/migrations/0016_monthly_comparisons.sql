CREATE TABLE "comparison_period_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"definition_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"period" text NOT NULL,
	"side" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"file_size" bigint NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "comparison_period_files" ADD CONSTRAINT "comparison_period_files_definition_id_comparison_definitions_id_fk" FOREIGN KEY ("definition_id") REFERENCES "public"."comparison_definitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparison_period_files" ADD CONSTRAINT "comparison_period_files_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "comparison_period_files_side_idx" ON "comparison_period_files" USING btree ("definition_id","period","side");--> statement-breakpoint
ALTER TABLE "comparison_runs" ADD COLUMN "period" text;--> statement-breakpoint
ALTER TABLE "comparison_runs" ADD COLUMN "cycle_id" uuid;--> statement-breakpoint
CREATE INDEX "comparison_runs_cycle_idx" ON "comparison_runs" USING btree ("cycle_id","definition_id");
