import { html } from 'lit';
import { define } from '../../../widgets/comments/comments.ts';
import type { PanelFeature } from './feature.ts';

/** The page's discussion, the same `<ruche-comments>` (and thread) as an embedded one on this page. */
export const comments: PanelFeature = {
  id: 'comments',
  tab: 'page',
  applies: () => true,
  define: () => define(),
  render: ({ subject }) => html`<ruche-comments subject=${subject}></ruche-comments>`,
};
