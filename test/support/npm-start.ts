import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;

/** What `npm start` needs: the API, the shared code, the widgets' sources and build, the demo site, the extension (the build builds it too), the build script. */
const NEEDED = ['api', 'shared', 'widgets', 'demo', 'extension', 'scripts', 'package.json', 'package-lock.json', 'rollup.config.ts', 'tsconfig.json'];

export interface StartedRuche {
  /** Where it listens, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  /** What the server printed so far. */
  output(): string;
  /** The folder it runs in (a copy of the working tree, unless RUCHE_E2E_IN_PLACE=1). */
  root: string;
  /** What the build before the start printed. */
  buildOutput: string;
  /** Stops the server (SIGTERM, as Ctrl+C would) and removes its data folder and its copy of the code. */
  stop(): Promise<void>;
}

/**
 * Ruche exactly as a visitor of `npm start` gets it: its prestart step (which builds, a copy having
 * no build yet), then
 * `node --import tsx api/server.ts` in a process of its own, with nothing configured but a free port
 * (PORT=0) and a fresh data folder (RUCHE_DATA), so: the embedded database, demo identities (it
 * listens on loopback), the demo seed.
 *
 * It runs in a copy of the working tree (node_modules linked), not in the repository itself: a build
 * elsewhere in the repository (someone's `npm start`, `npm run build`, the bench) empties
 * dist/widgets and renames its chunks, which would break the pages of a run midway. Set
 * RUCHE_E2E_IN_PLACE=1 to build and run in the repository instead.
 */
export async function startLikeNpmStart(): Promise<StartedRuche> {
  const scratch = mkdtempSync(join(tmpdir(), 'ruche-e2e-'));
  const dataDir = join(scratch, 'data');
  let cwd = ROOT;
  if (process.env.RUCHE_E2E_IN_PLACE !== '1') {
    cwd = join(scratch, 'ruche');
    for (const name of NEEDED) cpSync(join(ROOT, name), join(cwd, name), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(cwd, 'node_modules'), 'dir');
  }
  const cleanup = () => rmSync(scratch, { recursive: true, force: true });
  try {
    const buildOutput = prestart(cwd);
    return { ...(await serve(cwd, dataDir, cleanup)), root: cwd, buildOutput };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** `npm start`'s prestart step (build if the sources changed), as npm runs it; what it printed. */
export function prestart(cwd: string): string {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['run', 'prestart', '--silent'], { cwd, encoding: 'utf8', env: process.env });
  if (run.status !== 0) throw new Error(`npm start's prestart failed (exit ${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
  return `${run.stdout}${run.stderr}`;
}

async function serve(cwd: string, dataDir: string, cleanup: () => void): Promise<Omit<StartedRuche, 'root' | 'buildOutput'>> {
  // Only what a shell gives `npm start`: no DATABASE_URL, no RUCHE_* setting from the test's environment.
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', RUCHE_DATA: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Ruche did not start within 90 s:\n${output}`));
    }, 90_000);
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace(/\/$/, ''));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Ruche exited with ${code} before listening:\n${output}`));
    });
  });

  return {
    url,
    output: () => output,
    async stop() {
      try {
        if (child.exitCode === null) child.kill('SIGTERM');
        // Open live streams are ended by the shutdown; should it hang anyway, do not hang the tests.
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      } finally {
        cleanup();
      }
    },
  };
}
