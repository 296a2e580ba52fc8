import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime as TemporalRuntime } from '@temporalio/worker';
import { appLoggerOptions, buildApp } from '../api/app';
import { newToken, seedAdminToken } from '../api/plugins/auth';
import { loadConfig, outboundOf } from '../config';
import { createDb } from '../db/client';
import { migrateAs } from '../db/migrate';
import { FileStore } from '../infra/file-store';
import { workflowClients } from '../infra/workflow-clients';
import { resumeAccidentCases } from '../infra/workflow-clients/accidents';
import { resumeMessages } from '../infra/workflow-clients/messages';
import { ensureRetentionSchedule } from '../infra/workflow-clients/retention';
import { ensureSweepSchedule } from '../infra/workflow-clients/sweep';
import { lazySigningKey } from '../infra/pgp';
import { encryptedDataConverter, resolvePayloadCodec } from '../infra/payload-codec';
import { resolveSecretBox } from '../infra/secret-box';
import { resolveAdminToken, resolveHealthAdminToken, startRuntime } from '../infra/runtime';
import { createWorker } from '../worker/create-worker';
import { loadDemoData } from './demo-data';
import { loadDemoAccidents } from './demo-accidents';
import { loadDemoUsers } from './demo-users';
import { loadDemoCycle } from './demo-cycle';
import { loadDemoMessages } from './demo-messages';
import { loadDemoComparison } from './demo-comparison';
import { loadDemoBordereau } from './demo-bordereau';
import { loadDemoStatements } from './demo-statements';
import { loadDemoContributions } from './demo-contributions';
import { loadDemoBenefits } from './demo-benefits';

/**
 * `npm start`: PostgreSQL, Temporal, migrations, worker and API in one process tree, on the
 * embedded defaults unless DATABASE_URL / TEMPORAL_ADDRESS are set. `--demo` also loads a demo
 * employer with two months of payroll. Ctrl-C stops everything it started.
 */
