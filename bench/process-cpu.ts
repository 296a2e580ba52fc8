import { readFileSync, readdirSync } from 'node:fs';

/** Linux's clock ticks per second (USER_HZ) for /proc/<pid>/stat's utime and stime: 100 on every mainstream kernel. */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds used so far by each group of live processes, grouped by `groupOf(pid, cmdline)`
 * (undefined: not counted). From /proc/<pid>/stat; a process that ended takes its time with it.
 */
export function processCpuSeconds(groupOf: (pid: number, cmdline: string) => string | undefined): Map<string, number> {
  const totals = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const group = groupOf(Number(entry), cmdline);
      if (!group) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The fields after the command's name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      totals.set(group, (totals.get(group) ?? 0) + ticks / TICKS_PER_SECOND);
    } catch {
      // The process ended while it was read.
    }
  }
  return totals;
}
