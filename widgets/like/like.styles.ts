import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-block;
    position: relative;
    vertical-align: middle;
    font-size: var(--ruche-font-size, 13px) !important;
  }
  .pill {
    display: inline-flex;
    align-items: stretch;
    height: 2.2em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_bg);
    white-space: nowrap;
  }
  .like,
  .who {
    display: inline-flex;
    align-items: center;
    transition: background-color 0.15s, color 0.15s;
  }
  .like {
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
  .who[aria-expanded='true'] {
    background: var(--_surface);
  }
  .like[aria-pressed='true'] {
    color: var(--_accent);
    background: var(--_accent-soft);
  }
  .like[aria-pressed='true'] svg {
    fill: currentColor;
  }
  @media (prefers-reduced-motion: no-preference) {
    .like[aria-pressed='true'] svg {
      animation: pop 0.3s ease-out;
    }
  }
  @keyframes pop {
    50% {
      transform: scale(1.3);
    }
  }
  .count {
    min-width: 2ch;
    font-variant-numeric: tabular-nums;
    font-weight: 500;
    color: var(--_muted);
  }
  .like[aria-pressed='true'] .count {
    color: inherit;
  }
  .count.pending {
    visibility: hidden;
  }
  .popover {
    position: absolute;
    top: calc(100% + 6px);
    left: 0;
    z-index: 2147483000;
    width: 17.5em;
    max-width: 90vw;
    padding: 0.8em 0.9em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    box-shadow: 0 10px 28px rgb(15 23 42 / 0.16);
    white-space: normal;
  }
  .popover.end {
    left: auto;
    right: 0;
  }
  .popover:focus {
    outline: none;
  }
  .popover:focus-visible {
    outline: 2px solid var(--_focus);
  }
  .notice {
    width: max-content;
    max-width: 20em;
  }
  .notice.error,
  .error {
    color: var(--_danger);
  }
  [hidden] {
    display: none !important;
  }
  p {
    margin: 0;
  }
  .title {
    margin-bottom: 0.6em;
    font-weight: 600;
  }
  .muted {
    color: var(--_muted);
  }
  ul {
    display: grid;
    gap: 0.55em;
    margin: 0 0 0.4em;
    padding: 0;
    list-style: none;
  }
  li {
    display: flex;
    align-items: center;
    gap: 0.6em;
    min-width: 0;
  }
  .who-name {
    display: flex;
    flex-direction: column;
    min-width: 0;
    line-height: 1.3;
  }
  .name {
    font-weight: 600;
  }
  .dept {
    overflow: hidden;
    color: var(--_muted);
    font-size: 0.88em;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`;
