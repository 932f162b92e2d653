import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseSync } from 'oxc-parser';

/** One import between two files of the repository. */
export interface ImportEdge {
  from: string;
  to: string;
  /** Only types cross (`import type`, or every name imported is a type): nothing of it runs. */
  typeOnly: boolean;
  /** `import('…')`: loaded when first used. */
  dynamic: boolean;
}

export const root = resolve(import.meta.dirname, '../..');

const SOURCE = /\.(ts|js)$/;
const SKIPPED = new Set(['node_modules', 'dist', 'fixtures']);

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Every relative import between the files of these folders (paths relative to the repository),
 * read with a real TypeScript parser: static imports, re-exports and `import()` with a literal.
 */
export function importGraph(folders: readonly string[]): { files: string[]; edges: ImportEdge[] } {
  const files = folders.flatMap(sourceFiles).sort();
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const { module, errors } = parseSync(file, text);
    if (errors.length) throw new Error(`${file} does not parse: ${errors[0]!.message}`);
    const add = (specifier: string, typeOnly: boolean, dynamic: boolean) => {
      if (!specifier.startsWith('.')) return; // a package or node: builtin
      edges.push({ from: file, to: relative(root, resolve(root, dirname(file), specifier)), typeOnly, dynamic });
    };
    for (const entry of module.staticImports) {
      // `import './x.ts'` has no names and runs x; `import { type A, B }` runs x for B.
      add(entry.moduleRequest.value, entry.entries.length > 0 && entry.entries.every((name) => name.isType), false);
    }
    for (const entry of module.staticExports) {
      for (const name of entry.entries) {
        if (name.moduleRequest) add(name.moduleRequest.value, name.isType, false);
      }
    }
    for (const entry of module.dynamicImports) {
      const literal = /^\s*(['"`])([^'"`$]+)\1\s*$/.exec(text.slice(entry.moduleRequest.start, entry.moduleRequest.end));
      if (literal) add(literal[2]!, false, true);
    }
  }
  return { files, edges: dedupe(edges) };
}

/** One edge per pair of files: it runs if any of its imports runs, and is static if any is. */
function dedupe(edges: ImportEdge[]): ImportEdge[] {
  const byPair = new Map<string, ImportEdge>();
  for (const edge of edges) {
    const key = `${edge.from}\n${edge.to}`;
    const seen = byPair.get(key);
    if (!seen) byPair.set(key, { ...edge });
    else {
      seen.typeOnly &&= edge.typeOnly;
      seen.dynamic &&= edge.dynamic;
    }
  }
  return [...byPair.values()];
}

/** The groups of files that import each other round a loop (strongly connected components of two or more, or a file importing itself). */
export function cycles(files: readonly string[], edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>(files.map((file) => [file, []]));
  for (const edge of edges) next.get(edge.from)?.push(edge.to);
  // Tarjan's algorithm, iteratively (import chains can be deep).
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  for (const start of files) {
    if (index.has(start)) continue;
    const work: { file: string; child: number }[] = [{ file: start, child: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const children = next.get(frame.file) ?? [];
      if (frame.child < children.length) {
        const child = children[frame.child++]!;
        if (!next.has(child)) continue;
        if (!index.has(child)) {
          index.set(child, counter);
          low.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          work.push({ file: child, child: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.file, Math.min(low.get(frame.file)!, index.get(child)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.file, Math.min(low.get(parent.file)!, low.get(frame.file)!));
      if (low.get(frame.file) === index.get(frame.file)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.file);
        if (group.length > 1 || children.includes(frame.file)) found.push(group.sort());
      }
    }
  }
  return found.sort((a, b) => a[0]!.localeCompare(b[0]!));
}
