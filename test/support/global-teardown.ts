import { rm } from 'node:fs/promises';

export default async function globalTeardown() {
  const stops: (() => Promise<void>)[] = (globalThis as any).__MUTAFLOW_STOPS__ ?? [];
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  if (process.env.MUTAFLOW_TEST_ROOT) await rm(process.env.MUTAFLOW_TEST_ROOT, { recursive: true, force: true });
}
