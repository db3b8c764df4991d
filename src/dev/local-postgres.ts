/**
 * A real PostgreSQL 18 with pgvector on this machine, for tests and for `npm run eval -- --store postgres` without a
 * DATABASE_URL: PGlite (PostgreSQL compiled to WebAssembly, a dev dependency) served over the PostgreSQL wire
 * protocol on a local port. Whatever connects to it does so with `pg` and a URL, exactly as to any PostgreSQL
 * server, so the store code never learns what is behind the URL.
 */
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface LocalPostgres {
  url: string;
  stop(): Promise<void>;
}

/** Port 0 picks a free one. */
export async function startLocalPostgres(port = 0): Promise<LocalPostgres> {
  const db = await PGlite.create({ extensions: { vector } });
  // The server multiplexes connections over PGlite's one session, keeping an open transaction to its own connection.
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 32 });
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
