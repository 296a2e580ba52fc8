ALTER TABLE "messages" ADD COLUMN "import_id" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_import_id_payroll_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."payroll_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_import_idx" ON "messages" USING btree ("import_id");--> statement-breakpoint
-- Messages made before the column: their `created` event names the import as its actor.
UPDATE "messages" m SET "import_id" = i."id"
  FROM "message_events" e JOIN "payroll_imports" i ON e."actor" = 'system:payroll-import:' || i."id"::text
  WHERE e."message_id" = m."id" AND e."cause" = 'created';
