import { css } from 'lit';

export const styles = css`
  .root {
    padding: var(--_pad, 0);
    border-radius: var(--_radius);
    background: var(--_card, none);
  }
  p,
  ul,
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em 1em;
    margin-bottom: 0.9em;
    padding-bottom: 0.7em;
    border-bottom: 1px solid var(--_border);
  }
  h3 {
    margin: 0 auto 0 0;
    font-size: 1.15em;
    line-height: 1.3;
  }
  .views {
    display: flex;
    flex-wrap: wrap;
    padding: 0.15em;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .views [aria-pressed='true'] {
    background: var(--_bg);
    color: var(--_text);
    box-shadow: 0 1px 2px #0002;
  }
  .badge {
    padding: 0 0.45em;
    border-radius: 999px;
    background: var(--_danger);
    color: #fff;
    font-size: 0.85em;
    font-weight: 700;
  }
  .search {
    display: flex;
    gap: 0.5em;
  }
  input:not([type='checkbox']),
  textarea {
    flex: 1;
    min-width: 0;
    min-height: 2.5em;
    padding: 0.4em 0.8em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: inherit;
    font: inherit;
  }
  input:focus,
  textarea:focus {
    border-color: var(--_accent);
    outline: 3px solid var(--_accent-soft);
    outline-offset: 0;
  }
  .primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .primary:hover {
    background: color-mix(in srgb, var(--_accent) 85%, #000);
  }
  .lead,
  .try,
  .count {
    margin-top: 0.8em;
    color: var(--_muted);
  }
  .top + .lead {
    margin: 0;
  }
  .count {
    color: var(--_text);
    font-weight: 600;
  }
  .count span {
    margin-left: 0.5em;
    color: var(--_muted);
    font-weight: 400;
  }
  .try {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em;
  }
  .chip {
    min-height: 2em;
    padding: 0 0.8em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    color: var(--_accent);
    font-size: 0.92em;
    font-weight: 500;
  }
  .chip:hover {
    border-color: var(--_accent);
  }
  .results {
    display: grid;
    gap: 0.7em;
    margin-top: 0.8em;
  }
  .results[aria-busy='true'] {
    opacity: 0.55;
  }
  .bone {
    height: 8em;
    border-radius: calc(var(--_radius) + 2px);
    background: var(--_surface);
  }
  .notice,
  .empty,
  .ask {
    margin-top: 0.9em;
    padding: 0.9em 1em;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_muted);
  }
  .notice {
    margin: 0;
  }
  .ask {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.7em 1em;
  }
  .ask b {
    color: var(--_text);
  }
`;
