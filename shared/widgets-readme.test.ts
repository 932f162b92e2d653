import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, test } from 'node:test';

/**
 * widgets/README.md documents each element from its code; this keeps it so. For each element the
 * loader defines, it follows the element's imports (static and dynamic, not type-only) from its
 * entry module, stopping at another element's, and compares what that code has with the element's
 * section: the attributes of its `static properties`, the `part="…"` of its templates, the
 * `--ruche-*` its styles read, and the room the loader keeps for it. Events are checked across
 * all widgets: any event they construct must be named in the README's "Events".
 */
const root = new URL('../', import.meta.url).pathname;
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const readme = read('widgets/README.md');
const loader = read('widgets/loader.ts');
const allWidgetFiles = readdirSync(join(root, 'widgets'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => `widgets/${file}`);

/** Tag → entry module, as the loader imports them. */
const entries = new Map([...loader.matchAll(/'(ruche-[a-z-]+)': \(\) => import\('\.\/([^']+)'\)/g)].map((m) => [m[1]!, `widgets/${m[2]}`]));

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'(\.[^']+)'|(?<!typeof\s+)\bimport\('(\.[^']+)'\)/g;

/** The source files an element's code reaches, its entry module first. */
function reach(tag: string): string[] {
  const entry = entries.get(tag)!;
  const others = new Set([...entries.values()].filter((file) => file !== entry));
  const seen = [entry];
  for (let i = 0; i < seen.length; i++) {
    const file = seen[i]!;
    for (const m of read(file).matchAll(IMPORT)) {
      if (m[1]) continue; // `import type`: no code comes with it
      const target = normalize(join(dirname(file), (m[2] ?? m[3])!));
      if (!others.has(target) && !seen.includes(target)) seen.push(target);
    }
  }
  return seen;
}

const all = (files: string[], pattern: RegExp, pick: (m: RegExpMatchArray) => string[]) =>
  new Set(files.flatMap((file) => [...read(file).matchAll(pattern)].flatMap(pick)));

/** `part="a b"`, and the names quoted in a computed `part=${cond ? 'a b' : 'a'}`. */
const partsIn = (files: string[]) =>
  all(files, /\bpart=(?:"([^"]*)"|\$\{([^}]*)\})/g, (m) =>
    m[1] !== undefined ? m[1].split(/\s+/) : [...m[2]!.matchAll(/'([^']*)'/g)].flatMap((q) => q[1]!.split(/\s+/)),
  );
const tokensIn = (files: string[]) => all(files, /var\((--ruche-[a-z0-9-]+)/g, (m) => [m[1]!]);

interface Declared {
  attributes: Map<string, string>; // attribute → property
  propertiesOnly: Set<string>;
}

/** The reactive properties a class file declares in `static override properties = { … }`, with the base class's spread in. */
function declared(file: string): Declared {
  const source = read(file);
  const block = /static override properties = \{([\s\S]*?)\n {2}\};/.exec(source)?.[1];
  assert.ok(block, `${file}: no static properties found`);
  const result: Declared = { attributes: new Map(), propertiesOnly: new Set() };
  if (block.includes('...RucheElement.properties')) {
    const base = declared('widgets/shared/element.ts');
    base.attributes.forEach((property, attribute) => result.attributes.set(attribute, property));
  }
  for (const [, name, options] of block.matchAll(/^\s*(\w+): \{([^}]*)\}/gm)) {
    if (/state: true/.test(options!)) continue;
    if (/attribute: false/.test(options!)) result.propertiesOnly.add(name!);
    else result.attributes.set(/attribute: '([^']+)'/.exec(options!)?.[1] ?? name!.toLowerCase(), name!);
  }
  return result;
}

/** The class an entry module defines its tag with, and the file that declares it. */
function elementClass(tag: string, files: string[]): string {
  const name = new RegExp(`defineElement\\('${tag}', (\\w+)`).exec(read(entries.get(tag)!))?.[1];
  const file = files.find((f) => new RegExp(`export class ${name} extends`).test(read(f)));
  assert.ok(file, `<${tag}>: the class ${name} is not in the code its entry module reaches`);
  return file;
}

