import { css } from 'lit';

/** Adopted by the writing half when it loads (see writing.ts); the new comment's box is styled by the component. */
export const styles = css`
  .sub {
    margin: 0.6em 0 0.2em;
  }
  .composer:focus-within {
    border-color: var(--_accent);
    box-shadow: 0 0 0 3px var(--_accent-soft);
  }
  textarea:focus {
    outline: none;
  }
  .primary:hover:not(:disabled) {
    background: color-mix(in srgb, var(--_accent) 88%, #000);
  }
  .composer > .alert {
    margin: 0.5em;
  }
  .help {
    margin-right: auto;
    color: var(--_muted);
    font-size: 0.85em;
  }
  .help summary {
    min-height: 24px; /* a target a finger can hit (WCAG 2.5.8) */
    align-content: center;
    cursor: pointer;
  }
  .help[open] {
    flex-basis: 100%;
  }
  .help p {
    margin: 0.4em 0 0;
    line-height: 2;
  }
  .help code {
    background: var(--_bg);
    white-space: nowrap;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.82em;
  }
  @container (max-width: 480px) {
    .hint {
      display: none;
    }
  }
  /* Cancel and its action stay side by side: when the row is short, the formatting help goes above. */
  .bar .moves {
    display: flex;
    gap: 0.5em;
    margin-left: auto;
  }
  /* One line under the comment: the question wraps within itself before the buttons leave its row. */
  .confirm {
    display: flex;
    align-items: center;
    gap: 0.5em;
    margin-top: 0.5em;
    padding: 0.6em 0.75em;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_danger) 7%, var(--_bg));
  }
  .confirm span {
    flex: 1;
    min-width: 0;
    font-weight: 600;
  }
  .confirm .btn {
    flex: none;
  }
  .danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_on-accent);
  }
  .accept.on {
    color: var(--_success);
  }
`;
