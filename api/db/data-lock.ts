import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, readlinkSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * One process at a time may open an embedded data folder: PGlite has no guard of its own, and two
 * processes writing the same files corrupt them. The lock is a file naming its owner: pid, host, and
 * when that process started (from /proc where there is one). A lock whose process is gone (a crash,
 * a kill -9) is taken over, and so is one whose pid now belongs to another process: after a container
 * restart the new server often gets the very pid, and hostname, of the one that was killed.
 *
 * A pid means something only in its pid namespace: two containers sharing a volume and a hostname
 * both run as pid 1, and a container restarted gets a new namespace. So the holder also refreshes
 * the lock file's time every HEARTBEAT_MS; a lock from another pid namespace (or from an older Ruche,
 * which wrote none) is stale only once it has gone SILENT_MS without that — the starter waits for it.
 */
export class DataFolderBusyError extends Error {}

export interface DataLock {
  release(): void;
}

interface Owner {
  pid: number;
  host: string;
  /** Start time of the process (clock ticks since boot, /proc/<pid>/stat), when known. */
  started?: string;
  /** The kernel's boot id: start times count from a boot. */
  boot?: string;
  /** The pid namespace the pid belongs to (/proc/self/ns/pid), when known. */
  ns?: string;
}

/** How often the holder refreshes its lock's time. */
export const HEARTBEAT_MS = 10_000;
/** How long a lock whose owner cannot be judged by its pid must go unrefreshed to be stale. */
export const SILENT_MS = 30_000;

/** Folders this process holds: to be told apart from a lock left by an earlier process with our pid. */
const held = new Set<string>();

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19]; // field 22, starttime
  } catch {
    return undefined;
  }
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

function pidNamespace(): string | undefined {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function parseOwner(text: string): Owner | null {
  try {
    const owner = JSON.parse(text) as Owner;
    if (Number.isInteger(owner.pid) && typeof owner.host === 'string') return owner;
  } catch {
    // an older lock: "pid@host"
    const [pidText, host] = text.split('@');
    const pid = Number(pidText);
    if (Number.isInteger(pid) && host) return { pid, host };
  }
  return null;
}

type Verdict = 'stale' | 'live' | 'unsure';

/**
 * What the lock's pid says of its owner: certainly gone, alive, or nothing ('unsure': another pid
 * namespace, or a lock that does not say which; its heartbeat tells). Another host's lock is not judged.
 */
export function judge(owner: Owner, me = { pid: process.pid, boot: bootId(), ns: pidNamespace() }): Verdict {
  if (owner.host !== hostname() || owner.pid <= 0) return 'live';
  if (owner.ns === undefined || me.ns === undefined || owner.ns !== me.ns) return 'unsure';
  if (owner.pid === me.pid) return 'stale'; // not one we hold (checked before): an earlier process with our pid
  if (!processIsAlive(owner.pid)) return 'stale';
  if (owner.started === undefined) return 'live';
  if (owner.boot !== undefined && me.boot !== undefined && owner.boot !== me.boot) return 'stale';
  const started = processStartTime(owner.pid);
  return started !== undefined && started !== owner.started ? 'stale' : 'live'; // else the pid was given to another process
}

/**
 * For an owner its pid cannot judge: stale once the lock has gone `silentMs` unrefreshed (waiting for
 * that, if need be); null when the lock changed or went meanwhile (look again).
 */
function silentFor(lockPath: string, holder: string, silentMs: number): boolean | null {
  const deadline = Date.now() + silentMs * 1.5; // the holder refreshes it every third of that
  let told = false;
  for (;;) {
    let mtime: number;
    try {
      if (readFileSync(lockPath, 'utf8') !== holder) return null; // someone else took it meanwhile
      mtime = statSync(lockPath).mtimeMs;
    } catch {
      return null; // released
    }
    if (Date.now() - mtime > silentMs) return true;
    if (Date.now() > deadline) return false; // refreshed all along: its owner lives
    if (!told) {
      console.warn(`Ruche: ${lockPath} was refreshed ${Math.round((Date.now() - mtime) / 1000)} s ago by a process this one cannot see; waiting up to ${Math.round(silentMs / 1000)} s to know whether it still runs…`);
      told = true;
    }
    sleep(Math.min(1000, silentMs / 4));
  }
}

export function lockDataFolder(dataDir: string, { silentMs = SILENT_MS, heartbeatMs = HEARTBEAT_MS } = {}): DataLock {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'ruche.lock');
  const key = resolve(lockPath);
  const busy = (holder: string) =>
    new DataFolderBusyError(
      `The embedded database in ${dataDir} is in use by another Ruche process (${holder || 'unknown'}). ` +
        'Stop that process, or give this one its own folder with RUCHE_DATA, or use PostgreSQL with DATABASE_URL.',
    );
  if (held.has(key)) throw busy(`this process, pid ${process.pid}`);

  const me: Owner = { pid: process.pid, host: hostname(), started: processStartTime(process.pid), boot: bootId(), ns: pidNamespace() };
  const content = JSON.stringify(me);
  // The lock appears whole or not at all: written aside, then linked into place (link fails if a lock exists).
  const temporary = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, content, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(temporary, lockPath);
        held.add(key);
        // Alive, says the lock's time: for a starter that cannot judge our pid (another pid namespace).
        const heartbeat = setInterval(() => {
          try {
            const now = new Date();
            utimesSync(lockPath, now, now);
          } catch {
            // gone: the release is under way
          }
        }, heartbeatMs);
        heartbeat.unref();
        return {
          release() {
            clearInterval(heartbeat);
            held.delete(key);
            try {
              if (readFileSync(lockPath, 'utf8') === content) unlinkSync(lockPath);
            } catch {
              // already gone
            }
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      let holder: string;
      try {
        holder = readFileSync(lockPath, 'utf8');
      } catch {
        continue; // released between our two calls: try again
      }
      const owner = parseOwner(holder);
      let verdict = owner ? judge(owner) : 'live';
      if (verdict === 'unsure') {
        const silent = silentFor(lockPath, holder, silentMs);
        if (silent === null) continue;
        verdict = silent ? 'stale' : 'live';
      }
      if (verdict === 'live') throw busy(owner ? `pid ${owner.pid} on ${owner.host}` : holder);
      takeOver(lockPath, holder);
    }
  } finally {
    unlinkSync(temporary);
  }
  throw new DataFolderBusyError(`Could not lock ${lockPath}: another process keeps taking it.`);
}

/**
 * Moves a stale lock out of the way, atomically: renamed aside (only one process can move a given
 * file), and checked to be the stale one judged, not a fresh lock another starter put in its place
 * meanwhile (which goes back). The caller then links its own lock in, which fails if someone was faster.
 */
function takeOver(lockPath: string, staleContent: string): void {
  const aside = `${lockPath}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else moved it
    throw error;
  }
  if (readFileSync(aside, 'utf8') === staleContent) {
    unlinkSync(aside);
    return;
  }
  try {
    linkSync(aside, lockPath); // a live lock: put it back (the caller then finds it and gives up)
  } catch {
    // a third starter's lock is already in its place: that one stands
  }
  unlinkSync(aside);
}
