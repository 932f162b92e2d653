/**
 * `npm run lint:dup`: jscpd over the tree (.jscpd.json), failing when there are more duplicated
 * blocks or lines than recorded below, and when there are fewer (record the gain, so it stays).
 * A count, not a list of fingerprints: moving a known clone must not read as a new one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the tree holds today; lower these when you remove duplication, never raise them. */
const RECORDED = { clones: 38, duplicatedLines: 337 };

const root = join(import.meta.dirname, '..');
const jscpd = join(root, 'node_modules/.bin/jscpd');
const output = mkdtempSync(join(tmpdir(), 'ruche-jscpd-'));
try {
  const run = spawnSync(jscpd, ['--config', '.jscpd.json', '--reporters', 'json', '--output', output, '--silent'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`jscpd failed (${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
  const report = JSON.parse(readFileSync(join(output, 'jscpd-report.json'), 'utf8')) as {
    statistics: { total: { clones: number; duplicatedLines: number; percentage: number } };
    duplicates: { lines: number; firstFile: { name: string; start: number }; secondFile: { name: string; start: number } }[];
  };
  const { clones, duplicatedLines, percentage } = report.statistics.total;
  console.log(`jscpd: ${clones} duplicated blocks, ${duplicatedLines} lines (${percentage.toFixed(2)} %); recorded: ${RECORDED.clones}, ${RECORDED.duplicatedLines}`);
  if (clones > RECORDED.clones || duplicatedLines > RECORDED.duplicatedLines) {
    for (const d of report.duplicates) console.log(`  ${d.firstFile.name}:${d.firstFile.start} ≈ ${d.secondFile.name}:${d.secondFile.start} (${d.lines} lines)`);
    console.error('More duplication than recorded: write the repeated code once (the list above has every block).');
    process.exitCode = 1;
  } else if (clones < RECORDED.clones || duplicatedLines < RECORDED.duplicatedLines) {
    console.error(`Less duplication than recorded: set RECORDED in scripts/lint-duplicates.ts to { clones: ${clones}, duplicatedLines: ${duplicatedLines} }.`);
    process.exitCode = 1;
  }
} finally {
  rmSync(output, { recursive: true, force: true });
}
