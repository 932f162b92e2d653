import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { lockDataFolder, type DataLock } from './data-lock.ts';

export interface EmbeddedServer {
  /** Directory of the Unix socket, as postgres.js expects in `path`. */
  socketPath: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite in a worker thread. With a data folder, takes its lock first; without one (tests),
 * the database lives in memory and dies with the worker.
 */
export async function startEmbeddedServer(options: { dataDir: string | null }): Promise<EmbeddedServer> {
  let lock: DataLock | null = null;
  let pgDir: string | null = null;
  if (options.dataDir) {
    const dataDir = resolve(options.dataDir);
    lock = lockDataFolder(dataDir);
    pgDir = join(dataDir, 'pgdata');
  }
  // A private directory (0700) for the socket: PGlite asks no password, so only this user may connect.
  const socketDir = mkdtempSync(join(tmpdir(), 'ruche-db-'));
  const socketPath = join(socketDir, '.s.PGSQL.5432');

  const worker = new Worker(new URL('./embedded-worker.js', import.meta.url), {
    workerData: { dataDir: pgDir, socketPath },
    // Not the parent's flags: a TypeScript loader there would add a loader thread that PGlite's
    // shutdown waits on (the worker is plain JavaScript for that reason).
    execArgv: [],
  });
  const cleanUp = () => {
    rmSync(socketDir, { recursive: true, force: true });
    lock?.release();
  };

  try {
    await new Promise<void>((resolvePromise, reject) => {
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the embedded database stopped during start (exit ${code})`)));
      worker.once('message', (message: { type: string; message?: string }) => {
        if (message.type === 'ready') resolvePromise();
        else reject(new Error(`the embedded database could not start: ${message.message ?? message.type}`));
      });
    });
  } catch (error) {
    await worker.terminate();
    cleanUp();
    throw error;
  }
  worker.removeAllListeners();
  worker.on('error', (error) => console.error('[ruche] embedded database error:', error));

  let stopped: Promise<void> | null = null;
  return {
    socketPath,
    stop() {
      stopped ??= new Promise<void>((resolvePromise) => {
        // The worker closes PGlite (flushing it to disk) and then ends on its own.
        const timer = setTimeout(() => void worker.terminate(), 15_000);
        worker.once('exit', () => {
          clearTimeout(timer);
          resolvePromise();
        });
        worker.postMessage({ type: 'stop' });
      }).finally(cleanUp);
      return stopped;
    },
  };
}
