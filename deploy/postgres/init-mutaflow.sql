-- Runs once, when the postgres volume is first initialised (docker-entrypoint-initdb.d),
-- as the superuser. The app gets its own role and database, apart from Temporal's.
-- Its tables are made by the app's migrations (db/migrations), not here.
CREATE ROLE mutaflow LOGIN PASSWORD 'mutaflow';
CREATE DATABASE mutaflow OWNER mutaflow;
