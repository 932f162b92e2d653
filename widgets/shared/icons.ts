import { html, svg, type TemplateResult } from 'lit';

/** A 24×24 stroked icon, decorative (the text beside it says what it means). */
export const icon = (path: TemplateResult, size = 15) => html`<svg viewBox="0 0 24 24" width=${size} height=${size} aria-hidden="true">${path}</svg>`;

/** The like heart, shared by <ruche-like> and the comments' like buttons (one copy on a page with both). */
export const heart = svg`<path d="M12 20.5s-7.5-4.6-7.5-10.2A4.3 4.3 0 0 1 12 7.6a4.3 4.3 0 0 1 7.5 2.7c0 5.6-7.5 10.2-7.5 10.2Z"/>`;
