/**
 * Background processes at a lower CPU priority (infra/nice-spawn.ts): the child itself runs at the
 * level (nice(1) execs it in its place), and a dev server that cannot be started says why.
 */
import { once } from 'node:events';
import { getPriority } from 'node:os';
import { spawnAtNice } from '../../infra/nice-spawn';
import { startTemporalDevServer } from '../../infra/temporal-dev-server';

const priorityOf = async (nice: number | undefined) => {
  const child = spawnAtNice(nice, process.execPath, ['-e', 'console.log(require("node:os").getPriority())'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
  return Number(out.trim());
};

describe('spawnAtNice', () => {
  it('runs the command itself at the given nice level, and at ours without one', async () => {
    const ours = getPriority();
    expect(await priorityOf(undefined)).toBe(ours);
    expect(await priorityOf(5)).toBe(Math.min(19, ours + 5));
  });

  it('a Temporal dev server that cannot be started says why, instead of crashing the process', async () => {
    await expect(startTemporalDevServer({ cli: '/nonexistent/temporal', port: 1, uiPort: null, nice: 5 }))
      .rejects.toThrow(/temporal dev server (exited early|could not be started)/);
    await expect(startTemporalDevServer({ cli: '/nonexistent/temporal', port: 1, uiPort: null }))
      .rejects.toThrow(/temporal dev server could not be started: spawn \/nonexistent\/temporal ENOENT/);
  });
});
