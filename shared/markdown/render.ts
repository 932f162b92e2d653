import { SAFE_HREF, type Block, type Inline, type MarkdownTree } from './tree.ts';

/** A tagged template that escapes every value it is given: Lit's `html`, or hono/html's. */
export type HtmlTag = (strings: TemplateStringsArray, ...values: unknown[]) => unknown;

/**
 * Renders the tree of `tree.ts` with the template tag of the side that shows it: Lit's in the
 * widgets (`widgets/shared/markdown.ts`), hono/html's on the API's docs page. Both escape what they
 * are given, so every string lands as text; the only elements are the ones below, and a link's href
 * is checked again here, so a tree that did not come from our parser still cannot carry a
 * `javascript:` link: such a link shows its label as plain text. `nothing` is what the tag renders
 * as no output, for a kind of node from a newer server.
 */
export function markdownRenderer(html: HtmlTag, nothing: unknown) {
  const item = (nodes: Inline[]) => html`<li>${nodes.map(inline)}</li>`;

  function block(node: Block): unknown {
    switch (node.t) {
      case 'p': return html`<p>${node.c.map(inline)}</p>`;
      case 'ul': return html`<ul>${node.items.map(item)}</ul>`;
      case 'ol': return node.start ? html`<ol start="${node.start}">${node.items.map(item)}</ol>` : html`<ol>${node.items.map(item)}</ol>`;
      case 'pre': return html`<pre><code>${node.v}</code></pre>`;
      case 'quote': return html`<blockquote>${node.c.map(block)}</blockquote>`;
      default: return nothing;
    }
  }

  function inline(node: Inline): unknown {
    if (typeof node === 'string') return node;
    switch (node.t) {
      case 'em': return html`<em>${node.c.map(inline)}</em>`;
      case 'strong': return html`<strong>${node.c.map(inline)}</strong>`;
      case 'del': return html`<del>${node.c.map(inline)}</del>`;
      case 'code': return html`<code>${node.v}</code>`;
      case 'br': return html`<br>`;
      case 'link':
        return SAFE_HREF.test(node.href)
          ? html`<a href="${node.href}" rel="noopener noreferrer nofollow ugc" target="_blank">${node.c.map(inline)}</a>`
          : node.c.map(inline);
      default: return nothing;
    }
  }

  return {
    blocks: (tree: MarkdownTree) => tree.map(block),
    inlines: (nodes: Inline[]) => nodes.map(inline),
  };
}
