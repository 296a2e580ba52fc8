/**
 * Every history recorded under test/histories replays against today's workflow code: a change
 * to a workflow that running instances would not survive fails here, whichever workflow it is
 * and whichever branch recorded the history. Replay needs no server, only the bundle.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { sharedBundle } from '../support/harness';
import { TEST_DATA_CONVERTER } from '../support/outbound';

const HISTORIES = join(__dirname, '..', 'histories');

beforeAll(() => {
  try { Runtime.install({ logger: new DefaultLogger('WARN') }); } catch { /* installed by another file in this worker */ }
});

it('replays every recorded history', async () => {
  const files = (await readdir(HISTORIES)).filter((f) => f.endsWith('.json')).sort();
  expect(files.length).toBeGreaterThanOrEqual(10);
  const failures: string[] = [];
  for (const file of files) {
    const history = JSON.parse(await readFile(join(HISTORIES, file), 'utf8'));
    await Worker.runReplayHistory({ workflowBundle: await sharedBundle(), dataConverter: TEST_DATA_CONVERTER }, history, file)
      .catch((err: Error) => failures.push(`${file}: ${err.message}`));
  }
  expect(failures).toEqual([]);
}, 300_000);
