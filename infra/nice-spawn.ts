import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';

/**
 * Spawns `command`, at a lower CPU priority when `nice` is set: background work that yields to the
 * API on shared cores. nice(1) execs the command in its place, so it is the same process (its pid,
 * its signals) and every thread it starts inherits the level.
 */
export function spawnAtNice(nice: number | undefined, command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  return nice ? spawn('nice', ['-n', String(nice), command, ...args], options) : spawn(command, args, options);
}
