/**
 * A build that starts over (a CSV read as bytes turns out not to be plain) writes its snapshot to
 * the same path again: the first attempt's writer must be closed, with no write still in flight,
 * before the second one truncates the file — else the old bytes land in the new file.
 */
import { mkdtemp, readFile, readdir, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineWriter } from '../../../activities/payroll/snapshot-file';

let dir: string;
/** The descriptors this process holds open on `path` (Linux). */
const openOn = async (path: string) => (await Promise.all((await readdir('/proc/self/fd')).map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')))).filter((p) => p === path).length;

beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'line-writer-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

test('an aborted writer is closed before the path is written again', async () => {
  const path = join(dir, 'restart.snapshot');
  for (let attempt = 0; attempt < 5; attempt++) {
    const first = new LineWriter(path, 'old');
    await first.flush();
    // Writes in flight when the build gives up.
    for (let i = 0; i < 200; i++) first.add(`${i}`.padEnd(100_000, 'x'));
    void first.flush();
    await first.abort();
    expect(await openOn(path)).toBe(0);
    const second = new LineWriter(path, 'fresh');
    await second.close();
    expect(await readFile(path, 'utf8')).toBe('fresh\n');
  }
});

test('abort after close is harmless', async () => {
  const w = new LineWriter(join(dir, 'closed.snapshot'), 'one');
  await w.close();
  await expect(w.abort()).resolves.toBeUndefined();
});
