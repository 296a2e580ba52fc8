import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Holds a name across the test run's workers (a directory in the run's test root: mkdir is
 * atomic), for test files that share one thing in the shared database and must not run at the
 * same time — the demo employer, which the demo's loaders find by name. Answers the release.
 */
export async function exclusive(name: string, timeoutMs = 300_000): Promise<() => Promise<void>> {
  const dir = join(process.env.MUTAFLOW_TEST_ROOT!, `exclusive-${name}`);
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(dir);
      return () => rm(dir, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (Date.now() > until) throw new Error(`waited ${timeoutMs} ms for "${name}", held by another test file`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
