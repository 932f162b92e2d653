import { SAFE_HREF, type Block, type Inline, type MarkdownTree } from './tree.ts';

/**
 * The small markdown subset people write comments and ideas in, parsed into the tree of `tree.ts`:
 * paragraphs (a single newline is a line break), `*em*` `_em_`, `**strong**` `__strong__`,
 * `~~del~~`, `` `code` ``, ``` fences, flat `-`/`*` and `1.`/`1)` lists, `>` quotes, `[label](url)`
 * links and bare http(s) autolinks, backslash escapes.
 *
 * Deliberately not markdown: raw HTML and entities (`<b>`, `&amp;`) stay literal text, indentation
 * means nothing (no indented code), no headings, tables, images or reference links, and a link whose
 * target is not an absolute http(s)/mailto URL stays the text it was written as.
 *
 * Hostile input cannot blow it up: no regex can backtrack over more than a line's worth of text,
 * the inline parser follows CommonMark's delimiter algorithm (linear, with its "openers bottom"
 * shortcut), and nesting is capped.
 */

/** Quotes inside quotes beyond this stay as `>` text. */
const MAX_QUOTE_DEPTH = 4;
/** Emphasis, strong, del and link nested beyond this keep their content but lose their styling. */
const MAX_INLINE_DEPTH = 6;
/** Longer link targets are kept as text. */
const MAX_HREF_LENGTH = 2048;

export function parseMarkdown(text: string): MarkdownTree {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD').split('\n');
  return parseBlocks(lines, 0);
}

/** The text without its markup, for full-text search and notifications. */
export function plainText(tree: MarkdownTree): string {
  return tree.map(blockText).join('\n\n');
}

function blockText(block: Block): string {
  switch (block.t) {
    case 'p': return inlineText(block.c);
    case 'ul': case 'ol': return block.items.map(inlineText).join('\n');
    case 'pre': return block.v;
    case 'quote': return plainText(block.c);
  }
}

function inlineText(nodes: Inline[]): string {
  let text = '';
  for (const node of nodes) {
    if (typeof node === 'string') text += node;
    else if (node.t === 'br') text += '\n';
    else if (node.t === 'code') text += node.v;
    else text += inlineText(node.c);
  }
  return text;
}

// ---------------------------------------------------------------------------------------------------
// Blocks: one pass over the lines; a quote parses its own lines (without their `>`) one level deeper.

