/**
 * The load bench's users, in their own process: autocannon on the API's event loop would add its
 * own work (parsing 50 answers of 45–110 kB) to every latency it measures. Started by
 * bench/load.bench.ts with the lists as JSON in argv and the Authorization header in
 * BENCH_LOAD_AUTHORIZATION; stops on the message 'stop' and sends back autocannon's results, one per
 * list. Ends with its parent: a bench that died must not leave 50 users knocking for ten minutes.
 */
import autocannon from 'autocannon';

interface UserList { name: string; url: string; connections: number }

const [listsJson] = process.argv.slice(2);
const authorization = process.env.BENCH_LOAD_AUTHORIZATION ?? '';
const lists = JSON.parse(listsJson) as UserList[];
const stops: (() => void)[] = [];
/** Every answer's latency by the 5-second window it came in: where in the run the slow ones fall. */
const t0 = Date.now();
const windows: number[][] = [];
const results = Promise.all(lists.map((l) => new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon({ url: l.url, connections: l.connections, duration: 600, headers: { authorization }, timeout: 10 }, (err, r) => (err ? reject(err) : resolve(r)));
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    const w = Math.floor((Date.now() - t0) / 5000);
    (windows[w] ??= []).push(ms);
  });
  stops.push(() => instance.stop());
})));
/** Per window: its start (s), answers, p50 and p99 (ms). */
const latencyByWindow = () => windows.map((ms, w) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { from: w * 5, answers: sorted.length, p50: Math.round(sorted[Math.floor(sorted.length * 0.5)]), p99: Math.round(sorted[Math.floor(sorted.length * 0.99)]) };
});

process.on('disconnect', () => process.exit(1));
results.catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
process.on('message', (m) => {
  if (m !== 'stop') return;
  for (const stop of stops) stop();
  results.then((r) => process.send?.({ results: r, windows: latencyByWindow() }, () => process.exit(0)), (err) => {
    console.error(err);
    process.exit(1);
  });
});
process.send?.('started');
