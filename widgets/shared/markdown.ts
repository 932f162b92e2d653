import { html, nothing, type TemplateResult } from 'lit';
import { markdownRenderer } from '../../shared/markdown/render.ts';
import type { MarkdownTree } from '../../shared/markdown/tree.ts';

const render = markdownRenderer(html, nothing);

/**
 * Renders the tree the API parsed a comment's or idea's text into (see `shared/markdown/tree.ts`),
 * with Lit bindings only: every string lands in a text node (see `shared/markdown/render.ts`).
 */
export function renderMarkdown(tree: MarkdownTree): TemplateResult {
  return html`${render.blocks(tree)}`;
}
