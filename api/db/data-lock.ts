import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * One process at a time may open an embedded data folder: PGlite has no guard of its own, and two
 * processes writing the same files corrupt them. The lock is a file holding the owner's pid; a lock
 * whose process is gone (a crash, a kill -9) is taken over.
 */
export class DataFolderBusyError extends Error {}

export interface DataLock {
  release(): void;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataFolder(dataDir: string): DataLock {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'ruche.lock');
  const owner = `${process.pid}@${hostname()}`;

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, owner);
      closeSync(fd);
      return {
        release() {
          try {
            if (readFileSync(lockPath, 'utf8') === owner) unlinkSync(lockPath);
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder = '';
      try {
        holder = readFileSync(lockPath, 'utf8');
      } catch {
        continue; // released between our two calls: try again
      }
      const [pidText, host] = holder.split('@');
      const pid = Number(pidText);
      const sameHost = host === hostname();
      if (sameHost && Number.isInteger(pid) && pid > 0 && !processIsAlive(pid)) {
        unlinkSync(lockPath); // stale: its process is gone
        continue;
      }
      throw new DataFolderBusyError(
        `The embedded database in ${dataDir} is in use by another Ruche process (${holder || 'unknown'}). ` +
          'Stop that process, or give this one its own folder with RUCHE_DATA, or use PostgreSQL with DATABASE_URL.',
      );
    }
  }
  throw new DataFolderBusyError(`Could not lock ${lockPath}: another process keeps taking it.`);
}
