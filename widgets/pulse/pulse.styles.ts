import { css } from 'lit';

/** The frame of <ruche-pulse> and its loading state (the figures bring their own styles). */
export const styles = css`
  :host {
    container-type: inline-size;
  }
  .root {
    padding: var(--_pad, 0);
    border-radius: var(--_radius);
    background: var(--_card, none);
  }
  /* While loading: the room a page keeps for the pulse (see the README). */
  [aria-busy='true'] {
    height: 620px;
    overflow: hidden;
  }
  p {
    margin: 0;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.6em 1em;
    padding-bottom: 0.8em;
    border-bottom: 1px solid var(--_border);
  }
  .titles {
    margin-right: auto;
  }
  .kicker {
    color: var(--_muted);
    font-size: 0.8em;
    font-weight: 600;
    letter-spacing: 0.04em;
    text-transform: uppercase;
  }
  h3 {
    margin: 0;
    font-size: 1.3em;
    line-height: 1.3;
    outline: none;
  }
  .seg,
  .tabs {
    display: flex;
    flex-wrap: wrap;
    padding: 0.15em;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .seg .link {
    color: var(--_text);
  }
  .seg [aria-pressed='true'] {
    background: var(--_bg);
    box-shadow: 0 1px 2px #0003;
    font-weight: 650;
  }
  .tabs {
    gap: 0.3em;
    margin-top: 0.8em;
    padding: 0;
    background: none;
  }
  .tabs .link {
    padding: 0 0.8em;
    color: var(--_text);
    font-size: 1em;
    font-weight: 600;
  }
  .tabs [aria-pressed='true'] {
    background: var(--_accent-soft);
    color: var(--_accent);
  }
  .notice {
    margin: 1em 0;
    padding: 0.8em 1em;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_muted);
  }
  .figures {
    transition: opacity 0.2s;
  }
  .stale {
    opacity: 0.55;
  }
  .skeleton {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(13em, 1fr));
    grid-auto-rows: 7.5em;
    gap: 0.8em;
    height: 560px;
    padding-top: 1.2em;
    overflow: hidden;
  }
  .skeleton span {
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .skeleton :first-child {
    grid-column: 1 / -1;
    height: 2.6em;
  }
  .skeleton :last-child {
    grid-column: 1 / -1;
    height: 11em;
  }
`;
