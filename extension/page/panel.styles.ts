import { css } from 'lit';

/**
 * The launcher and the panel, in a shadow root of their own: the page's CSS does not reach them
 * (`all: initial` on the host cuts inheritance; `!important` beats the page's rules on the host),
 * and they are `position: fixed`, so nothing of the page moves. A constructed stylesheet: a page's
 * CSP may forbid `<style>`.
 */
export const panelStyles = css`
  :host {
    all: initial !important;
    position: fixed !important;
    inset: auto 0 0 auto !important;
    width: 0 !important;
    height: 0 !important;
    z-index: 2147483646 !important;
    display: block !important;
    --_honey: #e39a1c;
    --_honey-dark: #b86e05;
    --_ink: #1f2933;
    --_muted: #5b6573;
    --_line: #e3e7ed;
  }
  /* Type is set here: on the host, all: initial !important would win over it. */
  .launcher,
  .panel {
    font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'DejaVu Sans', Arial, sans-serif;
    color: var(--_ink);
    text-align: start;
    letter-spacing: normal;
    text-transform: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  select {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: 2px solid #2c64c9;
    outline-offset: 2px;
  }
  .launcher {
    position: fixed;
    right: 20px;
    bottom: 20px;
    width: 48px;
    height: 48px;
    display: grid;
    place-items: center;
    margin: 0;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: linear-gradient(160deg, #f5b642, var(--_honey-dark));
    color: #fff;
    box-shadow: 0 4px 14px #0003, 0 1px 3px #0002;
    cursor: pointer;
    transition: transform 0.12s ease;
  }
  .launcher:hover {
    transform: scale(1.06);
  }
  .launcher[aria-expanded='true'] {
    background: linear-gradient(160deg, #4a5563, #2a313b);
  }
  .launcher svg {
    width: 26px;
    height: 26px;
  }
  .panel {
    position: fixed;
    right: 20px;
    bottom: 80px;
    width: min(440px, calc(100vw - 40px));
    /* One size from the start, whatever loads inside (it scrolls): the panel never moves. */
    height: min(680px, calc(100vh - 100px));
    display: flex;
    flex-direction: column;
    background: #fff;
    border: 1px solid #d8dde4;
    border-radius: 14px;
    box-shadow: 0 18px 50px #0003, 0 2px 8px #0001;
    overflow: hidden;
  }
  .panel:focus {
    outline: none;
  }
  header {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 10px 10px 10px 14px;
    border-bottom: 1px solid var(--_line);
    background: linear-gradient(180deg, #fffaf0, #fff);
  }
  .brand {
    display: flex;
    align-items: center;
    gap: 6px;
    font-weight: 700;
    font-size: 15px;
    letter-spacing: 0.01em;
  }
  .brand svg {
    width: 20px;
    height: 20px;
    color: var(--_honey);
  }
  .who {
    flex: 1;
    min-width: 0;
    display: flex;
    align-items: center;
    justify-content: flex-end;
    gap: 6px;
    font-size: 12.5px;
    color: var(--_muted);
    white-space: nowrap;
  }
  .who strong {
    color: var(--_ink);
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .who select {
    flex: none;
    width: 180px;
    height: 28px;
    padding: 0 6px;
    border: 1px solid #c9d0da;
    border-radius: 6px;
    background: #fff;
    font-weight: 600;
    cursor: pointer;
  }
  .who .problem {
    color: #8a4b00;
    white-space: normal;
    text-align: right;
  }
  .link {
    padding: 0;
    border: 0;
    background: none;
    color: #2c64c9;
    text-decoration: underline;
    cursor: pointer;
  }
  .close {
    flex: none;
    width: 30px;
    height: 30px;
    display: grid;
    place-items: center;
    padding: 0;
    border: 0;
    border-radius: 8px;
    background: none;
    color: var(--_muted);
    font-size: 20px;
    line-height: 1;
    cursor: pointer;
  }
  .close:hover {
    background: #eef1f5;
    color: var(--_ink);
  }
  [role='tablist'] {
    display: flex;
    gap: 4px;
    padding: 6px 10px 0;
    border-bottom: 1px solid var(--_line);
  }
  [role='tab'] {
    padding: 6px 12px 8px;
    border: 0;
    border-bottom: 2px solid transparent;
    background: none;
    color: var(--_muted);
    font-weight: 600;
    cursor: pointer;
  }
  [role='tab'][aria-selected='true'] {
    color: var(--_ink);
    border-bottom-color: var(--_honey);
  }
  .body {
    flex: 1;
    min-height: 0;
    overflow: auto;
    overscroll-behavior: contain;
    padding: 12px 16px 16px;
  }
  .likes {
    margin-bottom: 10px;
  }
`;

/** A honeycomb cell: the extension's mark. */
export const hexagon = 'M12 2.2 20.5 7.1v9.8L12 21.8 3.5 16.9V7.1z';
