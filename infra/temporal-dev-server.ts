import { spawnAtNice } from './nice-spawn';
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';

export interface DevServer {
  address: string;
  uiUrl: string | null;
  stop(): Promise<void>;
}

/** The project-local install made by scripts/setup.sh (pip --target .tools/py). */
const LOCAL_TOOLS = resolve(__dirname, '..', '.tools', 'py', 'bin');

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** `TEMPORAL_CLI_PATH`, else `temporal` on PATH, else the project's .tools install. */
export function findTemporalCli(explicit?: string): string | undefined {
  if (explicit) return explicit;
  const local = join(LOCAL_TOOLS, 'temporal');
  return onPath('temporal') ?? (existsSync(local) ? local : undefined);
}

/** `TEMPORAL_TEST_SERVER_PATH`, else `temporal-test-server` on PATH, else the project's .tools install. */
export function findTestServer(): string | undefined {
  const local = join(LOCAL_TOOLS, 'temporal-test-server');
  return process.env.TEMPORAL_TEST_SERVER_PATH ?? onPath('temporal-test-server') ?? (existsSync(local) ? local : undefined);
}

/** Polls the frontend's health until it answers; stops early (quietly) once `gaveUp` says so. */
export async function waitForTemporal(address: string, timeoutMs = 60_000, gaveUp: () => boolean = () => false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline && !gaveUp()) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.healthService.check({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Temporal at ${address} did not become ready: ${String(lastError)}`);
}

/**
 * Runs `temporal server start-dev`. With a `dbFile` its state survives restarts; without,
 * it lives in memory (tests). The UI stays on unless `uiPort` is null. With `nice`, the server
 * runs at that lower CPU priority (nice(1)): background work that yields to the API on shared cores.
 */
export async function startTemporalDevServer(opts: {
  cli: string; port: number; uiPort: number | null; dbFile?: string; log?: (line: string) => void; nice?: number;
}): Promise<DevServer> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--log-level', 'warn', '--namespace', 'default'];
  if (opts.dbFile) args.push('--db-filename', opts.dbFile);
  if (opts.uiPort === null) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort));
  const child = spawnAtNice(opts.nice, opts.cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // Its last lines say why, should it exit before it is ready (a port taken meanwhile, a locked file).
  const last: string[] = [];
  const forward = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach((l) => {
    last.push(l);
    if (last.length > 5) last.shift();
    opts.log?.(l);
  });
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  // A spawn that fails (no `nice`, no CLI at that path) ends the start, saying why, instead of crashing the process.
  const exited = new Promise<string>((r) => {
    child.once('exit', (code) => r(`exited early (code ${code})`));
    child.once('error', (err) => r(`could not be started: ${err.message}`));
  });
  const address = `127.0.0.1:${opts.port}`;
  let ended = false;
  const early = exited.then((why) => {
    ended = true;
    throw new Error(`temporal dev server ${why}${last.length ? `: ${last.join(' | ').slice(0, 1000)}` : ''}`);
  });
  // The polling stops when the server has ended: a failed start leaves nothing running.
  const ready = waitForTemporal(address, undefined, () => ended);
  try {
    await Promise.race([ready, early]);
  } catch (err) {
    if (!ended) child.kill('SIGKILL');
    // The polling stops after the attempt under way (a connect of at most 2 s): awaited, so that
    // nothing of a failed start is left running (a test's worker otherwise could not exit).
    await ready.catch(() => undefined);
    throw err;
  }
  early.catch(() => undefined);
  return {
    address,
    uiUrl: opts.uiPort === null ? null : `http://127.0.0.1:${opts.uiPort}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
