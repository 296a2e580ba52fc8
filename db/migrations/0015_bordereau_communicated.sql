CREATE TABLE "report_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL REFERENCES "reports"("id"),
	"employer_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"period" text NOT NULL,
	"person_id" uuid NOT NULL,
	"family_member_id" uuid,
	"kind" text NOT NULL,
	"field" text,
	"fields" text[] NOT NULL,
	"effective_date" date,
	"values_sealed" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_lines_report_idx" ON "report_lines" ("report_id");
--> statement-breakpoint
CREATE INDEX "report_lines_supplier_person_idx" ON "report_lines" ("employer_id","supplier_id","person_id");
--> statement-breakpoint
ALTER TABLE "bordereau_resolutions" ADD COLUMN "message_id" uuid REFERENCES "messages"("id");
