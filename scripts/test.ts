/**
 * `npm test`: every test Ruche has, in the order that fails fastest.
 *   1. types (tsc, strict)
 *   2. unit tests of shared code (node:test)
 *   3. API tests on PostgreSQL (DATABASE_URL) and on the embedded database (PGlite)
 *   4. widget tests in Chromium (web-test-runner + Playwright), against real API servers
 *   5. end-to-end tests: the demo as `npm start` serves it, driven in Chromium
 *   6. the browser extension, built and loaded unpacked in Chromium; web-ext lint on its Firefox build
 * Each step prints its own summary; the first failing step fails the run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../', import.meta.url).pathname;

function testFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name))
    .sort();
}

interface Step {
  name: string;
  command: string[];
  env?: Record<string, string>;
  skip?: string | false;
}

const nodeTest = (files: string[], concurrency = 2) => [
  process.execPath,
  '--import',
  'tsx',
  '--test',
  '--test-reporter=spec',
  `--test-concurrency=${concurrency}`,
  ...files,
];
const hasTests = (dir: string) => existsSync(join(root, dir)) && testFiles(dir).length > 0;

const only = process.argv[2]; // `npm test -- api` runs the steps whose name contains "api"
const databaseUrl = process.env.DATABASE_URL;
const steps: Step[] = [
  { name: 'types', command: [join(root, 'node_modules/.bin/tsc'), '-p', root] },
  // A copy-paste detector: more duplicated blocks than recorded fail (scripts/lint-duplicates.ts).
  { name: 'lint: duplicates', command: ['npm', 'run', '--silent', 'lint:dup'] },
  { name: 'unit: shared', command: nodeTest(testFiles('shared')) },
  // Which way imports run, read from the source (test/architecture/dependencies.test.ts).
  { name: 'unit: architecture', command: nodeTest(testFiles('test/architecture')) },
  {
    name: 'api: postgresql',
    command: nodeTest(testFiles('test/api')),
    env: { RUCHE_TEST_DB: 'postgres' },
    skip: !databaseUrl && 'DATABASE_URL is not set (CI sets it; e.g. postgres://postgres@127.0.0.1:5432/test)',
  },
  { name: 'api: embedded', command: nodeTest(testFiles('test/api')), env: { RUCHE_TEST_DB: 'embedded' } },
  { name: 'browser: widgets', command: ['npm', 'run', '--silent', 'test:widgets'], skip: browserMissing() },
  {
    name: 'browser: end to end',
    command: nodeTest(hasTests('test/e2e') ? testFiles('test/e2e') : [], 1),
    skip: browserMissing() || (!hasTests('test/e2e') && 'no end-to-end tests yet'),
  },
  {
    // `test:extension` builds the widgets and the extension first, then loads the unpacked build.
    name: 'browser: extension',
    command: ['npm', 'run', '--silent', 'test:extension'],
    skip: browserMissing() || (!hasTests('test/extension') && 'no extension tests yet'),
  },
];

/** Browser tests need Debian's Chromium (CI installs it); without it they cannot run, and say so. */
function browserMissing(): string | false {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return false;
  if (process.env.CI) {
    console.error(`Chromium is missing at ${path}: install it (apt-get install chromium) or set CHROME_PATH.`);
    process.exit(1);
  }
  return `no Chromium at ${path} (apt-get install chromium, or set CHROME_PATH)`;
}

const results: { name: string; outcome: string; seconds: number }[] = [];
let failed = false;
for (const step of steps) {
  if (only && !step.name.includes(only)) continue;
  if (step.skip) {
    console.log(`\n▶ ${step.name}: skipped, ${step.skip}`);
    results.push({ name: step.name, outcome: `skipped (${step.skip})`, seconds: 0 });
    continue;
  }
  console.log(`\n▶ ${step.name}`);
  const started = Date.now();
  const run = spawnSync(step.command[0]!, step.command.slice(1), {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...step.env },
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  const ok = run.status === 0;
  results.push({ name: step.name, outcome: ok ? 'passed' : `FAILED (exit ${run.status ?? run.signal})`, seconds });
  if (!ok) {
    failed = true;
    break;
  }
}

console.log('\nSummary');
for (const r of results) console.log(`  ${r.outcome.startsWith('FAILED') ? '✗' : '✓'} ${r.name}: ${r.outcome} (${r.seconds} s)`);
process.exit(failed ? 1 : 0);
