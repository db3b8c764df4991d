/**
 * A real PostgreSQL 18 with pgvector for tests (src/dev/local-postgres.ts: PGlite served over the wire protocol on a
 * free local port). The code under test connects to it with `pg` and a DATABASE_URL, exactly as it would to any
 * PostgreSQL server.
 */
import { startLocalPostgres, type LocalPostgres } from '../../src/dev/local-postgres.js';

export type TestPostgres = LocalPostgres;

export function startTestPostgres(): Promise<TestPostgres> {
  return startLocalPostgres();
}

// `npx tsx tests/support/postgres.ts [port]`: the same server on its own, for trying the CLI against it by hand.
if (process.argv[1]?.endsWith('postgres.ts')) {
  const server = await startLocalPostgres(Number(process.argv[2] ?? 0));
  console.log(server.url);
}
