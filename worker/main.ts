import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig, outboundOf } from '../config';
import { createDb } from '../db/client';
import { FileStore } from '../infra/file-store';
import { workflowClients } from '../infra/workflow-clients';
import { resumeAccidentCases } from '../infra/workflow-clients/accidents';
import { resumeMessages } from '../infra/workflow-clients/messages';
import { ensureRetentionSchedule } from '../infra/workflow-clients/retention';
import { ensureSweepSchedule } from '../infra/workflow-clients/sweep';
import { lazySigningKey } from '../infra/pgp';
import { encryptedDataConverter, resolvePayloadCodec } from '../infra/payload-codec';
import { SecretBox } from '../infra/secret-box';
import { createWorker } from './create-worker';

/** A worker process on its own (docker-compose, scaling out): needs DATABASE_URL, TEMPORAL_ADDRESS and MUTAFLOW_SECRET_KEY. */
async function main() {
  const config = loadConfig();
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) throw new Error('DATABASE_URL and TEMPORAL_ADDRESS are required (npm start runs everything embedded)');
  if (!config.MUTAFLOW_SECRET_KEY) throw new Error('MUTAFLOW_SECRET_KEY is required: the same key as the API\'s');
  if (!config.MUTAFLOW_PUBLIC_URL) throw new Error('MUTAFLOW_PUBLIC_URL is required: where suppliers reach the API\'s callbacks');
  const db = createDb(config.DATABASE_URL);
  const secrets = SecretBox.fromBase64(config.MUTAFLOW_SECRET_KEY);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const dataConverter = encryptedDataConverter(await resolvePayloadCodec(config.MUTAFLOW_PAYLOAD_KEY, config.MUTAFLOW_SECRET_KEY, config.dataDir));
  const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
  const workflows = workflowClients(client, config.MUTAFLOW_TASK_QUEUE);
  const worker = await createWorker({
    connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.MUTAFLOW_TASK_QUEUE, db, files: new FileStore(config.filesDir, secrets),
    secrets, ...workflows,
    publicUrl: config.MUTAFLOW_PUBLIC_URL, dataConverter, xlsxInflatedBytes: config.MUTAFLOW_MAX_XLSX_INFLATED_MB * 1024 * 1024,
    outbound: outboundOf(config, (line) => console.warn(line)),
    mail: { smtpUrl: config.MUTAFLOW_SMTP_URL, from: config.MUTAFLOW_MAIL_FROM },
    signingKey: lazySigningKey(config.MUTAFLOW_PGP_PRIVATE_KEY, config.dataDir),
    retention: config.retention,
  });
  const running = worker.run();
  await ensureRetentionSchedule(client, config.MUTAFLOW_TASK_QUEUE);
  // Cases whose workflow start was lost (a crash right after registering) get theirs now.
  await resumeAccidentCases(db, workflows.accidentWorkflows).catch((err) => console.error(`resuming accident cases: ${err instanceof Error ? err.message : err}`));
  // Likewise messages whose workflow start was lost after their commit.
  await resumeMessages(db, workflows.messageWorkflows).catch((err) => console.error(`resuming messages: ${err instanceof Error ? err.message : err}`));
  // From then on the sweep Schedule looks again every quarter of an hour (and flags unanswered messages).
  await ensureSweepSchedule(client, config.MUTAFLOW_TASK_QUEUE).catch((err) => console.error(`registering the sweep schedule: ${err instanceof Error ? err.message : err}`));
  // Import steps of a worker that died on this host are retried now, not after their heartbeat timeout.
  await workflows.payrollImportWorkflows.retryStepsOfDeadWorkers(db).catch((err) => console.error(`retrying imports: ${err instanceof Error ? err.message : err}`));
  await running;
  await clientConnection.close();
  await connection.close();
  await db.$client.end();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
