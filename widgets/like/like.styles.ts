import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-block;
    position: relative;
    min-width: 10.48em; /* 131px, the room a page keeps for it: what comes after it on the line stays put */
    vertical-align: middle;
    font-size: var(--ruche-font-size, 12.5px) !important;
  }
  .pill {
    display: inline-flex;
    height: 2.24em; /* 28px, the room the loader keeps for it */
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_bg);
    white-space: nowrap;
  }
  .like,
  .who {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    padding: 0 0.65em 0 0.7em;
    border-radius: 999px 0 0 999px;
    font-weight: 600;
  }
  .who {
    padding: 0 0.5em 0 0.4em;
    border-left: 1px solid var(--_border);
    border-radius: 0 999px 999px 0;
    color: var(--_muted);
  }
  .like:hover,
  .who:hover,
  [aria-expanded='true'] {
    background: var(--_surface);
  }
  [aria-pressed='true'] {
    color: var(--_accent);
    background: var(--_accent-soft);
  }
  [aria-pressed='true'] svg {
    fill: currentColor;
  }
  /* The count may not be read here: pressed, the button only says why. */
  [aria-disabled='true'] {
    color: var(--_muted);
    cursor: default;
  }
  .count {
    min-width: 2ch;
    font-variant-numeric: tabular-nums;
    font-weight: 500;
  }
  .pending {
    visibility: hidden;
  }
  .popover {
    position: absolute;
    top: calc(100% + 6px);
    left: 0;
    z-index: 2147483000;
    width: max-content;
    max-width: min(20em, 90vw);
    padding: 0.8em 0.9em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    box-shadow: 0 10px 28px rgb(15 23 42 / 0.16);
    white-space: normal;
  }
  .end {
    left: auto;
    right: 0;
  }
  .popover:focus {
    outline: none;
  }
  .error {
    color: var(--_danger);
  }
  [hidden] {
    display: none !important;
  }
`;
