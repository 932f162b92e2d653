import { readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';

const ROOT = new URL('../', import.meta.url).pathname;
const DIST = join(ROOT, 'dist/widgets');

export const gzipSize = (bytes: Buffer | string) => gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;

export interface BundleFigures {
  /** `brotli`: the size of the build's .br copy, what the server sends to browsers that accept it. */
  files: { file: string; bytes: number; gzip: number; brotli: number }[];
  loader: number;
  /** Everything a page with <ruche-comments> and <ruche-like> downloads, gzipped. */
  commentsAndLikesPage: number;
  /** The same in the build's brotli copies, as served. */
  commentsAndLikesPageBrotli: number;
  /** Only likes (a news list). */
  likesPage: number;
  allWidgets: number;
  /** Every file as one gzipped stream: what the split into chunks costs in compression. */
  allWidgetsAsOneFile: number;
  /**
   * Each other element's page: the loader and what the element imports statically; and with all it
   * may load later for a French-speaking member (views, forms, charts; not the stewards' tools).
   */
  pages: { element: string; gzip: number; withOnDemand: number }[];
  /** Parts of "all widgets" that most people never download. */
  parts: { stewardsOnly: number; englishWords: number; demoPicker: number };
  /** Lit alone, minified and gzipped the same way, built in this run. */
  litAlone: number;
}

/** The static imports of a chunk (those load with it; dynamic imports load on demand). */
function staticImports(file: string): string[] {
  const code = readFileSync(join(DIST, file), 'utf8');
  const found = new Set<string>();
  for (const match of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.\.?\/[^"']+)["']/g)) {
    found.add(join(file, '..', match[1]!).replace(/^\.\//, ''));
  }
  return [...found];
}

/** The chunks a chunk may load later (import("./…")). */
function dynamicImports(file: string): string[] {
  const code = readFileSync(join(DIST, file), 'utf8');
  return [...code.matchAll(/import\(["'](\.\.?\/[^"']+)["']\)/g)].map((match) => join(file, '..', match[1]!).replace(/^\.\//, ''));
}

/** What loads with the entries; with `onDemand`, also what they may load later, unless `skip` says no. */
function closure(entries: string[], onDemand?: { skip: (file: string) => boolean }): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || onDemand?.skip(file)) return;
    seen.add(file);
    for (const dependency of staticImports(file)) visit(dependency);
    // The loader loads an element's code only where its tag is on the page.
    if (onDemand && file !== 'ruche.js') for (const dependency of dynamicImports(file)) visit(dependency);
  };
  entries.forEach(visit);
  return seen;
}

/** The elements beyond comments and likes, each with the chunk its tag loads. */
const OTHER_ELEMENTS: [string, string][] = [
  ['<ruche-idea-box>', 'idea-box'],
  ['<ruche-expert-finder>', 'expert-finder'],
  ['<ruche-pulse>', 'pulse'],
  ['<ruche-notifications>', 'notifications'],
];
/** Code loaded only for a space's stewards (the moderation desk and the moves under posts). */
const STEWARD_CHUNKS = ['desk', 'controls', 'comment-moves', 'idea-moves', 'steward'];

function chunkNamed(prefix: string, files: string[]): string {
  const file = files.find((f) => f.startsWith(`chunks/${prefix}-`));
  if (!file) throw new Error(`no chunk for ${prefix} in dist/widgets (found ${files.join(', ')})`);
  return file;
}

async function litAloneSize(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'ruche-lit-'));
  try {
    const entry = join(dir, 'entry.js');
    writeFileSync(entry, "import { LitElement, html, css } from 'lit';\ncustomElements.define('x-lit', class extends LitElement { static styles = css`:host{display:block}`; render() { return html`<p>${'lit'}</p>`; } });\n");
    const bundle = await rollup({ input: entry, plugins: [nodeResolve({ rootDir: ROOT, modulePaths: [join(ROOT, 'node_modules')] }), terser({ ecma: 2020, module: true })] });
    const { output } = await bundle.generate({ format: 'es' });
    await bundle.close();
    return gzipSize(output.map((o) => ('code' in o ? o.code : '')).join(''));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureBundle(): Promise<BundleFigures> {
  const files = ['ruche.js', ...readdirSync(join(DIST, 'chunks')).map((f) => `chunks/${f}`)].filter((f) => f.endsWith('.js'));
  const sizes = files.map((file) => {
    const bytes = readFileSync(join(DIST, file));
    return { file, bytes: bytes.length, gzip: gzipSize(bytes), brotli: statSync(join(DIST, `${file}.br`)).size };
  });
  const size = (set: Set<string>, as: 'gzip' | 'brotli' = 'gzip') => [...set].reduce((sum, f) => sum + sizes.find((s) => s.file === f)![as], 0);
  const commentsAndLikes = closure(['ruche.js', chunkNamed('comments', files), chunkNamed('like', files)]);
  return {
    files: sizes,
    loader: sizes.find((s) => s.file === 'ruche.js')!.gzip,
    commentsAndLikesPage: size(commentsAndLikes),
    commentsAndLikesPageBrotli: size(commentsAndLikes, 'brotli'),
    likesPage: size(closure(['ruche.js', chunkNamed('like', files)])),
    allWidgets: sizes.reduce((sum, s) => sum + s.gzip, 0),
    allWidgetsAsOneFile: gzipSize(Buffer.concat(files.map((f) => readFileSync(join(DIST, f))))),
    pages: OTHER_ELEMENTS.map(([element, chunk]) => {
      const entries = ['ruche.js', chunkNamed(chunk, files)];
      const notForAMember = new Set([...STEWARD_CHUNKS, 'demo-picker'].map((c) => chunkNamed(c, files)));
      const everything = closure(entries, { skip: (f) => notForAMember.has(f) || f.startsWith('chunks/en-') });
      return { element, gzip: size(closure(entries)), withOnDemand: size(everything) };
    }),
    parts: {
      stewardsOnly: size(new Set(STEWARD_CHUNKS.map((c) => chunkNamed(c, files)))),
      englishWords: size(new Set(files.filter((f) => f.startsWith('chunks/en-')))),
      demoPicker: size(new Set([chunkNamed('demo-picker', files)])),
    },
    litAlone: await litAloneSize(),
  };
}
