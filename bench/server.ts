import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

const ROOT = new URL('../', import.meta.url).pathname;

export interface BenchServer {
  url: string;
  database: 'postgresql' | 'embedded';
  stop(): Promise<void>;
}

/** The real server in a process of its own, on a fresh database, with limits opened for load. */
export async function startBenchServer(
  database: 'postgresql' | 'embedded',
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<BenchServer> {
  let dispose = async () => {};
  const storage: Record<string, string> = {};
  if (database === 'postgresql') {
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = `ruche_bench_${randomBytes(4).toString('hex')}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    storage.DATABASE_URL = url.href;
    dispose = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'ruche-bench-'));
    storage.RUCHE_DATA = dir;
    dispose = async () => rmSync(dir, { recursive: true, force: true });
  }
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'api/server.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: '0',
      RUCHE_WRITE_RATE: '1000000',
      RUCHE_WRITE_BURST: '1000000',
      RUCHE_DB_POOL: '20',
      ...storage,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  return {
    url,
    database,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await dispose();
    },
  };
}
