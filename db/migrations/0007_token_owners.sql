ALTER TABLE "api_tokens" ADD COLUMN "owner_user_id" uuid;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "last_used_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_owner_idx" ON "api_tokens" USING btree ("owner_user_id");--> statement-breakpoint
-- Tokens made before owners and expiry: whoever made them is unknown, so they end in 90 days
-- (operator tokens from the configuration lose the expiry again when they are seeded on start).
UPDATE "api_tokens" SET "expires_at" = now() + interval '90 days', "created_by" = 'unknown (before token owners)';
