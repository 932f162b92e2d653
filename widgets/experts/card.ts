import { html, svg } from 'lit';
import type { ExpertProfile, ExpertResult } from '../../shared/api-types.ts';

/**
 * Schemes a contact link may use: those the API accepts for a chat link, and mailto. Anything else
 * (`javascript:`, `data:`, a relative path) is shown as no link at all, whatever the server stored.
 */
const SAFE_CONTACT = /^(?:https?:\/\/|mailto:|msteams:|sips?:|xmpp:|im:|slack:|tel:)[^\s\p{Cc}\p{Cf}]+$/iu;

export const safeHref = (url: string | null | undefined): string | null => (url && SAFE_CONTACT.test(url.trim()) ? url.trim() : null);

/** A message with its `%` (and `&`) replaced by people's text, as written: never read as a pattern. */
export const fill = (text: string, value: string, other = '') => text.split('%').join(value).split('&').join(other);

/** A person card, as an endorsement given on one of them shows it on the others (endorsing.ts). */
export interface ShownCard {
  readonly profile: ExpertProfile | null | undefined;
  readonly result: ExpertResult | null;
  requestUpdate(): void;
}

/** The cards in the page, so that an endorsement shows on every card of that person. */
export const shownCards = new Set<ShownCard>();

export const icon = (path: unknown, size = 15) => html`<svg viewBox="0 0 24 24" width=${size} height=${size} aria-hidden="true">${path}</svg>`;
export const mail = svg`<rect x="3" y="5.5" width="18" height="13" rx="2"/><path d="m3.5 7 8.5 6 8.5-6"/>`;
export const bubble = svg`<path d="M4.5 5.5h15v10h-9l-4.5 3.5v-3.5h-1.5z"/>`;
