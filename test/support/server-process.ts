import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { postgresUrl, testDatabaseKind } from './database.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Sends a signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Waits for the process to end by itself. */
  exited: Promise<number | null>;
}

/** Starts `api/server.ts` as `npm start` does, in a process of its own, on a free port. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new ServerExited(code, output));
    });
  });

  return {
    url,
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

export class ServerExited extends Error {
  constructor(
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`server exited with ${code}:\n${output}`);
  }
}

/** Runs a server process to its end (for starts that must be refused). */
export async function runUntilExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  try {
    const server = await startServerProcess(env);
    const code = await server.stop();
    return { code, output: server.output() };
  } catch (error) {
    if (error instanceof ServerExited) return { code: error.code, output: error.output };
    throw error;
  }
}

/**
 * A place for a server process's data: a fresh database on the PostgreSQL server, or a fresh
 * embedded data folder, depending on which database this test run is for.
 */
export async function serverStorage(): Promise<{ env: Record<string, string>; databaseUrl?: string; dispose(): Promise<void> }> {
  if (testDatabaseKind() === 'postgres') {
    const admin = postgres(postgresUrl(), { max: 1, onnotice: () => {} });
    const name = `ruche_srv_${randomBytes(5).toString('hex')}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(postgresUrl());
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.href },
      databaseUrl: url.href,
      async dispose() {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'ruche-data-'));
  return {
    env: { RUCHE_DATA: dir },
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