const FENCE_OPEN = /^([ \t]*)(`{3,})[^`]*$/;
const FENCE_CLOSE = /^[ \t]*(`{3,})[ \t]*$/;
const QUOTE_MARK = /^[ \t]*> ?/;
const BULLET_ITEM = /^[ \t]*[-*][ \t]+(?=\S)/;
const ORDERED_ITEM = /^[ \t]*(\d{1,9})[.)][ \t]+(?=\S)/;

interface ItemStart { ordered: boolean; number: number; rest: string }

function itemStart(line: string): ItemStart | null {
  const bullet = BULLET_ITEM.exec(line);
  // `- - -` and `* * *` are separators people type, not a list of lists.
  if (bullet && !/^[-*]{3,}$/.test(line.replace(/[ \t]/g, ''))) {
    return { ordered: false, number: 0, rest: line.slice(bullet[0].length).trim() };
  }
  const ordered = ORDERED_ITEM.exec(line);
  if (ordered) return { ordered: true, number: Number(ordered[1]), rest: line.slice(ordered[0].length).trim() };
  return null;
}

const isBlank = (line: string) => line.trim() === '';
const isQuote = (line: string, depth: number) => depth < MAX_QUOTE_DEPTH && QUOTE_MARK.test(line);

/** A line that ends a paragraph or a list item without a blank line before it. */
function startsBlock(line: string, depth: number): boolean {
  if (FENCE_OPEN.test(line) || isQuote(line, depth)) return true;
  const item = itemStart(line);
  // Only a list starting at 1 cuts a paragraph short, so "… en\n2024. Puis …" stays a sentence.
  return item !== null && (!item.ordered || item.number === 1);
}

function parseBlocks(lines: string[], depth: number): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i++;
      continue;
    }

    const fence = FENCE_OPEN.exec(line);
    if (fence) {
      const indent = fence[1]!.length;
      const ticks = fence[2]!.length;
      const code: string[] = [];
      // An unclosed fence runs to the end of the text (or of the quote it is in).
      for (i++; i < lines.length; i++) {
        const close = FENCE_CLOSE.exec(lines[i]!);
        if (close && close[1]!.length >= ticks) {
          i++;
          break;
        }
        code.push(stripIndent(lines[i]!, indent));
      }
      blocks.push({ t: 'pre', v: code.join('\n') });
      continue;
    }

    if (isQuote(line, depth)) {
      const quoted: string[] = [];
      for (; i < lines.length && QUOTE_MARK.test(lines[i]!); i++) quoted.push(lines[i]!.replace(QUOTE_MARK, ''));
      const c = parseBlocks(quoted, depth + 1);
      if (c.length > 0) blocks.push({ t: 'quote', c });
      continue;
    }

    const first = itemStart(line);
    if (first) {
      const items: string[][] = [];
      while (i < lines.length) {
        const current = lines[i]!;
        const item = itemStart(current);
        if (item) {
          if (item.ordered !== first.ordered) break;
          items.push([item.rest]);
          i++;
        } else if (isBlank(current)) {
          // Blank lines between items keep the list going; anything else after them ends it.
          let next = i + 1;
          while (next < lines.length && isBlank(lines[next]!)) next++;
          const after = next < lines.length ? itemStart(lines[next]!) : null;
          if (!after || after.ordered !== first.ordered) break;
          i = next;
        } else if (startsBlock(current, depth)) {
          break;
        } else {
          items[items.length - 1]!.push(current.trim()); // a continuation line of the item
          i++;
        }
      }
      const parsed = items.map((itemLines) => parseInline(itemLines.join('\n')));
      if (!first.ordered) blocks.push({ t: 'ul', items: parsed });
      else if (first.number === 1) blocks.push({ t: 'ol', items: parsed });
      else blocks.push({ t: 'ol', start: first.number, items: parsed });
      continue;
    }

    const paragraph = [line.trim()];
    for (i++; i < lines.length && !isBlank(lines[i]!) && !startsBlock(lines[i]!, depth); i++) {
      paragraph.push(lines[i]!.trim());
    }
    blocks.push({ t: 'p', c: parseInline(paragraph.join('\n')) });
  }
  return blocks;
}

/** Code inside an indented fence loses that indentation, as in CommonMark. */
function stripIndent(line: string, indent: number): string {
  let cut = 0;
  while (cut < indent && (line[cut] === ' ' || line[cut] === '\t')) cut++;
  return line.slice(cut);
}

// ---------------------------------------------------------------------------------------------------
// Inlines, in two passes. The first reads the text into tokens, resolving code spans, autolinks and
// links as it meets them, and pairs emphasis delimiters with CommonMark's algorithm, recording on each
// delimiter run which styles it closes and opens. The second walks the tokens once with a stack and
// builds the nodes. Pairs always nest properly (a pairing drops every delimiter between its two ends),
// so the stack never has to be repaired.

type Style = 'em' | 'strong' | 'del';

interface Delimiter {
  k: 'delim';
  ch: '*' | '_' | '~';
  /** Index in the token list: the order delimiters and brackets were met in. */
  at: number;
  length: number;
  /** Characters not yet used by a pairing; left over at the end, they are plain text. */
  left: number;
  canOpen: boolean;
  canClose: boolean;
  /** The styles this run ends, innermost first. */
  closes: Style[];
  /** The styles this run starts, innermost first (the order they were paired in; built in reverse). */
  opens: Style[];
  /** Neighbours among the delimiters still waiting for a partner. */
  prev: Delimiter | null;
  next: Delimiter | null;
}

type Token =
  | { k: 'text'; v: string }
  | { k: 'node'; node: Inline }
  | { k: 'autolink'; href: string }
  | BracketToken
  | { k: 'linkEnd' }
  | Delimiter;

/** A `[`: the start of a link if its `]` was followed by a safe `(target)`, else literal text. */
interface BracketToken { k: 'bracket'; href: string | null }

const ESCAPABLE = /^[!-/:-@[-`{-~]$/; // ASCII punctuation
const WHITESPACE = /^\s$/u;
const PUNCTUATION = /^[\p{P}\p{S}]$/u;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** Where a bare URL stops; the brackets keep `[https://a.fr](https://a.fr)` a link. */
const AUTOLINK_STOP = /^[\s\p{Cc}\p{Cf}<>[\]"`]$/u;
/** Where a link target stops: it may not hold whitespace, control or invisible characters. */
const TARGET_STOP = /^[\s\p{Cc}\p{Cf}]$/u;
/** Trailing punctuation that belongs to the sentence, not to a bare URL. */
const AUTOLINK_TRAILING = '.,:;!?\'"*_~’”»)';

function parseInline(src: string): Inline[] {
  const tokens: Token[] = [];
  let text = '';
  const flush = () => {
    if (text) tokens.push({ k: 'text', v: text });
    text = '';
  };

  /** The delimiters still waiting for a partner, as a doubly linked list (removal is constant time). */
  let tail: Delimiter | null = null;
  const unlink = (d: Delimiter) => {
    if (d.prev) d.prev.next = d.next;
    if (d.next) d.next.prev = d.prev;
    else tail = d.prev;
  };

  /** CommonMark "process emphasis" over the delimiters met after token `bottom`, which it then drops. */
  const pairDelimiters = (bottom: number) => {
    let first = tail;
    while (first?.prev && first.prev.at > bottom) first = first.prev;
    let closer = first && first.at > bottom ? first : null;
    // Per kind of closer, the token index at or below which no opener can match it: searches that
    // failed are never repeated, which keeps this linear.
    const openersBottom = new Map<string, number>();
    while (closer) {
      if (!closer.canClose) {
        closer = closer.next;
        continue;
      }
      const key = `${closer.ch}${closer.length % 3}${closer.canOpen}`;
      const floor = Math.max(bottom, openersBottom.get(key) ?? -1);
      let opener = closer.prev;
      while (opener && opener.at > floor && !canPair(opener, closer)) opener = opener.prev;
      if (opener && opener.at > floor) {
        const used = closer.ch === '~' || (opener.left >= 2 && closer.left >= 2) ? 2 : 1;
        const style: Style = closer.ch === '~' ? 'del' : used === 2 ? 'strong' : 'em';
        opener.opens.push(style);
        closer.closes.push(style);
        opener.left -= used;
        closer.left -= used;
        opener.next = closer; // the delimiters in between are now plain text
        closer.prev = opener;
        if (opener.left === 0) unlink(opener);
        if (closer.left === 0) {
          const next: Delimiter | null = closer.next;
          unlink(closer);
          closer = next;
        }
      } else {
        openersBottom.set(key, closer.at - 1);
        const next: Delimiter | null = closer.next;
        if (!closer.canOpen) unlink(closer);
        closer = next;
      }
    }
    while (tail && tail.at > bottom) unlink(tail);
  };

  // Code spans end at the next backtick run of the same length: these runs are listed once, by length.
  let backtickRuns: Map<number, { starts: number[]; next: number }> | null = null;
  const codeSpanEnd = (from: number, length: number): number => {
    backtickRuns ??= listBacktickRuns(src);
    const runs = backtickRuns.get(length);
    if (!runs) return -1;
    while (runs.next < runs.starts.length && runs.starts[runs.next]! < from) runs.next++;
    return runs.next < runs.starts.length ? runs.starts[runs.next]! : -1;
  };

  let destinationEnds: Int32Array | null = null;
  const brackets: { at: number; token: BracketToken }[] = [];
  /** Brackets opened before the last link's cannot become links: no link inside a link. */
  let lastLinkAt = -1;

  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    switch (ch) {
      case '\\': {
        const next = src[i + 1];
        if (next !== undefined && ESCAPABLE.test(next)) {
          text += next;
          i += 2;
        } else {
          text += ch;
          i++;
        }
        break;
      }
      case '\n':
        flush();
        tokens.push({ k: 'node', node: { t: 'br' } });
        i++;
        break;
      case '`': {
        const length = runLength(src, i);
        const end = codeSpanEnd(i + length, length);
        if (end < 0) {
          text += src.slice(i, i + length);
        } else {
          flush();
          tokens.push({ k: 'node', node: { t: 'code', v: codeSpanText(src.slice(i + length, end)) } });
        }
        i = end < 0 ? i + length : end + length;
        break;
      }
      case '*':
      case '_':
      case '~': {
        const length = runLength(src, i);
        // Only `~~` strikes through: a lone `~` means "about" ("~30 personnes").
        if (ch === '~' && length !== 2) {
          text += src.slice(i, i + length);
        } else {
          flush();
          const d = delimiter(ch, src[i - 1], src[i + length], length, tokens.length);
          tokens.push(d);
          d.prev = tail;
          if (tail) tail.next = d;
          tail = d;
        }
        i += length;
        break;
      }
      case '[': {
        flush();
        const token: BracketToken = { k: 'bracket', href: null };
        brackets.push({ at: tokens.length, token });
        tokens.push(token);
        i++;
        break;
      }
      case ']': {
        const opener = brackets.pop();
        const active = opener !== undefined && opener.at > lastLinkAt && src[i + 1] === '(';
        const target = active ? linkTarget(src, i + 2, (destinationEnds ??= listDestinationEnds(src))) : null;
        if (!opener || !target || target.href.length > MAX_HREF_LENGTH || !SAFE_HREF.test(target.href)) {
          // Not a link: `[` and `]` are text, and a refused `(target)` is read on as ordinary text.
          text += ch;
          i++;
          break;
        }
        flush();
        opener.token.href = target.href;
        tokens.push({ k: 'linkEnd' });
        pairDelimiters(opener.at);
        lastLinkAt = opener.at;
        i = target.end;
        break;
      }
      default: {
        const end = (ch === 'h' || ch === 'H') && !WORD_CHAR.test(src[i - 1] ?? ' ') ? autolinkEnd(src, i) : -1;
        if (end < 0) {
          text += ch;
          i++;
        } else {
          const href = src.slice(i, end);
          if (href.length <= MAX_HREF_LENGTH && SAFE_HREF.test(href)) {
            flush();
            tokens.push({ k: 'autolink', href });
          } else {
            text += href;
          }
          i = end;
        }
      }
    }
  }
  flush();
  pairDelimiters(-1);
  return buildInlines(tokens);
}

function canPair(opener: Delimiter, closer: Delimiter): boolean {
  if (opener.ch !== closer.ch || !opener.canOpen) return false;
  // CommonMark's "rule of 3", so that `*a**b*` reads as em(a**b) and not as a mismatched pair.
  if (closer.ch !== '~' && (closer.canOpen || opener.canClose)) {
    return (opener.length + closer.length) % 3 !== 0 || (opener.length % 3 === 0 && closer.length % 3 === 0);
  }
  return true;
}

/** CommonMark's flanking rules: whether a run of `*`, `_` or `~` may open or close a style. */
function delimiter(ch: '*' | '_' | '~', before: string | undefined, after: string | undefined, length: number, at: number): Delimiter {
  const spaceBefore = before === undefined || WHITESPACE.test(before);
  const spaceAfter = after === undefined || WHITESPACE.test(after);
  const punctBefore = before !== undefined && PUNCTUATION.test(before);
  const punctAfter = after !== undefined && PUNCTUATION.test(after);
  const leftFlanking = !spaceAfter && (!punctAfter || spaceBefore || punctBefore);
  const rightFlanking = !spaceBefore && (!punctBefore || spaceAfter || punctAfter);
  // `_` does not style inside words: snake_case_names stay as they are.
  const canOpen = ch === '_' ? leftFlanking && (!rightFlanking || punctBefore) : leftFlanking;
  const canClose = ch === '_' ? rightFlanking && (!leftFlanking || punctAfter) : rightFlanking;
  return { k: 'delim', ch, at, length, left: length, canOpen, canClose, closes: [], opens: [], prev: null, next: null };
}

function runLength(src: string, from: number): number {
  let end = from;
  while (src[end] === src[from]) end++;
  return end - from;
}

function listBacktickRuns(src: string): Map<number, { starts: number[]; next: number }> {
  const runs = new Map<number, { starts: number[]; next: number }>();
  for (let i = src.indexOf('`'); i >= 0; i = src.indexOf('`', i)) {
    const length = runLength(src, i);
    let list = runs.get(length);
    if (!list) runs.set(length, (list = { starts: [], next: 0 }));
    list.starts.push(i);
    i += length;
  }
  return runs;
}

/** As in CommonMark: line breaks become spaces, and one space each side is dropped if both are there. */
function codeSpanText(raw: string): string {
  const text = raw.replace(/\n/g, ' ');
  return text.length >= 2 && text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '' ? text.slice(1, -1) : text;
}

/**
 * For each position, where a link target starting there would end: at the `)` closing the link, or at
 * the whitespace (or end of text) after the target, or -1 if parentheses do not balance first. One
 * level of parentheses is allowed inside, for https://fr.wikipedia.org/wiki/Paris_(France).
 * Computed once from the right, so a text full of unclosed `](` costs no more than one pass.
 */
function listDestinationEnds(src: string): Int32Array {
  const n = src.length;
  const atDepth0 = new Int32Array(n + 1);
  const atDepth1 = new Int32Array(n + 1);
  atDepth0[n] = n;
  atDepth1[n] = -1;
  for (let i = n - 1; i >= 0; i--) {
    const ch = src[i]!;
    if (TARGET_STOP.test(ch)) {
      atDepth0[i] = i; // whitespace or control: the target ends here
      atDepth1[i] = -1;
    } else if (ch === ')') {
      atDepth0[i] = i;
      atDepth1[i] = atDepth0[i + 1]!;
    } else if (ch === '(') {
      atDepth0[i] = atDepth1[i + 1]!;
      atDepth1[i] = -1;
    } else {
      atDepth0[i] = atDepth0[i + 1]!;
      atDepth1[i] = atDepth1[i + 1]!;
    }
  }
  return atDepth0;
}

/** Reads `target)` after a `](`, spaces allowed around the target: its href and where it ends. */
function linkTarget(src: string, from: number, destinationEnds: Int32Array): { href: string; end: number } | null {
  let start = from;
  while (src[start] === ' ' || src[start] === '\t') start++;
  const end = destinationEnds[start]!;
  if (end <= start) return null;
  let close = end;
  while (src[close] === ' ' || src[close] === '\t') close++;
  if (src[close] !== ')') return null;
  return { href: src.slice(start, end), end: close + 1 };
}

/** The end of a bare http(s) URL starting at `from`, or -1 if there is none. */
function autolinkEnd(src: string, from: number): number {
  const scheme = /^https?:\/\//i.exec(src.slice(from, from + 8));
  if (!scheme) return -1;
  let end = from + scheme[0].length;
  if (!WORD_CHAR.test(src[end] ?? ' ')) return -1; // a host must follow
  let opened = 0;
  let closed = 0;
  for (; end < src.length && !AUTOLINK_STOP.test(src[end]!); end++) {
    if (src[end] === '(') opened++;
    else if (src[end] === ')') closed++;
  }
  // "(voir https://a.fr/x)." ends the URL before ")." but keeps the ")" of ".../Paris_(France)".
  while (AUTOLINK_TRAILING.includes(src[end - 1]!)) {
    if (src[end - 1] === ')') {
      if (closed <= opened) break;
      closed--;
    }
    end--;
  }
  return end;
}

// ---------------------------------------------------------------------------------------------------

type Container = { t: 'em' | 'strong' | 'del'; c: Inline[] } | { t: 'link'; href: string; c: Inline[] };

function buildInlines(tokens: Token[]): Inline[] {
  const root: Inline[] = [];
  /** Open styles and links, innermost last. */
  const open: Container[] = [];
  /** Styles opened past the depth cap: they add no node, their content goes to the deepest one. */
  let beyondCap = 0;
  let children = root;

  const addText = (text: string) => {
    const last = children[children.length - 1];
    if (typeof last === 'string') children[children.length - 1] = last + text;
    else children.push(text);
  };
  const start = (node: Container) => {
    if (open.length >= MAX_INLINE_DEPTH) {
      beyondCap++;
      return;
    }
    children.push(node);
    open.push(node);
    children = node.c;
  };
  const end = () => {
    if (beyondCap > 0) {
      beyondCap--;
      return;
    }
    const node = open.pop()!;
    if (node.t === 'link' && node.c.length === 0) node.c.push(node.href); // `[](url)` shows the url
    children = open[open.length - 1]?.c ?? root;
  };

  for (const token of tokens) {
    switch (token.k) {
      case 'text':
        addText(token.v);
        break;
      case 'node':
        children.push(token.node);
        break;
      case 'autolink':
        // Inside a link's label (or past the cap), a URL is just the text of the label.
        if (open.length >= MAX_INLINE_DEPTH || open.some((n) => n.t === 'link')) addText(token.href);
        else children.push({ t: 'link', href: token.href, c: [token.href] });
        break;
      case 'bracket':
        if (token.href === null) addText('[');
        else start({ t: 'link', href: token.href, c: [] });
        break;
      case 'linkEnd':
        end();
        break;
      case 'delim':
        for (let n = 0; n < token.closes.length; n++) end();
        if (token.left > 0) addText(token.ch.repeat(token.left));
        for (let n = token.opens.length - 1; n >= 0; n--) start({ t: token.opens[n]!, c: [] });
    }
  }
  return root;
}
