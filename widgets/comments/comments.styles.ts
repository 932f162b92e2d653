import { css } from 'lit';

export const styles = css`
  :host {
    container-type: inline-size;
  }
  .root {
    padding: var(--_pad, 0);
    border-radius: var(--_radius);
    background: var(--_card, none);
  }
  [aria-busy='true'] {
    height: 218px; /* while loading: the room a page keeps for it */
    overflow: hidden;
  }
  p,
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em 1em;
    margin-bottom: 1em;
    padding-bottom: 0.7em;
    border-bottom: 1px solid var(--_border);
  }
  h3 {
    margin: 0 auto 0 0;
    font-size: 1.15em;
    line-height: 1.3;
    outline: none;
  }
  .sort {
    padding: 0.15em;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .sort [aria-pressed='true'] {
    background: var(--_bg);
    color: var(--_text);
    box-shadow: 0 1px 2px #0002;
  }
  .notice,
  .empty {
    margin-bottom: 1.2em;
    padding: 0.8em 1em;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_muted);
  }
  .empty {
    padding: 1.6em 1em;
    text-align: center;
  }
  .thread {
    padding: 1em 0;
    border-bottom: 1px solid var(--_border);
  }
  .thread:first-child {
    padding-top: 0.2em;
  }
  .thread:last-child {
    border: 0;
  }
  .comment {
    display: flex;
    gap: 0.75em;
    border-radius: var(--_radius);
    outline-offset: 4px;
  }
  .comment:focus:not(:focus-visible) {
    outline: none;
  }
  .main {
    flex: 1;
    min-width: 0;
  }
  /* One line that never wraps (a department too long is cut short): a relative date that changes
     width, last on the line, moves nothing. */
  .meta {
    display: flex;
    align-items: baseline;
    gap: 0.5em;
    line-height: 1.35;
    white-space: nowrap;
  }
  .meta > * {
    flex: none;
  }
  .meta .dept {
    flex: 0 1 auto;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .author {
    font-weight: 650;
  }
  .dept,
  time,
  .edited,
  .reply-to {
    color: var(--_muted);
    font-size: 0.86em;
  }
  time::before {
    content: '· ';
  }
  .note {
    color: var(--_success);
  }
  .body {
    margin-top: 0.2em;
    overflow-wrap: anywhere;
  }
  .body > * {
    margin: 0 0 0.55em;
  }
  .body > :last-child {
    margin: 0;
  }
  .body ul,
  .body ol {
    padding-left: 1.4em;
    list-style: disc;
  }
  .body ol {
    list-style: decimal;
  }
  blockquote {
    padding-left: 0.85em;
    border-left: 3px solid var(--_border);
    color: var(--_muted);
  }
  code {
    padding: 0.1em 0.35em;
    border-radius: 4px;
    background: var(--_surface);
    font: 0.88em ui-monospace, Menlo, Consolas, monospace;
  }
  pre {
    overflow-x: auto;
    padding: 0.7em 0.85em;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  pre code {
    padding: 0;
  }
  .body a {
    color: var(--_accent);
    text-underline-offset: 2px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    margin: 0.3em 0 0 -0.45em;
  }
  .like[aria-pressed='true'] {
    color: var(--_accent);
  }
  .like[aria-pressed='true'] svg {
    fill: currentColor;
  }
  .like span {
    min-width: 1ch; /* a first like moves nothing */
  }
  .replies {
    /* Narrower indentation in a narrow column (a 2008 intranet's 530 px content cell, a phone). */
    margin: 0.75em 0 0 clamp(0.5em, 2cqi, 1.1em);
    padding-left: clamp(0.75em, 2cqi, 1em);
    border-left: 2px solid var(--_border);
  }
  .replies > li + li,
  .replies .comment + .comment {
    margin-top: 0.85em;
  }
  .replies .avatar {
    font-size: 0.78em;
  }
  .gone .main {
    align-self: center;
    color: var(--_muted);
    font-style: italic;
  }
  .gone .avatar {
    box-shadow: inset 0 0 0 1px var(--_border);
  }
  .note {
    margin-top: 0.4em;
    outline: none;
  }
  .more {
    margin-top: 1em;
    text-align: center;
  }
  /* The new comment's box (its focus ring and hover come with the writing half) */
  .primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .composer {
    margin: 0 0 1.4em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
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
  .bone {
    display: grid;
    grid-template-columns: 2.3em 1fr;
    gap: 0.5em 0.75em;
    margin: 0.4em 0 1.4em;
  }
  .bone span {
    height: 0.8em;
    border-radius: 4px;
    background: var(--_surface);
  }
  .bone :first-child {
    grid-row: span 2;
    height: 2.3em;
    border-radius: 50%;
  }
  .bone :last-child {
    width: 70%;
  }
`;
