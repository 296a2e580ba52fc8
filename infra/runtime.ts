import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { findTemporalCli, startTemporalDevServer, waitForTemporal } from './temporal-dev-server';

export interface Runtime {
  /** The application role's URL (API, worker). */
  databaseUrl: string;
  /** The owner's URL: migrations only. */
  migrationUrl: string;
  temporalAddress: string;
  temporalUiUrl: string | null;
  embedded: { postgres: boolean; temporal: boolean };
  stop(): Promise<void>;
}

/**
 * The servers Mutaflow needs: the configured ones (`DATABASE_URL`, `TEMPORAL_ADDRESS`), or
 * embedded ones in the data folder — PostgreSQL from `embedded-postgres` and the Temporal
 * dev server with its SQLite file, both keeping their state across restarts.
 */
export async function startRuntime(config: Config, log: (line: string) => void): Promise<Runtime> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err) => log(`stop failed: ${String(err)}`));
  };
  try {
    await mkdir(config.dataDir, { recursive: true });
    let databaseUrl = config.DATABASE_URL;
    let migrationUrl = config.MIGRATION_DATABASE_URL ?? databaseUrl;
    if (!databaseUrl) {
      log('starting embedded PostgreSQL …');
      const pg = await startEmbeddedPostgres({ dataDir: join(config.dataDir, 'pg'), port: config.MUTAFLOW_PG_PORT, database: 'mutaflow', notice: log });
      stops.push(pg.stop);
      databaseUrl = pg.appUrl;
      migrationUrl = pg.ownerUrl;
    }
    let temporalAddress = config.TEMPORAL_ADDRESS;
    let temporalUiUrl: string | null = null;
    if (!temporalAddress) {
      const cli = findTemporalCli(config.TEMPORAL_CLI_PATH);
      if (cli) {
        log(`starting Temporal dev server (${cli}) …`);
        const server = await startTemporalDevServer({
          cli, port: config.MUTAFLOW_TEMPORAL_PORT, uiPort: config.MUTAFLOW_TEMPORAL_UI_PORT,
          dbFile: join(config.dataDir, 'temporal.db'),
        });
        stops.push(server.stop);
        temporalAddress = server.address;
        temporalUiUrl = server.uiUrl;
      } else {
        // No CLI here: the SDK downloads and caches one (needs internet).
        log('no temporal CLI found (TEMPORAL_CLI_PATH, PATH, .tools): using the SDK\'s cached download …');
        const { TestWorkflowEnvironment } = await import('@temporalio/testing');
        const env = await TestWorkflowEnvironment.createLocal({
          server: { dbFilename: join(config.dataDir, 'temporal.db'), ip: '127.0.0.1', port: config.MUTAFLOW_TEMPORAL_PORT, ui: true, uiPort: config.MUTAFLOW_TEMPORAL_UI_PORT },
        });
        stops.push(() => env.teardown());
        temporalAddress = `127.0.0.1:${config.MUTAFLOW_TEMPORAL_PORT}`;
        temporalUiUrl = `http://127.0.0.1:${config.MUTAFLOW_TEMPORAL_UI_PORT}`;
      }
    } else {
      await waitForTemporal(temporalAddress);
    }
    return {
      databaseUrl, migrationUrl: migrationUrl!, temporalAddress, temporalUiUrl,
      embedded: { postgres: !config.DATABASE_URL, temporal: !config.TEMPORAL_ADDRESS },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The admin token: configured, or generated once and kept in the data folder. */
export async function resolveAdminToken(config: Config, generate: () => string): Promise<string> {
  if (config.MUTAFLOW_ADMIN_TOKEN) return config.MUTAFLOW_ADMIN_TOKEN;
  const path = join(config.dataDir, 'admin-token');
  if (existsSync(path)) return (await readFile(path, 'utf8')).trim();
  const token = generate();
  await writeFile(path, `${token}\n`, { mode: 0o600 });
  return token;
}

/** The health administrator's token: configured, or generated once and kept in the data folder. */
export async function resolveHealthAdminToken(config: Config, generate: () => string): Promise<string> {
  if (config.MUTAFLOW_HEALTH_ADMIN_TOKEN) return config.MUTAFLOW_HEALTH_ADMIN_TOKEN;
  const path = join(config.dataDir, 'health-admin-token');
  if (existsSync(path)) return (await readFile(path, 'utf8')).trim();
  const token = generate();
  await writeFile(path, `${token}\n`, { mode: 0o600 });
  return token;
}
