import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { lockDataFolder, type DataLock } from './data-lock.ts';

export interface EmbeddedServer {
  /** Directory of the Unix socket, as postgres.js expects in `path`. */
  socketPath: string;
  /** The worker thread PGlite runs in (tests end it to play a crash). */
  worker: Worker;
  stop(): Promise<void>;
}

/**
 * What happens when the database's worker ends by itself (a crash of PGlite, out of memory): the
 * process cannot serve without it, and answering 503 forever while holding the folder's lock would
 * hide the failure. So, by default, say so and exit non-zero, for a supervisor to restart it.
 */
export function exitOnDatabaseLoss(reason: string): void {
  console.error(`[ruche] the embedded database stopped unexpectedly (${reason}); exiting so that a supervisor restarts Ruche.`);
  process.exit(70);
}

/**
 * Starts PGlite in a worker thread. With a data folder, takes its lock first; without one (tests),
 * the database lives in memory and dies with the worker.
 */
export async function startEmbeddedServer(options: {
  dataDir: string | null;
  /** Called once the lock is released, when the worker ends without being asked to. */
  onUnexpectedExit?: (reason: string) => void;
}): Promise<EmbeddedServer> {
  const onUnexpectedExit = options.onUnexpectedExit ?? exitOnDatabaseLoss;
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
  let stopped: Promise<void> | null = null;
  let failure: Error | null = null;
  let exited = false;
  // An 'error' (an exception in the worker) is followed by 'exit': report both as one.
  worker.on('error', (error) => {
    failure = error;
    console.error('[ruche] embedded database error:', error);
  });
  worker.once('exit', (code) => {
    exited = true;
    if (stopped) return; // asked to stop
    cleanUp(); // the folder is free for the next process
    onUnexpectedExit(failure ? `${failure.message}, exit ${code}` : `exit ${code}`);
  });

  return {
    socketPath,
    worker,
    stop() {
      stopped ??= new Promise<void>((resolvePromise) => {
        if (exited) return resolvePromise();
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
