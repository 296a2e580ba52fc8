import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime as TemporalRuntime } from '@temporalio/worker';
import { appLoggerOptions, buildApp } from '../api/app';
import { newToken, seedAdminToken } from '../api/plugins/auth';
import { loadConfig } from '../config';
import { createDb } from '../db/client';
import { runMigrations } from '../db/migrate';
import { FileStore } from '../infra/file-store';
import { workflowClients } from '../infra/workflow-clients';
import { resumeAccidentCases } from '../infra/workflow-clients/accidents';
import { resumeMessages } from '../infra/workflow-clients/messages';
import { lazySigningKey } from '../infra/pgp';
import { resolveSecretBox } from '../infra/secret-box';
import { resolveAdminToken, startRuntime } from '../infra/runtime';
import { createWorker } from '../worker/create-worker';
import { loadDemoData } from './demo-data';
import { loadDemoAccidents } from './demo-accidents';
import { loadDemoUsers } from './demo-users';
import { loadDemoCycle } from './demo-cycle';
import { loadDemoMessages } from './demo-messages';
import { loadDemoBordereau } from './demo-bordereau';

/**
 * `npm start`: PostgreSQL, Temporal, migrations, worker and API in one process tree, on the
 * embedded defaults unless DATABASE_URL / TEMPORAL_ADDRESS are set. `--demo` also loads a demo
 * employer with two months of payroll. Ctrl-C stops everything it started.
 */
async function main() {
  const demo = process.argv.includes('--demo');
  const config = loadConfig();
  const say = (line: string) => console.log(`[mutaflow] ${line}`);
  // This script owns shutdown (API, worker, then the servers it started): the runtime must not exit on its own.
  TemporalRuntime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });

  const runtime = await startRuntime(config, say);
  let stopping = false;
  const cleanups: (() => Promise<void>)[] = [runtime.stop];
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping …');
    for (const c of cleanups.reverse()) await c().catch((err) => say(`stop failed: ${String(err)}`));
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  try {
    const db = createDb(runtime.databaseUrl);
    cleanups.push(() => db.$client.end());
    await runMigrations(db);
    const token = await resolveAdminToken(config, newToken);
    await seedAdminToken(db, token);
    const files = new FileStore(config.filesDir);

    const secrets = await resolveSecretBox(config.MUTAFLOW_SECRET_KEY, config.dataDir);
    const base = `http://${config.HOST}:${config.PORT}`;
    const publicUrl = config.MUTAFLOW_PUBLIC_URL ?? base;
    const connection = await Connection.connect({ address: runtime.temporalAddress });
    cleanups.push(() => connection.close());
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    const workflows = workflowClients(client, config.MUTAFLOW_TASK_QUEUE);

    const workerConnection = await NativeConnection.connect({ address: runtime.temporalAddress });
    const worker = await createWorker({
      connection: workerConnection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.MUTAFLOW_TASK_QUEUE, db, files, secrets, ...workflows, publicUrl,
      mail: { smtpUrl: config.MUTAFLOW_SMTP_URL, from: config.MUTAFLOW_MAIL_FROM },
      signingKey: lazySigningKey(config.MUTAFLOW_PGP_PRIVATE_KEY, config.dataDir),
    });
    const workerDone = worker.run();
    await resumeAccidentCases(db, workflows.accidentWorkflows);
    await resumeMessages(db, workflows.messageWorkflows);
    cleanups.push(async () => {
      worker.shutdown();
      await workerDone;
      await workerConnection.close();
    });

    const app = await buildApp({
      db, temporal: client, taskQueue: config.MUTAFLOW_TASK_QUEUE, secrets, publicUrl,
      temporalUiUrl: config.MUTAFLOW_TEMPORAL_UI_URL ?? runtime.temporalUiUrl, temporalNamespace: config.TEMPORAL_NAMESPACE,
      session: { idleMinutes: config.MUTAFLOW_SESSION_IDLE_MINUTES, maxHours: config.MUTAFLOW_SESSION_MAX_HOURS },
      files, maxUploadBytes: config.MUTAFLOW_MAX_UPLOAD_MB * 1024 * 1024, logger: appLoggerOptions(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL),
    });
    cleanups.push(() => app.close());
    await app.listen({ host: config.HOST, port: config.PORT });

    say('ready');
    say(`  API           ${base}   (OpenAPI: ${base}/docs)`);
    say(`  Web UI        ${base}/`);
    say(`  Temporal UI   ${runtime.temporalUiUrl ?? '(external Temporal: see its own UI)'}`);
    say(`  Temporal      ${runtime.temporalAddress}`);
    say(`  PostgreSQL    ${runtime.embedded.postgres ? `embedded, data in ${config.dataDir}/pg` : 'from DATABASE_URL'}`);
    say(`  Admin token   ${config.MUTAFLOW_ADMIN_TOKEN ? '(MUTAFLOW_ADMIN_TOKEN)' : `${token}   (kept in ${config.dataDir}/admin-token)`}`);
    if (demo) {
      const summary = await loadDemoData(base, token, say);
      const demoMessages = await loadDemoMessages({ base, token, employerId: summary.employerId, simulatorPort: config.MUTAFLOW_SIMULATOR_PORT, host: config.HOST, say });
      cleanups.push(async () => { await demoMessages.simulator.close(); });
      const auth = `-H "Authorization: Bearer ${config.MUTAFLOW_ADMIN_TOKEN ? '$MUTAFLOW_ADMIN_TOKEN' : token}"`;
      say(`demo employer ${summary.employerId}: try`);
      say(`  curl ${auth} ${base}/api/payroll-imports/${summary.lastImportId}/changes`);
      say(`  curl ${auth} "${base}/api/messages?employerId=${summary.employerId}"      (statuses move within seconds)`);
      say(`  Temporal UI: workflows message-<id>   Insurer simulator: ${demoMessages.simulatorUrl}/admin/messages`);
      const demoCycle = await loadDemoCycle({ base, token, employerId: summary.employerId, period: summary.lastPeriod, say });
      if (demoCycle.cycleId) {
        say(`  curl ${auth} "${base}/api/tasks?cycleId=${demoCycle.cycleId}&status=open"      (the cycle waits on these)`);
        say(`  curl ${auth} -H 'content-type: application/json' -d '{"result":{"value":"Kerkstraat"}}' ${base}/api/tasks/<taskId>/complete`);
        say(`  curl ${auth} ${base}/api/cycles/${demoCycle.cycleId}`);
      }
      // After the cycle: by then the demo insurer has answered the enrollment messages.
      await loadDemoBordereau({ base, token, employerId: summary.employerId, supplierId: demoMessages.supplierId, say })
        .catch((err: Error) => say(`demo bordereau not loaded: ${err.message}`));
      const demoAccident = await loadDemoAccidents({ base, token, employerId: summary.employerId, say });
      await loadDemoUsers({ base, token, employerId: summary.employerId, say });
      say(`  curl ${auth} ${base}/api/accidents/${demoAccident.accidentId}      (deadline, reminders, history; no health data for admin)`);
      say(`  curl -H "Authorization: Bearer ${demoAccident.managerToken}" ${base}/api/accidents/${demoAccident.accidentId}      (the accident-manager role sees the details)`);
      say(`  curl ${auth} -H 'content-type: application/json' -d '{"via":"download","lang":"nl"}' ${base}/api/accidents/${demoAccident.accidentId}/declare`);
    }
    say('Ctrl-C stops everything.');
  } catch (err) {
    console.error(err);
    await shutdown(1);
  }
}

void main();
