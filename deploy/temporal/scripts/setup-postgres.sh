#!/bin/sh
# Creates Temporal's databases (temporal, temporal_visibility) and brings their schemas
# up to the version shipped in this admin-tools image. Adapted from Temporal's compose
# samples (temporalio/samples-server compose/scripts/setup-postgres.sh). Every step is
# idempotent, so it runs on each `docker compose up`, and that is also how a newer
# image's schema changes get applied. The password comes from SQL_PASSWORD.
set -eu

echo 'Waiting for PostgreSQL port to be available...'
nc -z -w 10 "$POSTGRES_SEEDS" "$DB_PORT"
echo 'PostgreSQL port is available'

SCHEMA_DIR=/etc/temporal/schema/postgresql/v12

sql_tool() {
  temporal-sql-tool --plugin "$DB" --ep "$POSTGRES_SEEDS" -u "$POSTGRES_USER" -p "$DB_PORT" "$@"
}

sql_tool --db temporal create
sql_tool --db temporal setup-schema -v 0.0
sql_tool --db temporal update-schema -d "$SCHEMA_DIR/temporal/versioned"

sql_tool --db temporal_visibility create
sql_tool --db temporal_visibility setup-schema -v 0.0
sql_tool --db temporal_visibility update-schema -d "$SCHEMA_DIR/visibility/versioned"

echo 'PostgreSQL schema setup complete'
