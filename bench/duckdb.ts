/**
 * DuckDB (the `duckdb` PyPI package) as the yardstick of the controls benchmarks: what a data
 * engineer would run by hand on the same files. Installed on first use into .tools/py, beside
 * the Temporal CLI that `npm run setup` puts there.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const TOOLS = resolve(__dirname, '..', '.tools', 'py');
export const DUCKDB_VERSION = '2.0.0';

const env = () => ({ ...process.env, PYTHONPATH: [TOOLS, process.env.PYTHONPATH].filter(Boolean).join(':') });

export function ensureDuckDb(): string {
  try {
    return execFileSync('python3', ['-c', 'import duckdb; print(duckdb.__version__)'], { env: env(), encoding: 'utf8' }).trim();
  } catch {
    console.log(`installing duckdb ${DUCKDB_VERSION} from PyPI into .tools/py (once)`);
    execFileSync('python3', ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', TOOLS, `duckdb==${DUCKDB_VERSION}`], { stdio: 'inherit' });
    return execFileSync('python3', ['-c', 'import duckdb; print(duckdb.__version__)'], { env: env(), encoding: 'utf8' }).trim();
  }
}

/**
 * Runs SQL statements in a fresh in-memory DuckDB (all cores) and times them, in its own process
 * for a clean peak RSS. The last statement's rows come back as JSON, with each statement's time.
 */
export function runDuckDb(statements: string[]): { wallMs: number; peakRssMb: number; rows: unknown[][]; stepMs: number[] } {
  const script = `
import duckdb, json, resource, sys, time
statements = json.loads(sys.stdin.read())
con = duckdb.connect()
# a progress bar on stdout (queries over 2 s) would run into the JSON line below
con.execute("SET enable_progress_bar = false")
t = time.perf_counter()
rows = []
steps = []
for s in statements:
    s0 = time.perf_counter()
    rows = con.execute(s).fetchall()
    steps.append(round((time.perf_counter() - s0) * 1000))
wall = (time.perf_counter() - t) * 1000
print(json.dumps({"wallMs": round(wall), "stepMs": steps, "peakRssMb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), "rows": [[str(v) for v in r] for r in rows]}))
`;
  const out = execFileSync('python3', ['-c', script], { env: env(), encoding: 'utf8', input: JSON.stringify(statements), maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop()!);
}
