import { html, svg } from 'lit';
import { hexagon } from '../page/panel.styles.ts';

/** The extension's mark, for its own pages. */
export const markIcon = () =>
  html`<svg viewBox="0 0 24 24" aria-hidden="true">${svg`<path d=${hexagon} fill="currentColor" /><path d="M12 7.6 15.8 9.8v4.4L12 16.4 8.2 14.2V9.8z" fill="#fff" fill-opacity=".85" />`}</svg>`;