async function main() {
  const demo = process.argv.includes('--demo');
  // The demo's insurer simulator listens on loopback over plain http: the demo allows exactly
  // that (and says so below) unless the variables are set. A real deployment sets neither.
  if (demo) {
    process.env.MUTAFLOW_OUTBOUND_ALLOW ??= `${process.env.HOST ?? '127.0.0.1'}:${process.env.MUTAFLOW_SIMULATOR_PORT ?? 4010}`;
    process.env.MUTAFLOW_INSECURE_LOCAL_TESTING ??= 'true';
  }
  const config = loadConfig();
  const say = (line: string) => console.log(`[mutaflow] ${line}`);
  const outbound = outboundOf(config, (line) => say(`WARNING ${line}`));
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
    await migrateAs(runtime.migrationUrl, runtime.databaseUrl);
    const db = createDb(runtime.databaseUrl);
    cleanups.push(() => db.$client.end());
    const token = await resolveAdminToken(config, newToken);
    await seedAdminToken(db, token);
    const healthToken = await resolveHealthAdminToken(config, newToken);
    await seedAdminToken(db, healthToken, 'health-admin', 'health_admin');

    const secrets = await resolveSecretBox(config.MUTAFLOW_SECRET_KEY, config.dataDir);
    const files = new FileStore(config.filesDir, secrets);
    const base = `http://${config.HOST}:${config.PORT}`;
    const publicUrl = config.MUTAFLOW_PUBLIC_URL ?? base;
    const connection = await Connection.connect({ address: runtime.temporalAddress });
    cleanups.push(() => connection.close());
    const dataConverter = encryptedDataConverter(await resolvePayloadCodec(config.MUTAFLOW_PAYLOAD_KEY, config.MUTAFLOW_SECRET_KEY, config.dataDir));
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
    const workflows = workflowClients(client, config.MUTAFLOW_TASK_QUEUE);

    const workerConnection = await NativeConnection.connect({ address: runtime.temporalAddress });
    const worker = await createWorker({
      connection: workerConnection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.MUTAFLOW_TASK_QUEUE, db, files, secrets, ...workflows, publicUrl,
      dataConverter, outbound, xlsxInflatedBytes: config.MUTAFLOW_MAX_XLSX_INFLATED_MB * 1024 * 1024,
      mail: { smtpUrl: config.MUTAFLOW_SMTP_URL, from: config.MUTAFLOW_MAIL_FROM },
      signingKey: lazySigningKey(config.MUTAFLOW_PGP_PRIVATE_KEY, config.dataDir),
      retention: config.retention,
    });
    const workerDone = worker.run();
    await ensureRetentionSchedule(client, config.MUTAFLOW_TASK_QUEUE);
    await resumeAccidentCases(db, workflows.accidentWorkflows);
    await resumeMessages(db, workflows.messageWorkflows);
    await ensureSweepSchedule(client, config.MUTAFLOW_TASK_QUEUE);
    // After a crash of the whole system its imports go on now, not after their heartbeat timeout.
    const retried = await workflows.payrollImportWorkflows.retryStepsOfDeadWorkers(db);
    if (retried) say(`resumed ${retried} payroll import(s) interrupted by the last stop`);
    cleanups.push(async () => {
      worker.shutdown();
      await workerDone;
      await workerConnection.close();
    });

    const app = await buildApp({
      db, temporal: client, taskQueue: config.MUTAFLOW_TASK_QUEUE, secrets, publicUrl,
      temporalUiUrl: config.MUTAFLOW_TEMPORAL_UI_URL ?? runtime.temporalUiUrl, temporalNamespace: config.TEMPORAL_NAMESPACE,
      session: { idleMinutes: config.MUTAFLOW_SESSION_IDLE_MINUTES, maxHours: config.MUTAFLOW_SESSION_MAX_HOURS },
      outbound, docsPublic: config.docsPublic,
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
    say(`  Health admin  ${config.MUTAFLOW_HEALTH_ADMIN_TOKEN ? '(MUTAFLOW_HEALTH_ADMIN_TOKEN)' : `${healthToken}   (kept in ${config.dataDir}/health-admin-token; grants health access)`}`);
    if (demo) {
      const summary = await loadDemoData(base, token, say);
      const demoMessages = await loadDemoMessages({ base, token, employerId: summary.employerId, simulatorPort: config.MUTAFLOW_SIMULATOR_PORT, host: config.HOST, say, dataDir: config.dataDir });
      cleanups.push(async () => { await demoMessages.simulator.close(); });
      const auth = `-H "Authorization: Bearer ${config.MUTAFLOW_ADMIN_TOKEN ? '$MUTAFLOW_ADMIN_TOKEN' : token}"`;
      say(`demo employer ${summary.employerId}: try`);
      say(`  curl ${auth} ${base}/api/payroll-imports/${summary.lastImportId}/changes`);
      say(`  curl ${auth} "${base}/api/messages?employerId=${summary.employerId}"      (statuses move within seconds)`);
      say(`  Temporal UI: workflows message-<id>   Insurer simulator: ${demoMessages.simulatorUrl}/admin/messages`);
      // Before the cycle, whose own review then finds these changes already made.
      await loadDemoBenefits({ base, token, employerId: summary.employerId, period: summary.lastPeriod, say })
        .catch((err: Error) => say(`demo benefits not loaded: ${err.message}`));
      const demoCycle = await loadDemoCycle({ base, token, employerId: summary.employerId, period: summary.lastPeriod, say });
      if (demoCycle.cycleId) {
        say(`  curl ${auth} "${base}/api/tasks?cycleId=${demoCycle.cycleId}&status=open"      (the cycle waits on these)`);
        say(`  curl ${auth} -H 'content-type: application/json' -d '{"result":{"value":"Kerkstraat"}}' ${base}/api/tasks/<taskId>/complete`);
        say(`  curl ${auth} ${base}/api/cycles/${demoCycle.cycleId}`);
      }
      const demoComparison = await loadDemoComparison({ base, token, employerId: summary.employerId, lastImportId: summary.lastImportId, period: summary.lastPeriod, say });
      say(`  curl ${auth} "${base}/api/comparison-runs/${demoComparison.runId}/results?kind=difference"`);
      say(`  curl ${auth} -o comparison.xlsx "${base}/api/comparison-runs/${demoComparison.runId}/report?lang=nl"`);
      // After the cycle: by then the demo insurer has answered the enrollment messages.
      await loadDemoBordereau({ base, token, employerId: summary.employerId, supplierId: demoMessages.supplierId, say })
        .catch((err: Error) => say(`demo bordereau not loaded: ${err.message}`));
      await loadDemoStatements({ base, token, employerId: summary.employerId, say })
        .catch((err: Error) => say(`demo statements not loaded: ${err.message}`));
      const demoContributions = await loadDemoContributions({ base, token, employerId: summary.employerId, period: summary.lastPeriod, say })
        .catch((err: Error) => { say(`demo contributions not loaded: ${err.message}`); return null; });
      if (demoContributions) say(`  curl ${auth} -o contributions.csv ${demoContributions.downloadUrl}`);
      const demoAccident = await loadDemoAccidents({ base, token, healthToken, employerId: summary.employerId, say });
      await loadDemoUsers({ base, token, healthToken, employerId: summary.employerId, dataDir: config.dataDir, say });
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

main().catch((err: unknown) => {
  // A start that fails before anything runs (PostgreSQL, Temporal) says why and what to do, once.
  console.error(`[mutaflow] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
