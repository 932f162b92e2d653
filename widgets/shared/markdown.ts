import { html, nothing, type TemplateResult } from 'lit';
import { SAFE_HREF, type Block, type Inline, type MarkdownTree } from '../../shared/markdown/tree.ts';

/**
 * Renders the tree the API parsed a comment's or idea's text into (see `shared/markdown/tree.ts`).
 * Only Lit bindings: every string lands in a text node, and a link's href is checked again here, so a
 * tree that did not come from our parser still cannot carry a `javascript:` link; such a link shows
 * its label as plain text.
 */
export function renderMarkdown(tree: MarkdownTree): TemplateResult {
  return html`${tree.map(renderBlock)}`;
}

function renderBlock(block: Block): TemplateResult | typeof nothing {
  switch (block.t) {
    case 'p': return html`<p>${block.c.map(renderInline)}</p>`;
    case 'ul': return html`<ul>${block.items.map(renderItem)}</ul>`;
    case 'ol': return html`<ol start=${block.start ?? nothing}>${block.items.map(renderItem)}</ol>`;
    case 'pre': return html`<pre><code>${block.v}</code></pre>`;
    case 'quote': return html`<blockquote>${block.c.map(renderBlock)}</blockquote>`;
    default: return nothing; // a kind of block from a newer server
  }
}

const renderItem = (item: Inline[]) => html`<li>${item.map(renderInline)}</li>`;

function renderInline(node: Inline): TemplateResult | string | typeof nothing {
  if (typeof node === 'string') return node;
  switch (node.t) {
    case 'em': return html`<em>${node.c.map(renderInline)}</em>`;
    case 'strong': return html`<strong>${node.c.map(renderInline)}</strong>`;
    case 'del': return html`<del>${node.c.map(renderInline)}</del>`;
    case 'code': return html`<code>${node.v}</code>`;
    case 'br': return html`<br>`;
    case 'link':
      return SAFE_HREF.test(node.href)
        ? html`<a href=${node.href} rel="noopener noreferrer nofollow ugc" target="_blank">${node.c.map(renderInline)}</a>`
        : html`${node.c.map(renderInline)}`;
    default: return nothing; // a kind of node from a newer server
  }
}
