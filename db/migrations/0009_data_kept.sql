-- One default for the confirmation kinds: what GET shows and what the first PUT stores (none).
ALTER TABLE "supplier_report_settings" ALTER COLUMN "confirm_kinds" SET DEFAULT '{}'::text[];--> statement-breakpoint
-- The employer's own choice per supplier; null: the supplier's setting.
ALTER TABLE "employer_suppliers" ADD COLUMN "confirm_kinds" text[];--> statement-breakpoint
-- When a change takes effect, where the payroll does not say (asked from HR); null: not asked or not answered.
ALTER TABLE "payroll_changes" ADD COLUMN "effective_date" date;--> statement-breakpoint
CREATE TABLE "person_corrections" (
	"person_id" uuid NOT NULL,
	"field" text NOT NULL,
	"value" text,
	"payroll_value" text,
	"payroll_differs" boolean DEFAULT false NOT NULL,
	"differing_value" text,
	"fix_expected" boolean DEFAULT false NOT NULL,
	"corrected_by" text NOT NULL,
	"corrected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"flagged_at" timestamp with time zone,
	CONSTRAINT "person_corrections_pk" PRIMARY KEY("person_id","field")
);--> statement-breakpoint
ALTER TABLE "person_corrections" ADD CONSTRAINT "person_corrections_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "message_bodies" (
	"message_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"body_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_bodies_pk" PRIMARY KEY("message_id","version")
);--> statement-breakpoint
ALTER TABLE "message_bodies" ADD CONSTRAINT "message_bodies_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;
