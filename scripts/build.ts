/**
 * `npm run build`: the widgets and the extension (rollup.config.ts), then a stamp of what they were
 * built from. `npm start` runs it with `--if-changed` first (its prestart): a start whose sources
 * are those of the last build does not build again.
 *
 * "The same sources" is decided by content, not by dates: a digest of every file the build reads
 * (widgets/, shared/, extension/, the rollup config, package.json and its lock, tsconfig.json), so a
 * change always rebuilds — also one that keeps an old date (a checkout, a copy, an archive) — and a
 * touched but unchanged file does not. Reading and hashing them takes a few tens of milliseconds.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What the build reads: folders (all their files) and files, relative to the project. */
export const BUILD_SOURCES = ['widgets', 'shared', 'extension', 'rollup.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];
/** Where the build writes: the stamp lists every file it wrote there. */
const BUILD_OUTPUTS = ['dist/widgets', 'dist/extension'];
const STAMP = 'dist/build-stamp.json';

interface Stamp {
  /** The digest of the sources the build started from. */
  sources: string;
  /** Every file it wrote, relative to the project. */
  outputs: string[];
}

function filesUnder(root: string, entry: string): string[] {
  const path = join(root, entry);
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [entry];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((dirent) => dirent.isFile())
    .map((dirent) => relative(root, join(dirent.parentPath, dirent.name)).split(sep).join('/'));
}

/** A digest of the sources: each file's path and content, in a fixed order. */
export function sourceDigest(root: string): string {
  const hash = createHash('sha256');
  const files = BUILD_SOURCES.flatMap((entry) => filesUnder(root, entry)).sort();
  for (const file of files) {
    const content = readFileSync(join(root, file));
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
  return hash.digest('hex');
}

function readStamp(root: string): Stamp | null {
  try {
    return JSON.parse(readFileSync(join(root, STAMP), 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

/** Why the build is not current (no stamp, other sources, an output gone), or null when it is. */
export function staleBecause(root: string): string | null {
  const stamp = readStamp(root);
  if (!stamp) return 'no build yet';
  if (stamp.sources !== sourceDigest(root)) return 'the sources changed since the last build';
  const missing = stamp.outputs.find((file) => !existsSync(join(root, file)));
  if (missing) return `${missing} is missing`;
  return null;
}

/** Builds, and stamps the result with the sources it started from (a change made meanwhile rebuilds next time). */
export function build(root: string): void {
  const sources = sourceDigest(root);
  rmSync(join(root, STAMP), { force: true }); // a failed build leaves no stamp
  const rollup = createRequire(join(root, 'package.json')).resolve('rollup/dist/bin/rollup');
  const run = spawnSync(process.execPath, [rollup, '-c', 'rollup.config.ts', '--configPlugin', 'esbuild'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new BuildFailed(run.status ?? run.signal ?? 'unknown');
  const outputs = BUILD_OUTPUTS.flatMap((entry) => filesUnder(root, entry)).sort();
  writeFileSync(join(root, STAMP), `${JSON.stringify({ sources, outputs } satisfies Stamp, null, 2)}\n`);
}

export class BuildFailed extends Error {
  constructor(readonly exit: number | string) {
    super(`the build failed (rollup exited with ${exit})`);
  }
}

async function main() {
  const root = new URL('../', import.meta.url).pathname;
  const ifChanged = process.argv.includes('--if-changed');
  const stale = ifChanged ? staleBecause(root) : 'asked for';
  if (!stale) {
    console.log('Widgets and extension: built from these sources already, not built again.');
    return;
  }
  if (ifChanged) console.log(`Building the widgets and the extension (${stale}; about half a minute)…`);
  try {
    build(root);
  } catch (error) {
    if (!(error instanceof BuildFailed)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
