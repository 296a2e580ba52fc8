/** The recorded workflow histories the replay tests read (test/histories), and how tests record them. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findTemporalCli } from '../../infra/temporal-dev-server';

export const HISTORIES = join(__dirname, '..', 'histories');

/** RECORD_HISTORIES=1 npx jest test/workflows refreshes the committed histories. */
export const recordHistories = process.env.RECORD_HISTORIES === '1';

/** A workflow's history as the Temporal CLI exports it: the format replay files are kept in. */
export async function exportHistory(workflowId: string): Promise<string> {
  const cli = findTemporalCli(process.env.TEMPORAL_CLI_PATH)!;
  const { stdout } = await promisify(execFile)(cli, ['workflow', 'show', '--workflow-id', workflowId, '--address', process.env.MUTAFLOW_TEST_TEMPORAL_ADDRESS!, '--namespace', 'default', '--output', 'json'], { maxBuffer: 16 << 20 });
  return stdout;
}
