import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import type { Plugin, RollupOptions } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { manifest, type BrowserKind } from '../manifest.ts';
import { iconPng } from './icon.ts';
import { zip } from './zip.ts';

/**
 * The extension's part of `npm run build`: each script one self-contained IIFE (content scripts and
 * the page-world script cannot be modules or load chunks), with Lit and the widgets it shows inlined
 * in `page.js`; the same files for both browsers, with a manifest each; then a zip of each folder:
 *
 *   dist/extension/chrome/    dist/extension/ruche-chrome.zip
 *   dist/extension/firefox/   dist/extension/ruche-firefox.zip
 *
 * Not minified (stores' reviewers read it); its size is not under the widgets' budgets.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const OUT = join(ROOT, 'dist/extension');
const BROWSERS: BrowserKind[] = ['chrome', 'firefox'];

/** Each entry and the file it becomes, in both browsers' folders. */
const ENTRIES = {
  background: 'extension/background/background.ts',
  content: 'extension/content/content.ts',
  page: 'extension/page/page.ts',
  options: 'extension/options/options.ts',
  popup: 'extension/popup/popup.ts',
};

/** Files copied as they are: [source, name in the folder, browsers]. */
const STATIC: [string, string, BrowserKind[]][] = [
  ['extension/options/options.html', 'options.html', BROWSERS],
  ['extension/options/options.css', 'options.css', BROWSERS],
  ['extension/popup/popup.html', 'popup.html', BROWSERS],
  // Firefox takes managed settings from enterprise policies, not from a schema in the package.
  ['extension/schema.json', 'schema.json', ['chrome']],
];

/**
 * webextension-polyfill ships as UMD: run it as a module that exports what it builds (without
 * touching the global object; in Firefox it is the native `browser`).
 */
function polyfillAsModule(): Plugin {
  return {
    name: 'ruche-webextension-polyfill',
    transform(code, id) {
      if (!/node_modules\/webextension-polyfill\/dist\/browser-polyfill\.js$/.test(id)) return null;
      // (Its `this` fallback is never reached: globalThis exists.)
      const body = code.replace(/: this, function \(module\)/, ': undefined, function (module)');
      return { code: `const module = { exports: {} }; const exports = module.exports; const define = undefined;\n${body}\nexport default module.exports;`, map: null };
    },
  };
}

/**
 * Lit writes to the global object: its versions (`litHtmlVersions`, …, to warn about two copies),
 * `litPropertyMetadata`, and `Symbol.metadata` where the browser has none. In the page's world those
 * would be globals of ours in someone else's page: the version notes are left out, and the two
 * others become variables of the bundle (Ruche uses no decorators, which would need them global).
 */
function noLitGlobals(): Plugin {
  return {
    name: 'ruche-no-lit-globals',
    transform(code, id) {
      if (!/node_modules\/(lit-html|lit-element|@lit\/reactive-element)\//.test(id)) return null;
      let out = code.replace(/\(\s*[\w$.]+\.(litHtmlVersions|litElementVersions|reactiveElementVersions)\s*\?\?=\s*\[\]\s*\)\.push\([^)]*\)/g, 'void 0');
      if (/\/reactive-element\.js$/.test(id)) {
        out = out
          .replace('Symbol.metadata??=Symbol("metadata"),', '')
          .replace(/[\w$]+\.litPropertyMetadata\?\?=new WeakMap[;,]/, '')
          .replace(/\bSymbol\.metadata\b/g, 'rucheMetadataKey');
        out = `const litPropertyMetadata = new WeakMap(); const rucheMetadataKey = Symbol.metadata ?? Symbol('metadata');\n${out}`;
      }
      return out === code ? null : { code: out, map: null };
    },
  };
}

/** After the last script: manifests, pages, icons, then the zips. */
function packageExtension(version: string): Plugin {
  return {
    name: 'ruche-extension-package',
    closeBundle() {
      for (const kind of BROWSERS) {
        const dir = join(OUT, kind);
        mkdirSync(join(dir, 'icons'), { recursive: true });
        writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest(kind, version), null, 2)}\n`);
        for (const [source, name, browsers] of STATIC) if (browsers.includes(kind)) copyFileSync(join(ROOT, source), join(dir, name));
        for (const size of [16, 32, 48, 128]) writeFileSync(join(dir, 'icons', `${size}.png`), iconPng(size));
        const files = new Map<string, Uint8Array>();
        const walk = (folder: string) => {
          for (const name of readdirSync(folder)) {
            const path = join(folder, name);
            if (statSync(path).isDirectory()) walk(path);
            else files.set(relative(dir, path), readFileSync(path));
          }
        };
        walk(dir);
        writeFileSync(join(OUT, `ruche-${kind}.zip`), zip(files));
      }
    },
  };
}

export function extensionBuild(options: { templates: Plugin }): RollupOptions[] {
  rmSync(OUT, { recursive: true, force: true });
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const names = Object.keys(ENTRIES) as (keyof typeof ENTRIES)[];
  return names.map((name, i) => ({
    input: join(ROOT, ENTRIES[name]),
    output: BROWSERS.map((kind) => ({ file: join(OUT, kind, `${name}.js`), format: 'iife' as const, inlineDynamicImports: true })),
    plugins: [
      nodeResolve({ browser: true }),
      polyfillAsModule(),
      noLitGlobals(),
      esbuild({ target: 'es2022', tsconfig: join(ROOT, 'tsconfig.json') }),
      options.templates,
      ...(i === names.length - 1 ? [packageExtension(version)] : []),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules'))) return;
      warn(warning);
    },
  }));
}
