/**
 * The load bench's users, in their own process: autocannon on the API's event loop would add its
 * own work (parsing 50 answers of 45–110 kB) to every latency it measures. Started by
 * bench/load.bench.ts with the lists as JSON in argv; stops on the message 'stop' and sends back
 * autocannon's results, one per list.
 */
import autocannon from 'autocannon';

interface UserList { name: string; url: string; connections: number }

const [listsJson, authorization] = process.argv.slice(2);
const lists = JSON.parse(listsJson) as UserList[];
const stops: (() => void)[] = [];
const results = Promise.all(lists.map((l) => new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon({ url: l.url, connections: l.connections, duration: 600, headers: { authorization }, timeout: 10 }, (err, r) => (err ? reject(err) : resolve(r)));
  stops.push(() => instance.stop());
})));

process.on('message', (m) => {
  if (m !== 'stop') return;
  for (const stop of stops) stop();
  results.then((r) => process.send?.(r, () => process.exit(0)), (err) => {
    console.error(err);
    process.exit(1);
  });
});
process.send?.('started');
