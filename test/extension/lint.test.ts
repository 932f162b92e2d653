/**
 * The built Firefox extension passes addons.mozilla.org's linter (`web-ext lint`): no error, and no
 * warning but the known one — lit-html sets `template.innerHTML` to a template's own static
 * strings (never to data: values are bound afterwards as text, attributes or properties), in each
 * bundle that renders with Lit.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';

const ROOT = new URL('../../', import.meta.url).pathname;
const FIREFOX = `${ROOT}dist/extension/firefox`;

interface Message {
  code: string;
  file?: string;
  message: string;
}

test('web-ext lint passes on the Firefox build', { timeout: 180_000 }, () => {
  assert.ok(existsSync(`${FIREFOX}/manifest.json`), 'the extension is built (npm run build)');
  const run = spawnSync(process.execPath, [`${ROOT}node_modules/web-ext/bin/web-ext.js`, 'lint', '--source-dir', FIREFOX, '--output', 'json', '--no-config-discovery'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as { errors: Message[]; warnings: Message[]; notices: Message[] };
  assert.deepEqual(report.errors, []);
  assert.deepEqual(report.notices, []);
  const unexpected = report.warnings.filter((w) => !(w.code === 'UNSAFE_VAR_ASSIGNMENT' && ['page.js', 'options.js', 'popup.js'].includes(w.file ?? '')));
  assert.deepEqual(unexpected, []);
});