/** The README's section of an element, up to the next heading. */
function section(tag: string): string {
  const start = readme.indexOf(`### \`<${tag}>\``);
  assert.ok(start >= 0, `widgets/README.md has no section "### \`<${tag}>\`"`);
  const next = readme.slice(start + 1).search(/\n##/);
  return readme.slice(start, next < 0 ? undefined : start + 1 + next);
}

/** The text of a "- **Label**: …" item, its continuation lines included. */
function item(text: string, label: string): string {
  const found = new RegExp(`^- \\*\\*${label}\\*\\*: ([\\s\\S]*?)(?=\\n- \\*\\*|\\n\\n|(?![\\s\\S]))`, 'm').exec(text);
  assert.ok(found, `no "- **${label}**:" line`);
  return found[1]!;
}

const ticked = (text: string) => new Set([...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
const sorted = (set: Iterable<string>) => [...set].sort();
/** CSS declarations compared without spaces, comments or a last semicolon. */
const rules = (css: string) =>
  css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(';')
    .map((d) => d.replace(/\s+/g, ''))
    .filter(Boolean)
    .sort();
const loaderRoom = new Map(
  [...loader.matchAll(/'(ruche-[a-z-]+):not\(:defined\)\{([^}]*)\}'/g)].map((m) => [m[1]!, m[2]!]),
);

describe('widgets/README.md', () => {
  test('the loader defines the elements the README documents, and only those', () => {
    const documented = [...readme.matchAll(/^### `<(ruche-[a-z-]+)>`/gm)].map((m) => m[1]!);
    assert.deepEqual(sorted(documented), sorted(entries.keys()));
  });

  for (const tag of entries.keys()) {
    describe(`<${tag}>`, () => {
      const files = reach(tag);
      const text = section(tag);

      test('its table lists the attributes its static properties declare, with their properties', () => {
        const { attributes, propertiesOnly } = declared(elementClass(tag, files));
        const rows = [...text.matchAll(/^\| (?:`([a-z-]+)`|—) \| ([^|]*) \|/gm)];
        const written = rows.filter((r) => r[1]).map((r) => r[1]!);
        assert.deepEqual(sorted(written), sorted(attributes.keys()), 'attributes (first column)');
        const properties = new Set([...attributes.values(), ...propertiesOnly, 'lang']); // `lang`: HTMLElement's own, reflecting the attribute
        for (const row of rows) {
          for (const property of ticked(row[2]!)) assert.ok(properties.has(property), `"${property}" is not a property of <${tag}>`);
        }
        const propertyColumn = new Set(rows.flatMap((r) => [...ticked(r[2]!)]));
        for (const property of propertiesOnly) assert.ok(propertyColumn.has(property), `the property "${property}" (no attribute) is missing`);
      });

      test('its parts are the part="…" of the templates its code renders', () => {
        const written = item(text, 'Parts');
        assert.deepEqual(sorted(ticked(written)), sorted(partsIn(files)));
      });

      test('it names its events (or says it dispatches none)', () => {
        assert.ok(item(text, 'Events'));
      });

      test('the custom properties it names are the ones its styles read', () => {
        const written = item(text, 'CSS custom properties');
        const read = tokensIn(files);
        if (/^all of \[Looks\]/.test(written)) {
          // Every token of the shared styles, and the ones of its own it names after them.
          const own = [...ticked(written)].filter((token) => token.startsWith('--ruche-'));
          assert.deepEqual(sorted(read), sorted(new Set([...tokensIn(['widgets/shared/styles.ts']), ...own])), '"all of Looks": it reads every shared token, and those it names');
        } else if (/^none/.test(written)) {
          assert.deepEqual(sorted(read), [], `"none", but its styles read ${[...read].join(', ')}`);
        }
        for (const token of ticked(written)) if (token.startsWith('--ruche-')) assert.ok(read.has(token), `its styles do not read ${token}`);
      });

      test('the room it keeps while loading is the loader’s', () => {
        const written = item(text, 'Room while loading');
        const kept = loaderRoom.get(tag);
        if (kept === undefined) assert.match(written, /^none/);
        else assert.deepEqual(rules(/^`([^`]+)`/.exec(written)?.[1] ?? ''), rules(kept));
      });
    });
  }

  test('every --ruche-* custom property read in the widgets is in the Looks table, and only those', () => {
    const looks = readme.slice(readme.indexOf('## Looks'), readme.indexOf('## No layout shift'));
    const tableTokens = new Set([...looks.matchAll(/^\| `(--ruche-[a-z0-9-]+)`/gm)].map((m) => m[1]!));
    assert.deepEqual(sorted(tableTokens), sorted(tokensIn(allWidgetFiles)));
    const mentioned = new Set([...readme.matchAll(/--ruche-[a-z0-9-]+/g)].map((m) => m[0]));
    for (const token of mentioned) assert.ok(tableTokens.has(token), `${token} is mentioned but no widget reads it`);
  });

  test('every event the widgets construct is named under "Events"', () => {
    const events = readme.slice(readme.indexOf('## Events'), readme.indexOf('## Looks'));
    const constructed = all(allWidgetFiles, /new (?:Custom|Storage)?Event(?:<[^>]*>)?\(\s*'([^']+)'/g, (m) => [m[1]!]);
    assert.ok(constructed.size > 0);
    for (const name of constructed) assert.ok(events.includes(`\`${name}\``), `the event "${name}" is not named under "## Events"`);
  });

  test('the page’s CSS to keep the room is the loader’s, rule for rule', () => {
    const block = /```html\n<style>\n([\s\S]*?)<\/style>\n```/.exec(readme.slice(readme.indexOf('## No layout shift')))?.[1];
    assert.ok(block, 'no <style> block under "No layout shift"');
    const written = new Map([...block.matchAll(/^(ruche-[a-z-]+):not\(:defined\) \{([^}]*)\}/gm)].map((m) => [m[1]!, rules(m[2]!)]));
    assert.deepEqual(
      new Map([...written].sort()),
      new Map([...loaderRoom].map(([tag, css]) => [tag, rules(css)] as const).sort()),
    );
  });
});
