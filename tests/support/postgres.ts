/**
 * A real PostgreSQL 18 with pgvector for tests: PGlite (PostgreSQL compiled to WebAssembly) served over the
 * PostgreSQL wire protocol on a free local port. The code under test connects to it with `pg` and a DATABASE_URL,
 * exactly as it would to any PostgreSQL server.
 */
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const db = await PGlite.create({ extensions: { vector } });
  // The server multiplexes connections over PGlite's one session, keeping an open transaction to its own connection.
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 32 });
  await server.start();
  const url = `postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`;
  return {
    url,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

// `npx tsx tests/support/postgres.ts [port]`: the same server on its own, for trying the CLI against it by hand.
if (process.argv[1]?.endsWith('postgres.ts')) {
  const db = await PGlite.create({ extensions: { vector } });
  const server = new PGLiteSocketServer({ db, port: Number(process.argv[2] ?? 0), host: '127.0.0.1', maxConnections: 32 });
  await server.start();
  console.log(`postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`);
}
