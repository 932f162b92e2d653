import { css } from 'lit';

export const styles = css`
  .desk {
    margin-top: 1em;
  }
  .desk .seg {
    width: fit-content;
  }
  .desk-note {
    margin: 0.8em 0;
    color: var(--_muted);
    font-size: 0.88em;
  }
  .queue,
  .log {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .item {
    margin-bottom: 0.9em;
    padding: 0.8em 1em;
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_warning);
    border-radius: var(--_radius);
    background: var(--_bg);
    outline-offset: 3px;
  }
  .item.reported {
    border-left-color: var(--_danger);
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em;
    font-size: 0.8em;
  }
  .badge {
    padding: 0.05em 0.6em;
    border-radius: 999px;
    background: var(--_surface);
    font-weight: 650;
  }
  .badge.pending {
    background: color-mix(in srgb, var(--_warning) 14%, var(--_bg));
    color: var(--_warning);
  }
  .badge.reported {
    background: color-mix(in srgb, var(--_danger) 12%, var(--_bg));
    color: var(--_danger);
  }
  .item .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.2em 0.5em;
    margin-top: 0.55em;
    font-size: 0.88em;
  }
  .item .meta .avatar {
    font-size: 0.75em;
  }
  .item .meta a {
    color: var(--_accent);
  }
  .muted {
    color: var(--_muted);
  }
  .item h5 {
    margin: 0.5em 0 0;
    font-size: 1em;
  }
  .text {
    margin-top: 0.45em;
    padding: 0.5em 0.75em;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
    overflow-wrap: anywhere;
  }
  .text > * {
    margin: 0 0 0.5em;
  }
  .text > :last-child {
    margin: 0;
  }
  .text a {
    color: var(--_accent);
  }
  .reasons {
    margin: 0.6em 0 0;
    padding: 0;
    list-style: none;
    font-size: 0.9em;
  }
  .reasons li {
    margin-top: 0.2em;
  }
  .reasons time {
    margin-left: 0.5em;
  }
  .reasons q {
    font-style: italic;
  }
  .moves {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin-top: 0.7em;
  }
  .log li {
    display: flex;
    gap: 0.7em;
    padding: 0.6em 0;
    border-bottom: 1px solid var(--_border);
    font-size: 0.92em;
  }
  .log .avatar {
    font-size: 0.75em;
  }
  .log q {
    display: block;
    margin-top: 0.15em;
    font-style: italic;
  }
  .log time {
    display: block;
    color: var(--_muted);
    font-size: 0.85em;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend,
  .field-label {
    display: block;
    margin: 0.9em 0 0.4em;
    padding: 0;
    font-weight: 650;
  }
  .choice {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 0.5em;
    margin: 0.3em 0;
  }
  .choice input {
    margin: 0.25em 0 0;
    accent-color: var(--_accent);
  }
  .choice span {
    grid-column: 2;
    color: var(--_muted);
    font-size: 0.88em;
  }
  .words {
    display: block;
    width: 100%;
    min-height: 6em;
    padding: 0.5em 0.7em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    font: 0.92em ui-monospace, Menlo, Consolas, monospace;
    resize: vertical;
  }
  .save {
    display: flex;
    align-items: center;
    gap: 0.8em;
    margin-top: 0.8em;
  }
  .btn.primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .ok {
    color: var(--_success);
  }
`;
