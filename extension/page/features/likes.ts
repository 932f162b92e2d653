import { html } from 'lit';
import { define } from '../../../widgets/like/like.ts';
import type { PanelFeature } from './feature.ts';

/** The page's like button, the same `<ruche-like>` an editor embeds, on the page's subject. */
export const likes: PanelFeature = {
  id: 'likes',
  tab: 'page',
  applies: () => true,
  define: () => define(),
  render: ({ subject }) => html`<div class="likes"><ruche-like subject=${subject}></ruche-like></div>`,
};
