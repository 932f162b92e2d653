import { css } from 'lit';

export const styles = css`
  .panel {
    position: absolute;
    top: calc(100% + 8px);
    right: 0;
    z-index: 2147483000;
    width: min(25em, calc(100vw - 1em));
    max-height: min(34em, calc(100vh - 6em));
    overflow: auto;
    overscroll-behavior: contain;
    padding: 0.7em 0 0.8em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    background: var(--_bg);
    color: var(--_text);
    box-shadow: 0 12px 32px rgb(15 23 42 / 0.18);
    text-align: start;
  }
  .panel:focus {
    outline: none;
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
    padding: 0 0.9em 0.5em;
    border-bottom: 1px solid var(--_border);
  }
  h2 {
    margin: 0;
    font-size: 1.05em;
  }
  header .link {
    color: var(--_accent);
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .notice {
    display: flex;
    align-items: flex-start;
    gap: 0.3em;
    border-bottom: 1px solid color-mix(in srgb, var(--_border) 60%, transparent);
  }
  .notice.unread {
    background: var(--_accent-soft);
  }
  .main {
    display: grid;
    gap: 0.15em;
    flex: 1;
    min-width: 0;
    padding: 0.6em 0.2em 0.6em 0.9em;
    color: inherit;
    text-decoration: none;
  }
  a.main:hover .sentence {
    text-decoration: underline;
  }
  .sentence {
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .unread .sentence {
    font-weight: 650;
  }
  .detail {
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
    color: var(--_muted);
    font-size: 0.93em;
    overflow-wrap: anywhere;
  }
  .when {
    color: var(--_muted);
    font-size: 0.86em;
  }
  .mark {
    display: grid;
    place-items: center;
    flex: none;
    width: 2.4em;
    height: 2.4em;
    margin: 0.35em 0.4em 0 0;
    border-radius: 50%;
  }
  .mark:hover {
    background: var(--_surface);
  }
  .dot {
    width: 0.6em;
    height: 0.6em;
    border-radius: 50%;
    background: var(--_accent);
  }
  .quiet {
    margin: 0;
    padding: 1em 0.9em;
    color: var(--_muted);
  }
  .alert {
    margin: 0.5em 0.9em 0;
  }
  .more {
    display: flex;
    margin: 0.7em auto 0;
  }
  .failure,
  .no-access {
    margin: 0.7em 0.9em 0;
  }
  /* A phone: the panel takes the width of the screen, under the header. */
  @media (max-width: 32em) {
    .panel {
      position: fixed;
      top: 3.5em;
      left: 0.5em;
      right: 0.5em;
      width: auto;
    }
  }
`;
