/**
 * The tree a comment's or an idea's text is parsed into on the server (`parse.ts`) and rendered from
 * in the widgets (`widgets/shared/markdown.ts`). The API sends it next to the raw text, so no HTML
 * written by a person ever reaches the page: every string below ends up in a text node or, for a
 * link's `href`, in an attribute checked against `SAFE_HREF` on both sides.
 *
 * It is sent with every comment, so it is compact: a plain string is a text node, `t` names the kind
 * of any other node, `c` holds its children and `v` its verbatim text (code, which has no markup).
 *
 *   "Voir **la note** de `Léa`"  →  [{ t: 'p', c: ['Voir ', { t: 'strong', c: ['la note'] }, ' de ', { t: 'code', v: 'Léa' }] }]
 *
 * Depth is bounded by the parser (a few nested quotes, a few nested inline styles, no link inside a
 * link), so renderers may recurse freely.
 */
export type Inline =
  | string
  | { t: 'em'; c: Inline[] }
  | { t: 'strong'; c: Inline[] }
  | { t: 'del'; c: Inline[] }
  | { t: 'code'; v: string }
  | { t: 'link'; href: string; c: Inline[] }
  | { t: 'br' };

export type Block =
  | { t: 'p'; c: Inline[] }
  /** Flat lists: one item is one run of inline content (its lines joined by `br`). */
  | { t: 'ul'; items: Inline[][] }
  /** `start` only when the list does not start at 1. */
  | { t: 'ol'; start?: number; items: Inline[][] }
  | { t: 'pre'; v: string }
  /** A quote holds blocks: people quote paragraphs, lists and code, not just a line. */
  | { t: 'quote'; c: Block[] };

export type MarkdownTree = Block[];

/**
 * The only links kept: absolute http(s) and mailto URLs, with no whitespace, control or invisible
 * formatting character anywhere (browsers drop tabs and newlines from URLs, which is how `java\tscript:`
 * sneaks through naive checks). Anything relative is refused too: the widgets live inside other
 * sites' pages, where a relative link would resolve against whichever page embeds them.
 */
export const SAFE_HREF = /^(?:https?:\/\/|mailto:)[^\s\p{Cc}\p{Cf}]+$/iu;
