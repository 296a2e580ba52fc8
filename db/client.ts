import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool, type PoolClient } from 'pg';
import * as schema from './schema';

export type Db = NodePgDatabase<typeof schema> & { $client: Pool };
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export function createDb(url: string, max = 10): Db {
  const pool = new Pool({ connectionString: url, max });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return drizzle(pool, { schema }) as Db;
}

/**
 * A transaction's own connection (drizzle's node-postgres session holds it): a COPY runs inside the
 * transaction on it. `Db` is admitted because db/queries' Tx admits it; pass a transaction.
 */
export function transactionClient(tx: Tx | Db): PoolClient {
  return (tx as unknown as { session: { client: PoolClient } }).session.client;
}
