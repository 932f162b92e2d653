import { html } from 'lit';
import { define } from '../../../widgets/ideas/idea-box.ts';
import type { PanelFeature } from './feature.ts';

/** The space's always-open idea box, when the server has the idea box: an idea can come from any page. */
export const ideas: PanelFeature = {
  id: 'ideas',
  tab: 'ideas',
  applies: ({ server }) => server.ideas,
  define: () => define(),
  render: () => html`<ruche-idea-box></ruche-idea-box>`,
};
