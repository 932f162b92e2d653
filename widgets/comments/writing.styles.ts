import { css } from 'lit';

/** Adopted by the writing half when it loads (see writing.ts). */
export const styles = css`
  .primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .primary:hover:not(:disabled) {
    background: color-mix(in srgb, var(--_accent) 88%, #000);
  }
  .composer {
    margin: 0.6em 0 0.2em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .composer.main {
    margin: 0 0 1.4em;
  }
  .composer:focus-within {
    border-color: var(--_accent);
    box-shadow: 0 0 0 3px var(--_accent-soft);
  }
  .label {
    display: block;
    padding: 0.6em 0.85em 0;
    font-size: 0.9em;
    font-weight: 600;
  }
  textarea {
    display: block;
    width: 100%;
    min-height: 4.8em;
    max-height: 24em;
    padding: 0.6em 0.85em;
    border: 0;
    background: none;
    resize: vertical;
    field-sizing: content;
  }
  textarea:focus {
    outline: none;
  }
  textarea::placeholder {
    color: var(--_muted);
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    align-items: center;
    gap: 0.5em;
    padding: 0.45em 0.5em 0.5em 0.85em;
    border-top: 1px solid var(--_border);
    border-radius: 0 0 var(--_radius) var(--_radius);
    background: var(--_surface);
  }
  .help {
    margin-right: auto;
    color: var(--_muted);
    font-size: 0.85em;
  }
  .help summary {
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
  .composer > .alert {
    margin: 0.5em;
  }
  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    margin-top: 0.5em;
    padding: 0.6em 0.75em;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_danger) 7%, var(--_bg));
  }
  .confirm span {
    margin-right: auto;
    font-weight: 600;
  }
  .danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: #fff;
  }
  @container (max-width: 480px) {
    .hint {
      display: none;
    }
  }
`;
