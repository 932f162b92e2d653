import { html } from 'lit';
import { define } from '../../../widgets/experts/expert-finder.ts';
import type { PanelFeature } from './feature.ts';

/** Who knows about what this page is about (its title), when the server has the expert finder. */
export const experts: PanelFeature = {
  id: 'experts',
  tab: 'experts',
  applies: ({ server, topic }) => server.experts && topic !== '',
  define: () => define(),
  render: ({ topic }) => html`<ruche-expert-finder topic=${topic}></ruche-expert-finder>`,
};
