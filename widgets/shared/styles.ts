import { css } from 'lit';

/**
 * Styles every widget starts from. Documented design tokens (set them on the element or any
 * ancestor; custom properties inherit into the shadow root):
 *
 * --ruche-font            font family (default: the system's UI font)
 * --ruche-font-size       base size (default 14px; the rest scales from it)
 * --ruche-accent          main colour: primary buttons, liked heart, links (default #2c64c9)
 * --ruche-accent-contrast text on the accent (default #fff)
 * --ruche-text, --ruche-muted, --ruche-background, --ruche-surface, --ruche-border
 * --ruche-danger, --ruche-success, --ruche-warning, --ruche-focus
 * --ruche-radius          corner radius (default 8px)
 *
 * `theme="dark"` uses the dark look, `theme="auto"` follows the system's preference.
 */
const dark = css`
  --_text: var(--ruche-text, #e5e9f0);
  --_muted: var(--ruche-muted, #a3adbb);
  --_bg: var(--ruche-background, #1b1f26);
  --_surface: var(--ruche-surface, #252b34);
  --_border: var(--ruche-border, #3a424e);
  --_accent: var(--ruche-accent, #7aa7ff);
  --_on-accent: var(--ruche-accent-contrast, #0d1626);
  --_danger: var(--ruche-danger, #ff8a80);
  --_success: var(--ruche-success, #6fd49b);
  --_warning: var(--ruche-warning, #f3b562);
  --_accent-soft: color-mix(in srgb, var(--_accent) 18%, transparent);
  /* On a light page, the dark look is a card of its own. */
  --_card: var(--_bg);
  --_pad: 1em 1.2em;
  color-scheme: dark;
`;

export const baseStyles = css`
  /*
   * The host page's inherited properties (11px Verdana, line-height 1.1, text-indent, justify…)
   * reach the shadow root through the host: cut them off. Its rules on the host with !important
   * (\`* { font-family: … !important }\`) lose only to !important here, which wins across the
   * shadow boundary. Selectors of the page never match inside the shadow root.
   */
  :host {
    all: initial;
    display: block;
    --_font: var(--ruche-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'DejaVu Sans', Arial, sans-serif);
    --_size: var(--ruche-font-size, 14px);
    --_radius: var(--ruche-radius, 8px);
    --_text: var(--ruche-text, #1f2933);
    --_muted: var(--ruche-muted, #5b6573);
    --_bg: var(--ruche-background, #fff);
    --_surface: var(--ruche-surface, #f4f6f9);
    --_border: var(--ruche-border, #d8dde4);
    --_accent: var(--ruche-accent, #2c64c9);
    --_on-accent: var(--ruche-accent-contrast, #fff);
    --_danger: var(--ruche-danger, #b42318);
    --_success: var(--ruche-success, #17683f);
    --_warning: var(--ruche-warning, #8a4b00);
    --_accent-soft: color-mix(in srgb, var(--_accent) 10%, transparent);
    --_focus: var(--ruche-focus, var(--_accent));
    font-family: var(--_font) !important;
    font-size: var(--_size) !important;
    line-height: 1.5 !important;
    color: var(--_text) !important;
    text-align: start !important;
    text-indent: 0 !important;
    letter-spacing: normal !important;
    white-space: normal !important;
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${dark}
    }
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  select,
  textarea {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
    margin: 0;
  }
  button {
    background: none;
    border: 0;
    padding: 0;
    cursor: pointer;
  }
  button:disabled {
    opacity: 0.6;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  svg {
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    /* 24 CSS px at least, whatever the font size: WCAG 2.2's minimum target (2.5.8). */
    min-height: max(24px, 2.3em);
    padding: 0 0.95em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font-weight: 600;
    white-space: nowrap;
  }
  .btn:hover {
    background: var(--_surface);
  }
  .link {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    min-height: max(24px, 1.9em);
    padding: 0 0.45em;
    border-radius: calc(var(--_radius) - 2px);
    color: var(--_muted);
    font-size: 0.93em;
    font-weight: 500;
  }
  .link:hover {
    background: var(--_surface);
  }
  .alert {
    margin: 0.5em 0;
    padding: 0.55em 0.8em;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_danger) 9%, var(--_bg));
    color: var(--_danger);
  }
  /* A calm sentence where a widget's content would be: not an error, there is nothing to fix. */
  .no-access {
    margin: 0.5em 0;
    padding: 0.8em 1em;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_muted);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .avatar {
    display: inline-grid;
    place-items: center;
    flex: none;
    width: 2.3em;
    height: 2.3em;
    border-radius: 50%;
    color: #fff;
    font-size: 0.86em;
    font-weight: 600;
    user-select: none;
  }
  /* White initials on each at 4.5:1 at least (WCAG AA for small text). */
  .c0 { background: #3b6fb6; }
  .c1 { background: #287a5e; }
  .c2 { background: #a5522f; }
  .c3 { background: #7b57b3; }
  .c4 { background: #b0405f; }
  .c5 { background: #2d7d92; }
  .c6 { background: #6b7a2c; }
  .c7 { background: #8a5a9c; }
  .anonymous { background: #687384; }
`;
