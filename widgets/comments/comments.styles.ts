import { css } from 'lit';

export const styles = css`
  :host {
    container-type: inline-size;
  }
  [hidden] {
    display: none !important;
  }
  /* The dark look is a card of its own: the page around is usually light. */
  :host([theme='dark']) .root {
    padding: 1em 1.2em;
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) .root {
      padding: 1em 1.2em;
      border-radius: var(--_radius);
      background: var(--_bg);
    }
  }
  p {
    margin: 0;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em 1em;
    padding-bottom: 0.7em;
    margin-bottom: 1em;
    border-bottom: 1px solid var(--_border);
  }
  h3 {
    display: flex;
    align-items: baseline;
    gap: 0.6em;
    margin: 0;
    margin-right: auto;
    color: var(--_text);
    font-size: 1.15em;
    font-weight: 700;
    line-height: 1.3;
  }
  h3:focus {
    outline: none;
  }
  h3 .count {
    color: var(--_muted);
    font-size: 0.8em;
    font-weight: 500;
  }
  .promise {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    padding: 0.15em 0.7em;
    border-radius: 999px;
    background: var(--_accent-soft);
    color: var(--_accent);
    font-size: 0.88em;
    font-weight: 600;
  }
  .sort {
    display: inline-flex;
    gap: 0.15em;
    padding: 0.15em;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .sort .link {
    min-height: 1.8em;
  }
  .sort [aria-pressed='true'] {
    background: var(--_bg);
    color: var(--_text);
    box-shadow: 0 1px 2px rgb(0 0 0 / 0.12);
  }

  /* ---- writing ---- */
  .composer {
    margin: 0.6em 0 0.2em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    transition: border-color 0.15s, box-shadow 0.15s;
  }
  .composer.main {
    margin: 0 0 1.4em;
  }
  .composer:focus-within {
    border-color: var(--_accent);
    box-shadow: 0 0 0 3px var(--_accent-soft);
  }
  .composer .label {
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
    border-radius: var(--_radius);
    background: transparent;
    line-height: 1.5;
    resize: vertical;
    field-sizing: content;
  }
  textarea:focus {
    outline: none;
  }
  textarea::placeholder {
    color: var(--_muted);
    opacity: 0.85;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    align-items: center;
    gap: 0.5em;
    padding: 0.45em 0.5em 0.5em 0.85em;
    border-top: 1px solid var(--_border);
    background: var(--_surface);
    border-radius: 0 0 var(--_radius) var(--_radius);
  }
  .composer > .alert {
    margin: 0.5em;
  }
  .help {
    margin-right: auto;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.82em;
  }
  .help summary {
    color: var(--_muted);
    font-size: 0.85em;
    cursor: pointer;
    list-style-position: inside;
  }
  .help[open] summary {
    margin-bottom: 0.4em;
  }
  .help dl {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9.5em, 1fr));
    gap: 0.25em 1em;
    margin: 0;
    font-size: 0.85em;
  }
  .help div {
    display: flex;
    gap: 0.5em;
    align-items: baseline;
  }
  .help dt,
  .help dd {
    margin: 0;
  }
  .help dd {
    color: var(--_muted);
  }
  .help[open] {
    flex-basis: 100%;
  }
  .notice,
  .empty {
    margin: 0 0 1.2em;
    padding: 0.8em 1em;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_muted);
  }
  .empty {
    padding: 1.6em 1em;
    text-align: center;
  }

  /* ---- reading ---- */
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .thread {
    padding: 1em 0;
    border-bottom: 1px solid var(--_border);
  }
  .thread:first-child {
    padding-top: 0.2em;
  }
  .thread:last-child {
    border-bottom: 0;
  }
  .comment {
    display: flex;
    gap: 0.75em;
    border-radius: var(--_radius);
  }
  .comment:focus {
    outline: none;
  }
  .comment:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 4px;
  }
  .main {
    flex: 1;
    min-width: 0;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.15em 0.5em;
    line-height: 1.35;
  }
  .author {
    font-weight: 650;
  }
  .dept,
  time,
  .edited {
    color: var(--_muted);
    font-size: 0.86em;
  }
  .dept {
    overflow: hidden;
    max-width: 100%;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .dept + time::before {
    content: '·';
    margin-right: 0.5em;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    padding: 0 0.55em;
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_muted);
    font-size: 0.78em;
    font-weight: 600;
    line-height: 1.7;
  }
  .badge.ok {
    background: color-mix(in srgb, var(--_success) 13%, transparent);
    color: var(--_success);
  }
  .reply-to {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .body {
    margin-top: 0.2em;
    overflow-wrap: anywhere;
  }
  .body p,
  .body ul,
  .body ol,
  .body pre,
  .body blockquote {
    margin: 0 0 0.55em;
  }
  .body > :last-child {
    margin-bottom: 0;
  }
  .body ul,
  .body ol {
    padding-left: 1.4em;
  }
  .body ul {
    list-style: disc;
  }
  .body ol {
    list-style: decimal;
  }
  .body blockquote {
    padding: 0.1em 0 0.1em 0.85em;
    border-left: 3px solid var(--_border);
    color: var(--_muted);
  }
  .body code,
  .help code {
    padding: 0.1em 0.35em;
    border-radius: 4px;
    background: var(--_surface);
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace;
    font-size: 0.88em;
  }
  .body pre {
    overflow-x: auto;
    padding: 0.7em 0.85em;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .body pre code {
    padding: 0;
    background: none;
  }
  .body a {
    color: var(--_accent);
    text-decoration: underline;
    text-underline-offset: 2px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.1em;
    margin: 0.3em 0 0 -0.45em;
  }
  .like[aria-pressed='true'] {
    color: var(--_accent);
  }
  .like[aria-pressed='true'] svg {
    fill: currentColor;
  }
  .like span:empty {
    display: none;
  }
  .accept.on {
    color: var(--_success);
  }
  .clock {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    margin-top: 0.45em;
    padding: 0.1em 0.6em;
    border-radius: 999px;
    font-size: 0.84em;
    font-weight: 600;
    background: var(--_surface);
    color: var(--_muted);
  }
  .clock.kept,
  .clock.answered {
    background: color-mix(in srgb, var(--_success) 12%, transparent);
    color: var(--_success);
  }
  .clock.late {
    background: color-mix(in srgb, var(--_warning) 14%, transparent);
    color: var(--_warning);
  }
  .clock.waiting {
    background: var(--_accent-soft);
    color: var(--_accent);
  }
  .clock.overdue {
    background: color-mix(in srgb, var(--_danger) 11%, transparent);
    color: var(--_danger);
  }
  .replies {
    margin: 0.75em 0 0 1.1em;
    padding-left: 1em;
    border-left: 2px solid var(--_border);
  }
  .replies > li + li {
    margin-top: 0.85em;
  }
  .replies > li > .comment + .comment {
    margin-top: 0.85em;
  }
  .replies .avatar {
    width: 2em;
    height: 2em;
    font-size: 0.78em;
  }
  .accepted {
    margin-left: -0.6em;
    padding: 0.6em;
    background: color-mix(in srgb, var(--_success) 7%, var(--_bg));
    box-shadow: inset 0 0 0 1px color-mix(in srgb, var(--_success) 35%, transparent);
  }
  .gone-text {
    align-self: center;
    color: var(--_muted);
    font-style: italic;
  }
  .gone-avatar {
    background: var(--_surface);
    box-shadow: inset 0 0 0 1px var(--_border);
  }
  .note {
    margin-top: 0.4em;
    color: var(--_success);
    font-size: 0.9em;
  }
  .note:focus {
    outline: none;
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
  .btn.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: #fff;
  }
  .more {
    margin-top: 1em;
    text-align: center;
  }

  /* ---- loading ---- */
  .skeleton {
    display: grid;
    gap: 1.3em;
    padding: 0.4em 0 1em;
  }
  .bone {
    display: flex;
    gap: 0.75em;
  }
  .bone .dot {
    width: 2.3em;
    height: 2.3em;
    border-radius: 50%;
  }
  .bone .lines {
    display: grid;
    flex: 1;
    gap: 0.5em;
  }
  .bone .lines span {
    height: 0.8em;
    border-radius: 4px;
  }
  .bone .lines span:last-child {
    width: 70%;
  }
  .bone .dot,
  .bone .lines span {
    background: linear-gradient(90deg, var(--_surface) 25%, color-mix(in srgb, var(--_surface) 40%, var(--_bg)) 50%, var(--_surface) 75%) 0 0 / 300% 100%;
  }
  @media (prefers-reduced-motion: no-preference) {
    .bone .dot,
    .bone .lines span {
      animation: shimmer 1.4s linear infinite;
    }
  }
  @keyframes shimmer {
    to {
      background-position: -150% 0;
    }
  }

  /* narrow columns (a 2008 intranet's 530 px content cell, a phone) */
  @container (max-width: 480px) {
    .replies {
      margin-left: 0.5em;
      padding-left: 0.75em;
    }
    .hint {
      display: none;
    }
  }
`;
