CREATE TABLE "accident_declaration_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"country" text NOT NULL,
	"supplier_id" uuid,
	"days" integer NOT NULL,
	"reminder_days" integer[] NOT NULL,
	"reminder_hour" integer DEFAULT 9 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accident_rules_scope_idx" UNIQUE NULLS NOT DISTINCT("country","supplier_id")
);
--> statement-breakpoint
CREATE TABLE "accident_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"accident_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"file_name_sealed" text NOT NULL,
	"valid_from" date,
	"valid_until" date,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accident_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"accident_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"by" text NOT NULL,
	"applied" boolean DEFAULT true NOT NULL,
	"at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accident_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"accident_id" uuid NOT NULL,
	"period" text NOT NULL,
	"amount_cents" bigint,
	"received_on" date NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accident_settings" (
	"employer_id" uuid PRIMARY KEY NOT NULL,
	"notify_emails" text[] DEFAULT '{}'::text[] NOT NULL,
	"sick_note_remind_days" integer DEFAULT 3 NOT NULL,
	"payment_due_day" integer DEFAULT 15 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" bigserial NOT NULL,
	"employer_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"status" text NOT NULL,
	"country" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"learned_at" timestamp with time zone,
	"place" text NOT NULL,
	"details_sealed" text NOT NULL,
	"incapacity_from" date,
	"work_resumed_on" date,
	"fatal" boolean DEFAULT false NOT NULL,
	"supplier_id" uuid,
	"enrollment_id" uuid,
	"policy_number" text,
	"deadline_date" date,
	"deadline_at" timestamp with time zone,
	"declared_at" timestamp with time zone,
	"declared_by" text,
	"declared_via" text,
	"declaration_document_id" uuid,
	"claim_number" text,
	"portal_reference" text,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"workflow_id" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "accident_id" uuid;--> statement-breakpoint
ALTER TABLE "accident_declaration_rules" ADD CONSTRAINT "accident_declaration_rules_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accident_documents" ADD CONSTRAINT "accident_documents_accident_id_accidents_id_fk" FOREIGN KEY ("accident_id") REFERENCES "public"."accidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accident_events" ADD CONSTRAINT "accident_events_accident_id_accidents_id_fk" FOREIGN KEY ("accident_id") REFERENCES "public"."accidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accident_payments" ADD CONSTRAINT "accident_payments_accident_id_accidents_id_fk" FOREIGN KEY ("accident_id") REFERENCES "public"."accidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accident_settings" ADD CONSTRAINT "accident_settings_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accidents" ADD CONSTRAINT "accidents_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accidents" ADD CONSTRAINT "accidents_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accidents" ADD CONSTRAINT "accidents_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accidents" ADD CONSTRAINT "accidents_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accident_documents_accident_idx" ON "accident_documents" USING btree ("accident_id");--> statement-breakpoint
CREATE INDEX "accident_events_accident_idx" ON "accident_events" USING btree ("accident_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "accident_payments_period_idx" ON "accident_payments" USING btree ("accident_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "accidents_number_idx" ON "accidents" USING btree ("number");--> statement-breakpoint
CREATE INDEX "accidents_employer_idx" ON "accidents" USING btree ("employer_id","occurred_at");--> statement-breakpoint
CREATE INDEX "accidents_status_idx" ON "accidents" USING btree ("status");--> statement-breakpoint
CREATE INDEX "tasks_accident_idx" ON "tasks" USING btree ("accident_id");