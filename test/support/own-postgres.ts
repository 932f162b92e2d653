import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PostgreSQL server of a test's own, in a temporary folder on a free port, that the test may stop
 * and start again (the shared server of DATABASE_URL must never be). Built from the server's own
 * tools: initdb and pg_ctl from RUCHE_PG_BIN, or the newest /usr/lib/postgresql/<version>/bin.
 * PostgreSQL refuses to run as root: a root test runs them as the `postgres` user.
 */
export interface OwnPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication, loopback only). */
  url: string;
  /** `pg_ctl stop`: fast (disconnects sessions, checkpoint) or immediate (as a crash: recovery at the next start). */
  stop(mode: 'fast' | 'immediate'): void;
  /** `pg_ctl start`, waiting until it accepts connections. */
  start(): void;
  /** Stops it if it runs and removes its folder. */
  dispose(): void;
}

/** Where initdb and pg_ctl are, or null when this machine has no PostgreSQL server installed. */
export function postgresTools(): string | null {
  const candidates = process.env.RUCHE_PG_BIN
    ? [process.env.RUCHE_PG_BIN]
    : existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .filter((version) => /^\d+$/.test(version))
          .sort((a, b) => Number(b) - Number(a))
          .map((version) => `/usr/lib/postgresql/${version}/bin`)
      : [];
  return candidates.find((bin) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) ?? null;
}

export async function startOwnPostgres(bin: string): Promise<OwnPostgres> {
  const root = process.getuid?.() === 0;
  const owner = root ? postgresUser() : null;
  const dir = mkdtempSync(join(tmpdir(), 'ruche-own-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const run = (tool: string, args: string[]) => {
    const [command, argv] = owner ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    const done = spawnSync(command, argv, { encoding: 'utf8', cwd: dir });
    if (done.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${done.status ?? done.signal}):\n${done.stdout}\n${done.stderr}`);
  };
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // Its own socket folder and port, loopback only; nothing else on the machine notices it.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  let running = false;
  const server: OwnPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start() {
      run('pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', join(dir, 'server.log'), '-o', options]);
      running = true;
    },
    stop(mode) {
      run('pg_ctl', ['stop', '-w', '-m', mode, '-D', data]);
      running = false;
    },
    dispose() {
      if (running) {
        try {
          server.stop('immediate');
        } catch {
          // already gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    server.start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return server;
}

function postgresUser(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('PostgreSQL will not run as root, and there is no `postgres` user to run it as: run the tests as another user, or create one.');
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
