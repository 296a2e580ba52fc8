-- The audit trail as a hash chain, the persons a list or export showed, and its retention.
ALTER TABLE "audit_log" ADD COLUMN "person_ids" uuid[];--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash" text;--> statement-breakpoint
CREATE INDEX "audit_log_person_ids_idx" ON "audit_log" USING gin ("person_ids");--> statement-breakpoint
-- One row: the newest entry's id and hash. Only the chain trigger (owner's rights) writes it.
CREATE TABLE "audit_chain_head" (
	"one" boolean PRIMARY KEY DEFAULT true CHECK ("one"),
	"last_id" bigint NOT NULL,
	"last_hash" text NOT NULL
);--> statement-breakpoint
-- What a purge removed from the start of the chain: the next entry's prev_hash must be this anchor.
CREATE TABLE "audit_purges" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"through_id" bigint NOT NULL,
	"anchor_hash" text NOT NULL,
	"count" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
-- How long audit entries are kept: set here (by the owner), read by everyone, changed by no application.
CREATE TABLE "audit_retention" (
	"one" boolean PRIMARY KEY DEFAULT true CHECK ("one"),
	"months" integer NOT NULL CHECK ("months" >= 12)
);--> statement-breakpoint
INSERT INTO "audit_retention" ("months") VALUES (84);--> statement-breakpoint
-- The content of an entry as hashed: a JSON array (canonical text), the previous hash first.
CREATE FUNCTION audit_entry_hash(prev text, e audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    prev, e.id, extract(epoch FROM e.at)::text, e.actor, e.action, e.method, e.route, e.resource_id,
    e.employer_id, e.person_id, e.person_ids, e.status, e.ip)::text, 'UTF8')), 'hex')
$$;--> statement-breakpoint
-- Each new entry gets the next id and the time under the head's lock, so the chain's order is the ids' order.
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  head audit_chain_head;
BEGIN
  SELECT * INTO head FROM audit_chain_head FOR UPDATE;
  NEW.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
  NEW.at := clock_timestamp();
  NEW.prev_hash := head.last_hash;
  NEW.hash := audit_entry_hash(head.last_hash, NEW);
  UPDATE audit_chain_head SET last_id = NEW.id, last_hash = NEW.hash;
  RETURN NEW;
END $$;--> statement-breakpoint
-- Removal only by the retention purge below (owner's rights, inside its own call); never TRUNCATE.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('mutaflow.audit_purge', true) = 'on' THEN RETURN OLD; END IF;
  IF TG_OP = 'UPDATE' AND current_setting('mutaflow.audit_backfill', true) = 'on' THEN RETURN NEW; END IF;
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
-- Entries older than the retention go, oldest first; the anchor keeps the rest verifiable.
CREATE FUNCTION audit_purge_expired() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  cutoff timestamptz;
  last_gone audit_log;
  n bigint;
BEGIN
  SELECT clock_timestamp() - make_interval(months => months) INTO cutoff FROM audit_retention;
  SELECT * INTO last_gone FROM audit_log WHERE at < cutoff ORDER BY id DESC LIMIT 1;
  IF last_gone.id IS NULL THEN RETURN 0; END IF;
  PERFORM set_config('mutaflow.audit_purge', 'on', true);
  DELETE FROM audit_log WHERE id <= last_gone.id;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('mutaflow.audit_purge', 'off', true);
  INSERT INTO audit_purges (through_id, anchor_hash, count) VALUES (last_gone.id, last_gone.hash, n);
  RETURN n;
END $$;--> statement-breakpoint
-- The entries written before the chain existed are chained now, in id order.
DO $$
DECLARE
  a audit_log;
  prev text := repeat('0', 64);
  last bigint := 0;
BEGIN
  PERFORM set_config('mutaflow.audit_backfill', 'on', true);
  FOR a IN SELECT * FROM audit_log ORDER BY id LOOP
    UPDATE audit_log SET prev_hash = prev, hash = audit_entry_hash(prev, a) WHERE id = a.id RETURNING hash INTO prev;
    last := a.id;
  END LOOP;
  PERFORM set_config('mutaflow.audit_backfill', 'off', true);
  INSERT INTO audit_chain_head (last_id, last_hash) VALUES (last, prev);
END $$;--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();--> statement-breakpoint
-- Sign-in: a failed-attempt counter per account, a lock, the second factor (sealed), when the password changed.
ALTER TABLE "users" ADD COLUMN "failed_logins" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "password_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_secret_sealed" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_pending_sealed" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_enabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_step" bigint;--> statement-breakpoint
-- Retention: files removed once their time is up, and a record of every purge and erasure.
ALTER TABLE "payroll_imports" ADD COLUMN "file_purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "file_purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
CREATE TABLE "retention_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"employer_id" uuid,
	"action" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"by" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "retention_records_subject_idx" ON "retention_records" USING btree ("subject_id");
