import { css } from 'lit';

/** The list, and what every view shows: status badges, tags, vote buttons, notes. */
export const styles = css`
  .root {
    padding: var(--_pad, 0);
    border-radius: var(--_radius);
    background: var(--_card, none);
  }
  p,
  ol,
  ul,
  h3,
  h4 {
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: inherit;
  }
  .kicker,
  .meta {
    font-size: 0.88em;
  }
  .kicker,
  .meta,
  .intro {
    color: var(--_muted);
  }
  h3 {
    margin: 0.15em 0 0.3em;
    font-size: 1.35em;
    line-height: 1.3;
    outline: none;
  }
  .actions,
  .bar,
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .actions {
    margin: 0.9em 0 1.2em;
  }
  .primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .closed,
  .note,
  .empty {
    margin: 0.6em 0;
    padding: 0.6em 0.85em;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_muted);
  }
  .closed {
    color: var(--_warning);
  }
  .empty {
    padding: 1.6em;
    text-align: center;
  }
  .bar {
    padding-bottom: 0.7em;
    border-bottom: 1px solid var(--_border);
  }
  .sort {
    padding: 0.15em;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .sort [aria-pressed='true'] {
    background: var(--_bg);
  }
  select {
    min-height: 2.15em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .idea {
    display: flex;
    gap: 0.9em;
    padding: 1em 0;
  }
  .idea + .idea {
    border-top: 1px solid var(--_border);
  }
  .main {
    flex: 1;
    min-width: 0;
  }
  .vote {
    display: flex;
    flex: none;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    width: 3.3em;
    height: 3.6em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font-weight: 700;
    line-height: 1;
  }
  .vote:hover,
  [aria-pressed='true'] {
    border-color: var(--_accent);
    color: var(--_accent);
    background: var(--_accent-soft);
  }
  .vote[aria-disabled='true'] {
    border-color: var(--_border);
    background: var(--_surface);
    color: var(--_muted);
  }
  .title {
    min-height: 24px; /* a target a finger can hit (WCAG 2.5.8) */
    font-size: 1.06em;
    font-weight: 650;
    text-align: start;
    overflow-wrap: anywhere;
  }
  .title:hover {
    text-decoration: underline;
  }
  .excerpt {
    display: -webkit-box;
    overflow: hidden;
    color: var(--_muted);
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
  }
  .meta {
    gap: 0.3em 0.6em;
    margin-top: 0.4em;
  }
  .status {
    padding: 0 0.6em;
    border-radius: 1em;
    background: color-mix(in srgb, var(--_c) 12%, var(--_bg));
    color: var(--_c);
    font-weight: 650;
  }
  .s-new,
  .s-merged {
    --_c: var(--_muted);
  }
  .s-under_review {
    --_c: var(--_warning);
  }
  .s-planned {
    --_c: var(--_accent);
  }
  .s-in_progress {
    --_c: color-mix(in srgb, var(--_accent), var(--_danger));
  }
  .s-done {
    --_c: var(--_success);
  }
  .s-declined {
    --_c: var(--_danger);
  }
  .s-held {
    --_c: var(--_warning);
  }
  .tag {
    min-height: 24px;
    padding: 0 0.5em;
    border: 1px solid var(--_border);
    border-radius: 4px;
  }
  .more {
    margin-top: 1em;
    text-align: center;
  }
  /* Room for the campaign and four ideas while they load. */
  .bone {
    height: 40em;
    border-radius: var(--_radius);
    background: linear-gradient(var(--_surface) 8em, transparent 0) 0 0 / 100% 10em;
  }
`;
