import { css, html, nothing } from 'lit';
import type { Comment } from '../../shared/api-types.ts';
import type { Lang } from '../shared/i18n.ts';

/**
 * A hidden or waiting comment as its author and the stewards read it: why it is held, and who else
 * sees it. Loaded when the threads hold such a comment (before they are drawn, or with the live
 * change that brings one): most readers never see one.
 */
const words = {
  fr: {
    waiting: 'En attente de validation par un animateur',
    hiddenBy: 'Masqué par un animateur',
    heldWord: 'mot surveillé\u00a0: «\u00a0#\u00a0»',
    onlyYou: 'Seuls vous et les animateurs le voyez.',
    onlyStewards: 'Seuls son auteur et les animateurs le voient.',
  },
  en: {
    waiting: 'Waiting for a steward’s approval',
    hiddenBy: 'Hidden by a steward',
    heldWord: 'watched word: “#”',
    onlyYou: 'Only you and the stewards see it.',
    onlyStewards: 'Only its author and the stewards see it.',
  },
};

export const styles = css`
  .moderation {
    margin: 0.3em 0 0.2em;
    padding: 0.35em 0.65em;
    border-left: 3px solid var(--_warning);
    border-radius: 0 calc(var(--_radius) - 2px) calc(var(--_radius) - 2px) 0;
    background: color-mix(in srgb, var(--_warning) 8%, var(--_bg));
    font-size: 0.88em;
    overflow-wrap: anywhere;
  }
  .moderation span {
    display: block;
    color: var(--_muted);
  }
  .held .body {
    opacity: 0.7;
  }
`;

/** Why `c` is held (its `moderation`), and who reads it: `own`, the reader wrote it. */
export function heldNotice(c: Comment, own: boolean, lang: Lang) {
  const held = c.moderation!;
  const m = words[lang];
  return html`<p class="moderation">
    <strong>${held.state === 'pending' ? m.waiting : m.hiddenBy}</strong>${held.state === 'hidden' && held.reason ? ` : ${held.reason}` : ''}${held.word
      ? html` · ${m.heldWord.replace('#', held.word)}`
      : nothing}
    <span>${own ? m.onlyYou : m.onlyStewards}</span>
  </p>`;
}
