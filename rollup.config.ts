import { rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { brotliCompress, constants } from 'node:zlib';
import { promisify } from 'node:util';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import type { Plugin, RollupOptions } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import compressed from 'rollup-plugin-gzip';
import { extensionBuild } from './extension/build/rollup.ts';

/**
 * The widget bundle: `dist/widgets/ruche.js` (the loader an intranet page includes) and
 * `dist/widgets/chunks/*` (each element's code, loaded when its tag is on the page, plus shared
 * chunks for Lit and the client). The server serves them at `/ruche.js` and `/chunks/*`.
 *
 * Each file also gets its brotli (`.br`) and gzip (`.gz`) copy, compressed once here at the highest
 * levels (too slow to do per request), which the server sends to browsers that accept them — and
 * which a proxy or CDN in front of it can serve as they are.
 */

/**
 * Lit templates and styles are kept verbatim by minifiers; their indentation is a good share of the
 * bundle. Collapse whitespace in the static parts of html`` and css`` literals (a run of
 * whitespace renders like one space in HTML, and our templates have no <pre> or <textarea> text;
 * a space that matters between inline elements is written next to a binding, which is kept).
 */
function minifyTemplates(include = /\/widgets\/.*\.ts$/): Plugin {
  const minifyCss = (text: string) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/\s*!important/g, '!important')
      .replace(/([\s:,(])0\.(\d)/g, '$1.$2')
      .replace(/\[([\w-]+)='([\w-]+)'\]/g, '[$1=$2]')
      .replace(/;}/g, '}');
  // Between two tags, whitespace only matters in inline text; ours sits in flex rows, where it does not.
  const minifyHtml = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(/>\s+</g, '><');
  return {
    name: 'ruche-minify-templates',
    transform(code, id) {
      if (!include.test(id) || !/\b(html|css)`/.test(code)) return null;
      const ast = this.parse(code) as unknown as Node;
      const edits: { start: number; end: number; text: string }[] = [];
      walk(ast, (node) => {
        if (node.type !== 'TaggedTemplateExpression') return;
        const tag = node.tag as Node;
        if (tag.type !== 'Identifier' || (tag.name !== 'css' && tag.name !== 'html')) return;
        const minify = tag.name === 'css' ? minifyCss : minifyHtml;
        const quasis = (node.quasi as Node).quasis as Node[];
        quasis.forEach((quasi, i) => {
          let text = minify(code.slice(quasi.start as number, quasi.end as number));
          // A style sheet's own start and end (never around a value written in).
          if (tag.name === 'css' && i === 0) text = text.trimStart();
          if (tag.name === 'css' && i === quasis.length - 1) text = text.trimEnd();
          edits.push({ start: quasi.start as number, end: quasi.end as number, text });
        });
      });
      if (!edits.length) return null;
      let out = code;
      for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
      return { code: out, map: null };
    },
  };
}

interface Node {
  type: string;
  [key: string]: unknown;
}

function walk(node: unknown, visit: (node: Node) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  const n = node as Node;
  if (typeof n.type === 'string') visit(n);
  for (const key of Object.keys(n)) if (key !== 'type') walk(n[key], visit);
}

// Chunk names change with their content: start from an empty folder so that old ones do not pile up.
rmSync('dist/widgets', { recursive: true, force: true });

const config: RollupOptions = {
  input: { ruche: 'widgets/loader.ts' },
  output: {
    dir: 'dist/widgets',
    format: 'es',
    entryFileNames: '[name].js',
    // English words load on demand, in small chunks named after what they belong to (en-like, en-writing).
    chunkFileNames: (chunk) => {
      if (!chunk.name.endsWith('.en') || !chunk.facadeModuleId) return 'chunks/[name]-[hash].js';
      const name = basename(chunk.facadeModuleId, '.en.ts').replace(/\.messages$/, '');
      return `chunks/en-${name === 'messages' ? basename(dirname(chunk.facadeModuleId)) : name}-[hash].js`;
    },
    // Each element its own chunk; Lit and the shared client in one `core` chunk that every widget
    // needs (one request, compressed as a whole). Live events and markdown stay with their users.
    manualChunks(id) {
      if (/node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//.test(id)) return 'core';
      // Providing a context is the provider's business: keep it out of what every widget loads (the
      // widgets ask for it with a plain event, see shared/element.ts). A token endpoint is one of its
      // attributes: its code comes with it.
      if (/node_modules\/@lit\/context\//.test(id) || /\/widgets\/(provider\/|shared\/token-endpoint\.ts$)/.test(id)) return 'provider';
      // The English words of the comments, likes, demo picker and error messages, in one chunk that
      // English pages load once (French, the default, is in each widget).
      if (/\/widgets\/(shared|comments|like|demo-picker)\/[\w.]*\.en\.ts$/.test(id)) return 'en';
      // Not what loads later: what reads again after a failure (read-again.ts), what learns a
      // person's language from their profile (person-lang.ts), and the idea statuses, which only
      // the idea box and the pulse show.
      if (/\/widgets\/shared\/(?!live|event-stream|markdown|token-endpoint|read-again|person-lang|idea-statuses)[\w.-]+\.ts$/.test(id) || /\/shared\/subject\.ts$/.test(id)) return 'core';
      // The page's one live connection (the code applying its events to the threads, changes.ts,
      // loads with the first event or with the writing half), and the reader of event streams that
      // the bell's count shares with it.
      if (/\/widgets\/shared\/(live|event-stream)\.ts$/.test(id)) return 'live';
      // What reading comments needs, in their own chunk (else rollup would pull the store into `live`).
      if (/\/widgets\/comments\/(comments|comments\.component|comments\.styles|messages|store)\.ts$/.test(id) || /\/(widgets\/shared\/markdown|shared\/markdown\/tree)\.ts$/.test(id)) return 'comments';
      return undefined;
    },
  },
  plugins: [
    nodeResolve({ browser: true }),
    esbuild({ target: 'es2021', tsconfig: 'tsconfig.json' }),
    minifyTemplates(),
    terser({ ecma: 2020, module: true, compress: { passes: 3, unsafe_arrows: true }, format: { comments: false } }),
    compressed({ filter: /\.js$/, gzipOptions: { level: constants.Z_BEST_COMPRESSION } }),
    compressed({
      filter: /\.js$/,
      fileName: '.br',
      customCompression: (content) =>
        promisify(brotliCompress)(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(content) } }),
    }),
  ],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules'))) return;
    warn(warning);
  },
};

// The browser extension (`dist/extension/`): its own scripts, with the widgets it shows inlined.
export default [config, ...extensionBuild({ templates: minifyTemplates(/\/(widgets|extension)\/.*\.ts$/) })];
