#!/bin/sh
# Runs once, when the postgres volume is first initialised (docker-entrypoint-initdb.d), as the
# superuser. The app gets its own database, apart from Temporal's, and two roles:
#   mutaflow_owner  owns the database and its schema, runs the migrations (MIGRATION_DATABASE_URL);
#   mutaflow_app    what the API and worker connect as (DATABASE_URL): rows only, and on the audit
#                   log INSERT and SELECT alone. The grants are (re)applied by each migration run.
# Its tables are made by the app's migrations (db/migrations), not here.
set -eu
: "${MUTAFLOW_DB_OWNER_PASSWORD:?}" "${MUTAFLOW_DB_APP_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_pw="$MUTAFLOW_DB_OWNER_PASSWORD" -v app_pw="$MUTAFLOW_DB_APP_PASSWORD" <<'SQL'
CREATE ROLE mutaflow_owner LOGIN PASSWORD :'owner_pw';
CREATE ROLE mutaflow_app LOGIN PASSWORD :'app_pw' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE mutaflow OWNER mutaflow_owner;
REVOKE ALL ON DATABASE mutaflow FROM PUBLIC;
GRANT CONNECT ON DATABASE mutaflow TO mutaflow_app;
SQL
