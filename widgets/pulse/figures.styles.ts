import { css } from 'lit';

/** The figures and charts of <ruche-pulse> (loaded with them). */
export const styles = css`
  .defs {
    position: absolute;
  }
  .hatch {
    stroke: var(--_muted);
    stroke-width: 1.6;
    opacity: 0.5;
  }
  .gap {
    fill: url(#hatch);
  }
  .marks rect,
  .bar rect,
  .times rect {
    stroke: none;
  }
  .span {
    margin-top: 0.7em;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .trust {
    display: flex;
    gap: 0.6em;
    margin: 0.8em 0 0;
    padding: 0.65em 0.85em;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_success) 8%, var(--_bg));
    font-size: 0.9em;
  }
  .trust svg {
    flex: none;
    margin-top: 0.1em;
    color: var(--_success);
  }
  .more {
    min-height: 24px; /* a target a finger can hit (WCAG 2.5.8) */
    color: var(--_accent);
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 2px;
  }
  .about {
    margin-top: 0.5em;
    padding: 0.2em 1em 0.8em;
    border-left: 3px solid var(--_success);
    font-size: 0.9em;
  }
  .about dt {
    margin-top: 0.6em;
    font-weight: 650;
  }
  .about dd {
    margin: 0;
  }
  .about p {
    margin-top: 0.7em;
    color: var(--_muted);
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(13em, 1fr));
    gap: 0.8em;
    margin-top: 1em;
  }
  .card {
    padding: 0.8em 1em 0.9em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  h4,
  h5 {
    margin: 0;
    font-size: 0.92em;
    font-weight: 650;
  }
  .card h4 {
    color: var(--_muted);
  }
  .value {
    margin: 0.1em 0 0.15em;
    font-size: 2.1em;
    font-weight: 700;
    line-height: 1.15;
    font-variant-numeric: tabular-nums;
    letter-spacing: -0.01em;
  }
  .value.withheld {
    color: var(--_muted);
    font-weight: 400;
  }
  .sentence {
    font-size: 0.9em;
    line-height: 1.45;
  }
  .withheld {
    color: var(--_muted);
    font-style: italic;
  }
  .value.withheld {
    font-style: normal;
  }
  .chart {
    margin-top: 1.6em;
  }
  .chart > h4 {
    margin-bottom: 0.6em;
    font-size: 1em;
  }
  .plot {
    position: relative;
  }
  .plot svg {
    display: block;
    overflow: visible;
  }
  .area {
    height: 9.5em;
    margin-top: 1.3em;
  }
  /* The gutter of the scale's values (charts.ts, grid), and the dates kept under the plot (their
     text is 0.78em: the same gutter in their em). */
  .plot.area {
    margin-left: 2.8em;
  }
  .plot.area + .axis {
    margin-left: calc(2.8em / 0.78);
  }
  .area svg,
  .cols svg {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
  }
  path.area {
    fill: color-mix(in srgb, var(--_accent) 16%, transparent);
    stroke: none;
  }
  .line {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 2;
  }
  .grid,
  .base {
    stroke: var(--_border);
    stroke-width: 1;
  }
  .grid {
    stroke-dasharray: 2 3;
  }
  .tick,
  .peak-label {
    fill: var(--_muted);
    stroke: var(--_card, var(--_bg));
    stroke-width: 3px;
    paint-order: stroke;
    font-size: 0.75em;
    font-variant-numeric: tabular-nums;
  }
  .peak-label {
    fill: var(--_text);
    font-weight: 650;
  }
  .dot {
    fill: var(--_accent);
    stroke: none;
  }
  .peak {
    fill: var(--_bg);
    stroke: var(--_accent);
    stroke-width: 2;
  }
  .hit {
    fill: transparent;
    stroke: none;
  }
  .hit:hover {
    fill: color-mix(in srgb, var(--_accent) 8%, transparent);
  }
  .nothing-shown {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    color: var(--_muted);
    font-style: italic;
  }
  .nothing-shown span {
    padding: 0.2em 0.7em;
    border-radius: var(--_radius);
    background: var(--_card, var(--_bg));
  }
  .axis {
    display: flex;
    justify-content: space-between;
    margin-top: 0.3em;
    color: var(--_muted);
    font-size: 0.78em;
    font-variant-numeric: tabular-nums;
  }
  .caption {
    margin-top: 0.4em;
    color: var(--_muted);
    font-size: 0.85em;
  }
  .swatch {
    display: inline-block;
    width: 1.1em;
    height: 0.8em;
    margin-right: 0.4em;
    vertical-align: -0.05em;
    border-radius: 2px;
    background: repeating-linear-gradient(45deg, color-mix(in srgb, var(--_muted) 55%, transparent) 0 1.5px, transparent 1.5px 4px);
  }
  .minis {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9.5em, 1fr));
    gap: 1em 1.4em;
  }
  .mini h5 {
    color: var(--_muted);
    font-weight: 600;
  }
  .last {
    font-size: 1.35em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .cols {
    height: 4.5em;
    margin-top: 0.3em;
  }
  .col {
    fill: color-mix(in srgb, var(--_accent) 45%, var(--_bg));
  }
  .col.latest {
    fill: var(--_accent);
  }
  .col:hover,
  .cols .gap:hover {
    opacity: 0.75;
  }
  .pair {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(15em, 1fr));
    gap: 0 2em;
  }
  .bars {
    display: grid;
    grid-template-columns: max-content 1fr minmax(2ch, max-content);
    align-items: center;
    gap: 0.35em 0.7em;
    margin: 0.6em 0 0;
    padding: 0;
    list-style: none;
  }
  .bars li {
    display: contents;
  }
  .bars .name {
    font-size: 0.88em;
  }
  .bar {
    width: 100%;
    height: 0.75em;
  }
  .bar .fill {
    fill: var(--_c, var(--_accent));
  }
  .bars .n {
    font-size: 0.88em;
    font-weight: 650;
    text-align: end;
    font-variant-numeric: tabular-nums;
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
  .kept {
    display: flex;
    align-items: center;
    gap: 0.8em;
    margin: 0.6em 0;
  }
  .ring {
    position: relative;
    flex: none;
    width: 4.2em;
    height: 4.2em;
  }
  .ring svg {
    width: 100%;
    height: 100%;
    transform: rotate(0deg);
  }
  .ring circle {
    fill: none;
    stroke-width: 5;
    stroke-linecap: butt;
  }
  .ring .track {
    stroke: var(--_surface);
  }
  .ring .within {
    stroke: var(--_success);
  }
  .ring span {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    font-size: 0.85em;
    font-weight: 700;
  }
  .times {
    width: 100%;
    height: 1.6em;
    margin-top: 0.9em;
  }
  .times .track {
    fill: var(--_surface);
  }
  .times .median,
  .key.median {
    fill: var(--_accent);
    background: var(--_accent);
  }
  .times .p90,
  .key.p90 {
    fill: color-mix(in srgb, var(--_accent) 35%, var(--_bg));
    background: color-mix(in srgb, var(--_accent) 35%, var(--_bg));
  }
  .times .promise {
    stroke: var(--_text);
    stroke-width: 1.5;
    stroke-dasharray: 3 3;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.2em 1.2em;
    margin: 0.3em 0 0;
    padding: 0;
    list-style: none;
    font-size: 0.82em;
  }
  .key {
    display: inline-block;
    width: 0.8em;
    height: 0.8em;
    margin-right: 0.35em;
    vertical-align: -0.05em;
    border-radius: 2px;
  }
  .key.promise {
    width: 0.8em;
    background: linear-gradient(var(--_text) 50%, transparent 0) 50% 0 / 1.5px 4px repeat-y;
  }
  .people {
    margin: 0.6em 0 0;
    padding: 0;
    list-style: none;
  }
  .people li {
    display: flex;
    align-items: center;
    gap: 0.7em;
    padding: 0.45em 0;
    border-bottom: 1px solid var(--_border);
  }
  .people li:last-child {
    border: 0;
  }
  .who {
    display: flex;
    flex-direction: column;
    min-width: 0;
    margin-right: auto;
    line-height: 1.3;
  }
  .who .name {
    font-weight: 650;
  }
  .dept {
    overflow: hidden;
    color: var(--_muted);
    font-size: 0.85em;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .what {
    color: var(--_muted);
    font-size: 0.85em;
    text-align: end;
  }
  .opt-in {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: baseline;
    gap: 0 0.5em;
    margin-top: 0.8em;
    padding: 0.7em 0.85em;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .opt-in input {
    width: 1.05em;
    height: 1.05em;
    margin: 0;
    accent-color: var(--_accent);
  }
  .opt-in label {
    min-height: 24px; /* the box's target, with the box itself (WCAG 2.5.8) */
    font-weight: 600;
  }
  .opt-in .caption,
  .opt-in .alert {
    grid-column: 2;
    margin-top: 0.15em;
  }
  .data {
    margin-top: 0.3em;
    font-size: 0.85em;
  }
  .data summary {
    width: fit-content;
    min-height: 24px;
    align-content: center;
    color: var(--_accent);
    cursor: pointer;
  }
  .data table {
    margin-top: 0.4em;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  .data th,
  .data td {
    padding: 0.2em 1em 0.2em 0;
    border-bottom: 1px solid var(--_border);
    text-align: start;
  }
  .data thead th {
    color: var(--_muted);
  }
  .data tbody th {
    font-weight: 400;
  }
`;
