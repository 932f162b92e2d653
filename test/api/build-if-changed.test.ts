import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { BUILD_SOURCES, staleBecause } from '../../scripts/build.ts';
import { testDatabaseKind } from '../support/database.ts';

/**
 * `npm start` builds only when a source changed since the last build (its prestart,
 * `scripts/build.ts --if-changed`), on a copy of the project's sources: real rollup builds, twice.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const copy = mkdtempSync(join(tmpdir(), 'ruche-build-'));
after(() => rmSync(copy, { recursive: true, force: true }));

/** `npm start`'s prestart, as npm runs it. */
function prestart() {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--if-changed'], { cwd: copy, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const loader = join(copy, 'dist/widgets/ruche.js');
const builtAt = () => statSync(loader).mtimeMs;

describe('the build before a start', { skip: testDatabaseKind() === 'postgres' && 'no database in it: run once, with the embedded run', timeout: 300_000 }, () => {
  test('builds on a first start, not on a second; a changed source always builds again, a touched one does not', async () => {
    for (const name of [...BUILD_SOURCES, 'scripts']) cpSync(join(ROOT, name), join(copy, name), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');

    const first = prestart();
    assert.equal(first.status, 0, first.output);
    assert.match(first.output, /Building the widgets and the extension \(no build yet/);
    assert.equal(staleBecause(copy), null);
    const built = builtAt();

    const second = prestart();
    assert.equal(second.status, 0, second.output);
    assert.match(second.output, /built from these sources already, not built again/);
    assert.equal(builtAt(), built, 'the bundle was not written again');

    // Touched, not changed (a checkout, an editor saving the same text): still current.
    const like = join(copy, 'widgets/like/like.component.ts');
    const future = new Date(Date.now() + 60_000);
    utimesSync(like, future, future);
    assert.equal(staleBecause(copy), null);

    // Changed, with an old date (a copy or an archive that keeps dates): stale.
    const text = readFileSync(like, 'utf8');
    const old = statSync(like);
    appendFileSync(like, '\n// a change\n');
    utimesSync(like, old.atime, old.mtime);
    assert.equal(staleBecause(copy), 'the sources changed since the last build');
    writeFileSync(like, text);
    assert.equal(staleBecause(copy), null, 'the same sources again: the build is theirs');

    for (const [what, change, undo] of [
      ['a file added to shared/', () => writeFileSync(join(copy, 'shared/new.ts'), 'export {};\n'), () => rmSync(join(copy, 'shared/new.ts'))],
      ['the lock file', () => appendFileSync(join(copy, 'package-lock.json'), ' '), () => writeFileSync(join(copy, 'package-lock.json'), readFileSync(join(ROOT, 'package-lock.json')))],
      ['the rollup config', () => appendFileSync(join(copy, 'rollup.config.ts'), '\n'), () => writeFileSync(join(copy, 'rollup.config.ts'), readFileSync(join(ROOT, 'rollup.config.ts')))],
      ['the extension', () => appendFileSync(join(copy, 'extension/manifest.ts'), '\n'), () => writeFileSync(join(copy, 'extension/manifest.ts'), readFileSync(join(ROOT, 'extension/manifest.ts')))],
    ] as const) {
      change();
      assert.equal(staleBecause(copy), 'the sources changed since the last build', what);
      undo();
      assert.equal(staleBecause(copy), null, `${what}, undone`);
    }

    // A built file gone (someone emptied dist/widgets/chunks): stale.
    const chunk = join(copy, 'dist/widgets/ruche.js.br');
    const bytes = readFileSync(chunk);
    rmSync(chunk);
    assert.equal(staleBecause(copy), 'dist/widgets/ruche.js.br is missing');
    writeFileSync(chunk, bytes);

    // A real change: the next start builds, and the bundle holds it.
    writeFileSync(join(copy, 'widgets/loader.ts'), `${readFileSync(join(copy, 'widgets/loader.ts'), 'utf8')}\nconsole.debug('ruche: rebuilt');\n`);
    const third = prestart();
    assert.equal(third.status, 0, third.output);
    assert.match(third.output, /Building the widgets and the extension \(the sources changed since the last build/);
    assert.match(readFileSync(loader, 'utf8'), /ruche: rebuilt/);
    assert.equal(staleBecause(copy), null);
  });
});
