import { Client, Connection } from '@temporalio/client';
import { loadConfig, outboundOf } from '../config';
import { createDb } from '../db/client';
import { migrateAs } from '../db/migrate';
import { FileStore } from '../infra/file-store';
import { encryptedDataConverter, resolvePayloadCodec } from '../infra/payload-codec';
import { SecretBox } from '../infra/secret-box';
import { appLoggerOptions, buildApp } from './app';
import { seedAdminToken } from './plugins/auth';

/** The API process on its own (docker-compose, scaling out). It applies migrations on start. */
async function main() {
  const config = loadConfig();
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) throw new Error('DATABASE_URL and TEMPORAL_ADDRESS are required (npm start runs everything embedded)');
  // API and worker must share the key: neither may generate its own here.
  if (!config.MUTAFLOW_SECRET_KEY) throw new Error('MUTAFLOW_SECRET_KEY is required (base64 of 32 random bytes: openssl rand -base64 32)');
  // No default: a stack started without its own admin token would open with a known one.
  if (!config.MUTAFLOW_ADMIN_TOKEN) throw new Error('MUTAFLOW_ADMIN_TOKEN is required (at least 32 characters: openssl rand -base64 32)');
  await migrateAs(config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL, config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL);
  const secrets = SecretBox.fromBase64(config.MUTAFLOW_SECRET_KEY);
  await seedAdminToken(db, config.MUTAFLOW_ADMIN_TOKEN);
  // The admin does not grant health access: the health administrator does (docs/access.md).
  if (config.MUTAFLOW_HEALTH_ADMIN_TOKEN) await seedAdminToken(db, config.MUTAFLOW_HEALTH_ADMIN_TOKEN, 'health-admin', 'health_admin');
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const dataConverter = encryptedDataConverter(await resolvePayloadCodec(config.MUTAFLOW_PAYLOAD_KEY, config.MUTAFLOW_SECRET_KEY, config.dataDir));
  const app = await buildApp({
    db, temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter }), taskQueue: config.MUTAFLOW_TASK_QUEUE,
    files: new FileStore(config.filesDir, secrets), maxUploadBytes: config.MUTAFLOW_MAX_UPLOAD_MB * 1024 * 1024,
    secrets, publicUrl: config.MUTAFLOW_PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`,
    ownsClients: true, logger: appLoggerOptions(config.LOG_LEVEL),
    temporalUiUrl: config.MUTAFLOW_TEMPORAL_UI_URL ?? null, temporalNamespace: config.TEMPORAL_NAMESPACE,
    session: { idleMinutes: config.MUTAFLOW_SESSION_IDLE_MINUTES, maxHours: config.MUTAFLOW_SESSION_MAX_HOURS },
    outbound: outboundOf(config, (line) => console.warn(line)), docsPublic: config.docsPublic,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
  await app.listen({ host: config.HOST, port: config.PORT });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
