import { css } from 'lit';

export const styles = css`
  :host {
    container-type: inline-size;
  }
  p,
  ul,
  h4 {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .card {
    position: relative;
    display: grid;
    grid-template-columns: auto 1fr auto;
    gap: 0 0.9em;
    padding: 1em 1.1em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    background: var(--_bg);
  }
  .empty {
    grid-template-columns: auto 1fr;
    align-items: center;
    color: var(--_muted);
  }
  .empty .avatar {
    background: var(--_surface);
  }
  .big {
    width: 2.3em;
    height: 2.3em;
    font-size: 1.34em;
    font-weight: 700;
  }
  .main {
    min-width: 0;
  }
  h4 {
    font-size: 1.08em;
    line-height: 1.3;
  }
  h4 span,
  .job,
  .intent {
    color: var(--_muted);
    font-weight: 400;
  }
  .roles,
  .skills {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3em 0.4em;
    margin: 0.35em 0 0.25em;
  }
  .roles li {
    padding: 0 0.6em;
    border-radius: 999px;
    background: var(--_surface);
    font-size: 0.8em;
  }
  .roles .steward {
    background: var(--_accent-soft);
    color: var(--_accent);
  }
  .job,
  .intent {
    font-size: 0.9em;
  }
  .intent {
    margin-top: 0.4em;
  }
  b {
    font-weight: 600;
  }
  .why {
    margin: 0.6em 0 0.2em;
    font-size: 0.92em;
  }
  .why li::before {
    content: '✓ ';
    color: var(--_success);
  }
  .why :first-child {
    font-weight: 600;
  }
  .skills {
    margin-top: 0.7em;
  }
  .skill {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    min-height: 2em;
    padding: 0.2em 0.7em;
    border: 1px solid var(--_border);
    border-radius: 1em;
    font-size: 0.86em;
    line-height: 1.25;
    text-align: start;
  }
  .hit,
  button.skill:hover {
    border-color: var(--_accent);
  }
  .hit {
    background: var(--_accent-soft);
  }
  .n,
  .plus {
    font-weight: 700;
  }
  .n {
    color: var(--_muted);
  }
  .plus,
  a,
  summary {
    color: var(--_accent);
  }
  [aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  [aria-pressed='true'] * {
    color: inherit;
  }
  .contact {
    display: flex;
    flex-direction: column;
    gap: 0.4em;
  }
  .contact .btn {
    font-size: 0.9em;
    text-decoration: none;
  }
  .note {
    margin-top: 0.5em;
    color: var(--_danger);
  }
  summary {
    margin-top: 0.7em;
    font-size: 0.9em;
    font-weight: 600;
    cursor: pointer;
  }
  .roles:empty,
  .contact:empty {
    display: none;
  }
  /* A narrow column: contact below. */
  @container (max-width: 460px) {
    .card {
      grid-template-columns: auto 1fr;
    }
    .contact {
      grid-column: 1 / -1;
      flex-flow: row wrap;
    }
    .contact:has(a) {
      margin-top: 0.8em;
    }
  }
  /*
   * A 2008 side column (about 200 px): a compact card of one height whatever the person (name,
   * roles on one line, the job, two lines of skills at most, the contact buttons at the bottom), so
   * that the page can keep exactly its room while it loads (15.4em).
   */
  @container (max-width: 300px) {
    .card {
      height: 15.4em;
      padding: 0.8em;
      gap: 0 0.6em;
      align-content: start;
      overflow: hidden;
    }
    .card.empty {
      align-content: center;
    }
    .big {
      font-size: 1.1em;
    }
    .main {
      display: contents;
    }
    .main > :not(h4) {
      grid-column: 1 / -1;
    }
    .job,
    .skill {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    /* The whole name, on up to three lines: the card keeps its height (there is room below). */
    h4 {
      display: -webkit-box;
      align-self: center;
      overflow: hidden;
      font-size: 0.98em;
      line-height: 1.22;
      overflow-wrap: anywhere;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 3;
    }
    .roles {
      flex-wrap: nowrap;
      overflow: hidden;
    }
    .roles li {
      white-space: nowrap;
    }
    .skills {
      max-height: 3.8em;
      margin-top: 0.5em;
      overflow: hidden;
    }
    .skill {
      display: block;
      max-width: 100%;
    }
    .skill > span {
      margin-left: 0.35em;
    }
    .intent {
      display: none;
    }
    .contact {
      position: absolute;
      inset: auto 0.8em 0.8em;
      margin: 0;
    }
    .contact {
      flex-wrap: nowrap;
    }
    .contact .btn {
      flex: 1 1 0;
      min-width: 0;
      gap: 0.25em;
      padding: 0 0.3em;
      font-size: 0.85em;
    }
  }
`;
