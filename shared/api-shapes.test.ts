import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, test } from 'node:test';
import { build } from 'esbuild';

/**
 * Each shape of the API is written once, as a zod schema in api/<feature>/schemas.ts; the types the
 * widgets and the extension use are derived from it, and reach them as types only, so no zod code is
 * bundled into the browser. This keeps it so.
 */
const root = new URL('../', import.meta.url).pathname;
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

const BARREL = 'shared/api-types.ts';
const RE_EXPORT = /^export type \{([^}]*)\} from '(\.\.\/api\/[a-z-]+\/[a-z-]+\.ts)';$/;

/** The statements of the barrel: `export type { A, B } from '…'`, each on its line(s). */
const barrelStatements = withoutComments(read(BARREL))
  .split(';')
  .map((statement) => statement.replace(/\s+/g, ' ').replace(/\{ /, '{').replace(/,? \}/, '}').trim())
  .filter(Boolean)
  .map((statement) => `${statement};`);

describe('the API shapes the widgets import', () => {
  test(`${BARREL} only re-exports types from the API's modules, writes none`, () => {
    assert.ok(barrelStatements.length > 0);
    for (const statement of barrelStatements) assert.match(statement, RE_EXPORT, `not a type re-export: ${statement}`);
  });

  test('each of them is derived from a zod schema (z.output or z.input), not written by hand', () => {
    let names = 0;
    for (const statement of barrelStatements) {
      const [, list, from] = statement.match(RE_EXPORT)!;
      const module = normalize(join(dirname(BARREL), from!));
      const source = read(module);
      for (const name of list!.split(',').map((item) => item.trim())) {
        names++;
        const declaration = source.match(new RegExp(`^export (?:type|interface) ${name}\\b(?:<[^>]*>)? ?=? ?([^;]*)`, 'm'));
        assert.ok(declaration, `${name} is not declared in ${module}`);
        assert.match(declaration[1]!, /^z\.(?:output|input)</, `${name} in ${module} is not derived from its schema: ${declaration[0]}`);
      }
    }
    assert.ok(names >= 60, `only ${names} shapes re-exported`);
  });

  const browserFiles = ['widgets', 'extension'].flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.[cm]?[jt]s$/.test(file) && !file.includes('node_modules'))
      .map((file) => `${folder}/${file}`),
  );
  const IMPORT = /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'([^']+)'|\bimport\('([^']+)'\)/g;

  test('no file of the widgets or the extension imports zod, or a value from api/', () => {
    assert.ok(browserFiles.length > 50);
    const found: string[] = [];
    for (const file of browserFiles) {
      for (const m of withoutComments(read(file)).matchAll(IMPORT)) {
        const specifier = (m[3] ?? m[4])!;
        const typeOnly = Boolean(m[2]);
        if (/^(?:zod|@hono\/zod-openapi)(?:\/|$)/.test(specifier)) found.push(`${file}: ${specifier}`);
        const target = specifier.startsWith('.') ? relative(root, join(root, dirname(file), specifier)) : '';
        if (target.startsWith('api/') && !typeOnly) found.push(`${file}: ${specifier} (not \`import type\`)`);
      }
    }
    assert.deepEqual(found, []);
  });

  test('the browser bundles hold no module of zod nor of api/', async () => {
    const entries = [
      'widgets/loader.ts',
      'extension/background/background.ts',
      'extension/content/content.ts',
      'extension/page/page.ts',
      'extension/options/options.ts',
      'extension/popup/popup.ts',
    ];
    const { metafile } = await build({
      absWorkingDir: root,
      entryPoints: entries,
      bundle: true,
      splitting: true,
      format: 'esm',
      outdir: 'out',
      write: false,
      metafile: true,
      logLevel: 'silent',
      loader: { '.css': 'text' },
    });
    const inputs = Object.keys(metafile.inputs);
    assert.ok(inputs.some((input) => input.startsWith('widgets/comments/')), 'the bundle holds the widgets');
    assert.ok(inputs.some((input) => input.startsWith('shared/markdown/')), 'and what they share with the API');
    assert.deepEqual(
      inputs.filter((input) => /(?:^|\/)node_modules\/(?:zod|@hono\/zod-openapi)\//.test(input) || input.startsWith('api/')),
      [],
    );
  });
});
