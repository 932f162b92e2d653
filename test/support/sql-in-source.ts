/**
 * Finds the SQL in TypeScript source: every tagged template whose tag is a postgres.js handle
 * (`db`, `tx`, `sql`, `c.var.db`…; not `html` or `css`) and every `.unsafe(` call, with its line.
 * A small scanner rather than a parser: it skips comments, strings and the text of templates, so SQL
 * quoted in a comment or a message is not counted, and it reads a tag with its type argument
 * (`db<Row[]>\`…\``).
 */
export interface SqlSite {
  line: number;
  /** `db`, `c.var.db`, `tx`… or `.unsafe` */
  tag: string;
  /** The template's text with each `${…}` as `$`, lower-cased and on one line; '' for `.unsafe(`. */
  text: string;
}

/** Tags that are not a database: Lit's templates and styles. */
const NOT_SQL = new Set(['html', 'css', 'svg', 'unsafeCSS', 'String.raw']);
const KEYWORDS_BEFORE_TEMPLATE = new Set(['return', 'typeof', 'case', 'in', 'of', 'yield', 'await', 'throw', 'new', 'void', 'delete', 'else', 'do']);

export function sqlSites(source: string): SqlSite[] {
  const sites: SqlSite[] = [];
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (index: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= index) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };

  /** Reads a template starting after its backtick; returns its text and the index after the closing one. */
  const readTemplate = (start: number): { text: string; end: number } => {
    let text = '';
    let i = start;
    while (i < source.length) {
      const ch = source[i]!;
      if (ch === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (ch === '`') {
        return { text, end: i + 1 };
      } else if (ch === '$' && source[i + 1] === '{') {
        i = skipCode(i + 2, '}');
        text += '$';
      } else {
        text += ch;
        i++;
      }
    }
    return { text, end: i };
  };

  /** Scans code from `start` until the `close` character at depth 0 (or the end); returns the index after it. */
  const skipCode = (start: number, close: string | null): number => {
    let depth = 0;
    let i = start;
    while (i < source.length) {
      const ch = source[i]!;
      const next = source[i + 1];
      if (ch === '/' && next === '/') {
        const end = source.indexOf('\n', i);
        i = end === -1 ? source.length : end;
      } else if (ch === '/' && next === '*') {
        const end = source.indexOf('*/', i + 2);
        i = end === -1 ? source.length : end + 2;
      } else if (ch === "'" || ch === '"') {
        i++;
        while (i < source.length && source[i] !== ch && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
        i++;
      } else if (ch === '/' && regexMayStart(i)) {
        i++;
        let inClass = false;
        while (i < source.length && source[i] !== '\n') {
          const c = source[i]!;
          if (c === '\\') i++;
          else if (c === '[') inClass = true;
          else if (c === ']') inClass = false;
          else if (c === '/' && !inClass) break;
          i++;
        }
        i++;
      } else if (ch === '`') {
        const tag = tagBefore(i);
        const template = readTemplate(i + 1);
        if (tag && !NOT_SQL.has(tag)) {
          sites.push({ line: lineOf(i), tag, text: template.text.replace(/\s+/g, ' ').trim().toLowerCase() });
        }
        i = template.end;
      } else if (ch === '.' && /^\.unsafe\s*[(<]/.test(source.slice(i, i + 12))) {
        // db.unsafe(`…`) or db.unsafe<Row[]>(`…`): the text is its first argument, when written there
        const site: SqlSite = { line: lineOf(i), tag: '.unsafe', text: '' };
        sites.push(site);
        i += 7;
        if (source[i] === '<') i = skipTypeArguments(i);
        const open = source.indexOf('(', i);
        let first = open + 1;
        while (/\s/.test(source[first] ?? '')) first++;
        if (source[first] === '`') {
          const template = readTemplate(first + 1);
          site.text = template.text.replace(/\s+/g, ' ').trim().toLowerCase();
          i = skipCode(template.end, ')');
        } else {
          i = skipCode(open + 1, ')');
        }
      } else {
        if (ch === '{' || ch === '(' || ch === '[') depth++;
        else if (ch === '}' || ch === ')' || ch === ']') {
          if (depth === 0 && ch === close) return i + 1;
          depth--;
        }
        i++;
      }
    }
    return i;
  };

  /** From the `<` of type arguments, the index after their `>`. */
  const skipTypeArguments = (start: number): number => {
    let depth = 0;
    for (let j = start; j < source.length; j++) {
      if (source[j] === '<') depth++;
      else if (source[j] === '>' && source[j - 1] !== '=') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return source.length;
  };

  const previousSignificant = (index: number): number => {
    let j = index - 1;
    while (j >= 0 && /\s/.test(source[j]!)) j--;
    return j;
  };

  /** A `/` starts a regular expression where a value may start, not after a value (division). */
  const regexMayStart = (index: number): boolean => {
    const j = previousSignificant(index);
    if (j < 0) return true;
    const ch = source[j]!;
    if (/[\w$)\]]/.test(ch)) {
      const word = /[\w$]+$/.exec(source.slice(Math.max(0, j - 10), j + 1))?.[0];
      return word !== undefined && KEYWORDS_BEFORE_TEMPLATE.has(word);
    }
    return true;
  };

  /** The tag of a template whose backtick is at `index` (`db`, `c.var.db`), or null when untagged. */
  const tagBefore = (index: number): string | null => {
    let j = previousSignificant(index);
    if (j < 0) return null;
    if (source[j] === '>' && source[j - 1] !== '=') {
      // a type argument: db<{ id: string }[]>`…`
      let depth = 0;
      for (; j >= 0; j--) {
        if (source[j] === '>' && source[j - 1] !== '=') depth++;
        else if (source[j] === '<') {
          depth--;
          if (depth === 0) break;
        }
      }
      j = previousSignificant(j);
    }
    const chain = /[\w$]+(?:\s*\.\s*[\w$]+)*$/.exec(source.slice(Math.max(0, j - 80), j + 1))?.[0];
    if (!chain) return null;
    const tag = chain.replace(/\s+/g, '');
    if (KEYWORDS_BEFORE_TEMPLATE.has(tag)) return null;
    return tag;
  };

  skipCode(0, null);
  return sites;
}

/** The tables a statement writes: `insert into x`, `update x`, `delete from x`. */
export function tablesWritten(text: string): string[] {
  const tables = new Set<string>();
  for (const match of text.matchAll(/(?<!\bfor\s)(?<!\bdo\s)\b(?:insert\s+into|update|delete\s+from)\s+([a-z_][a-z0-9_]*)/g)) {
    if (match[1] !== 'set') tables.add(match[1]!);
  }
  return [...tables];
}

/** The tables a statement names after from/join/into/update (reads and writes). */
export function tablesTouched(text: string): string[] {
  const tables = new Set<string>();
  for (const match of text.matchAll(/\b(?:from|join|into|update)\s+([a-z_][a-z0-9_]*)/g)) tables.add(match[1]!);
  return [...tables];
}
