ALTER TABLE "plans" ADD COLUMN "premium_formula" jsonb;
--> statement-breakpoint
CREATE TABLE "bordereau_profiles" (
	"supplier_id" uuid PRIMARY KEY NOT NULL REFERENCES "suppliers"("id"),
	"profile" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bordereau_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL REFERENCES "employers"("id"),
	"supplier_id" uuid NOT NULL REFERENCES "suppliers"("id"),
	"period" text NOT NULL,
	"file_sha256" text NOT NULL,
	"status" text DEFAULT 'current' NOT NULL,
	"lines" jsonb NOT NULL,
	"outcome" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "bordereau_runs_current_idx" ON "bordereau_runs" ("employer_id","supplier_id","period") WHERE "status" = 'current';
--> statement-breakpoint
CREATE INDEX "bordereau_runs_sha_idx" ON "bordereau_runs" ("employer_id","supplier_id","file_sha256");
--> statement-breakpoint
CREATE TABLE "bordereau_resolutions" (
	"run_id" uuid NOT NULL REFERENCES "bordereau_runs"("id"),
	"fingerprint" text NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"resolved_by" text NOT NULL,
	"resolved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bordereau_resolutions_pk" PRIMARY KEY("run_id","fingerprint")
);
