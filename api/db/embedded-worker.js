// @ts-check
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded PostgreSQL (PGlite) lives in this worker thread and serves the wire protocol on a
 * private Unix socket, so that a slow query blocks this thread, not the API's event loop, and the
 * API talks to it with the same driver (postgres.js) as to a real server.
 */
const { dataDir, socketPath } = /** @type {{ dataDir: string | null, socketPath: string }} */ (workerData);
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

try {
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { unaccent } });
  // One connection: PGlite is single-user, and interleaving clients at the protocol level is unsafe.
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 1 });
  await server.start();
  port.postMessage({ type: 'ready' });

  port.on('message', async (/** @type {{ type: string }} */ message) => {
    if (message.type !== 'stop') return;
    await server.stop();
    await db.close();
    port.close(); // nothing left to do: the thread ends
  });
} catch (error) {
  port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
