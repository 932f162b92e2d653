import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-block;
    position: relative;
    /* The room the loader keeps for it, signed in or not: a header does not move when someone signs in. */
    width: 36px;
    height: 36px;
    vertical-align: middle;
    font-size: var(--ruche-font-size, 14px) !important;
  }
  .wrap {
    position: relative;
    width: 100%;
    height: 100%;
  }
  .bell {
    position: relative;
    display: inline-grid;
    place-items: center;
    width: 100%;
    height: 100%;
    border-radius: 50%;
    color: var(--ruche-bell-color, var(--_text));
  }
  .bell:hover,
  .bell[aria-expanded='true'] {
    background: color-mix(in srgb, currentColor 12%, transparent);
  }
  .count {
    position: absolute;
    top: 0.05em;
    right: -0.15em;
    min-width: 1.45em;
    height: 1.45em;
    padding: 0 0.35em;
    border: 2px solid var(--_bg);
    border-radius: 999px;
    background: #c62828; /* white on it at 5.6:1, in both themes */
    color: #fff;
    font-size: 0.72em;
    font-weight: 700;
    line-height: calc(1.45em - 4px);
    text-align: center;
    font-variant-numeric: tabular-nums;
  }
`;
