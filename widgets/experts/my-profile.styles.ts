import { css } from 'lit';

export const styles = css`
  .mine {
    display: grid;
    gap: 1.1em;
  }
  .mine h4 {
    margin: 0 0 0.45em;
    font-size: 1em;
  }
  .mine section {
    padding-top: 1em;
    border-top: 1px solid var(--_border);
  }
  .field {
    margin-top: 0.7em;
  }
  .field > span,
  .field label {
    display: block;
    margin-bottom: 0.3em;
    font-size: 0.9em;
    font-weight: 600;
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
  }
  .tag {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    min-height: 2em;
    padding: 0 0.2em 0 0.75em;
    border-radius: 999px;
    background: var(--_accent-soft);
    font-size: 0.88em;
    font-weight: 500;
  }
  .x {
    width: 1.6em;
    height: 1.6em;
    border-radius: 50%;
    color: var(--_muted);
    font-size: 1.1em;
    line-height: 1;
  }
  .x:hover {
    background: var(--_bg);
    color: var(--_danger);
  }
  .n {
    color: var(--_muted);
    font-weight: 700;
  }
  .adder {
    display: flex;
    gap: 0.4em;
    margin-top: 0.45em;
    max-width: 26em;
  }
  .adder input {
    min-height: 2.2em;
  }
  .hint,
  .switch small,
  .fine {
    color: var(--_muted);
    font-size: 0.86em;
  }
  .switch {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 0.6em;
    margin-top: 0.6em;
    cursor: pointer;
  }
  .switch input {
    width: 1.15em;
    min-height: 0;
    height: 1.15em;
    margin: 0.2em 0 0;
    accent-color: var(--_accent);
  }
  .switch b {
    font-weight: 600;
  }
  .switch small {
    grid-column: 2;
  }
  .saved {
    color: var(--_success);
    font-weight: 600;
  }
  .banner {
    margin-bottom: 0.7em;
    padding: 0.6em 0.8em;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_warning) 12%, var(--_bg));
    color: var(--_warning);
  }
  .inferred ul {
    display: grid;
    gap: 0.55em;
    margin: 0.4em 0 0.9em;
  }
  .inferred li {
    line-height: 1.45;
  }
  .inferred .why {
    display: block;
    color: var(--_muted);
    font-size: 0.92em;
  }
  .post blockquote {
    margin: 0.15em 0;
    padding-left: 0.75em;
    border-left: 3px solid var(--_border);
    overflow-wrap: anywhere;
  }
  .post p {
    font-size: 0.85em;
    color: var(--_muted);
  }
  .post b {
    color: var(--_text);
  }
  .audience {
    margin-left: 0.3em;
    padding: 0 0.5em;
    border-radius: 999px;
    background: var(--_surface);
  }
`;
