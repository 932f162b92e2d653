import type { TemplateResult } from 'lit';
import type { Features } from '../../shared/protocol.ts';
import type { Lang } from '../../shared/settings.ts';

/** What a feature of the panel knows of the page it is on. */
export interface PanelContext {
  /** The page's subject key (`pageSubject(document)`): the one embedded widgets use. */
  subject: string;
  /** The page's topic, from its title, for the experts. */
  topic: string;
  /** What the server offers. */
  server: Features;
  lang: Lang;
}

/**
 * One thing the panel shows, in a file of its own (as refined-github's features are): where it goes,
 * when it applies, what it defines and renders. `features/index.ts` lists them all (a test checks
 * that every file here is listed).
 */
export interface PanelFeature {
  id: string;
  /** The panel's tab it belongs to; features of one tab show in the order they are listed. */
  tab: 'page' | 'experts' | 'ideas';
  applies(context: PanelContext): boolean;
  /** Defines its custom elements in the page's registry (when the panel first opens). */
  define(): void;
  render(context: PanelContext): TemplateResult;
}
