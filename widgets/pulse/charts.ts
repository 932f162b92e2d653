import { html, nothing, svg } from 'lit';

/**
 * The pulse's small charts, drawn with Lit `svg` templates. Geometry is in percentages of the plot
 * (SVG attributes, not inline styles: a page's CSP may forbid those), so a chart takes the width it
 * is given without measuring it, and text, dots and hatching are never stretched. Only the area of
 * the daily chart is drawn in a stretched viewBox, its line kept even by `non-scaling-stroke`.
 *
 * A value withheld by the five-people rule is `null`: it is drawn as a hatched slot, never as zero.
 */

/** The hatching of withheld slots, defined once per shadow root (see `defs`). */
export const defs = html`<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false">
  <defs>
    <pattern id="hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <line x1="0" y1="0" x2="0" y2="5" class="hatch"></line>
    </pattern>
  </defs>
</svg>`;

/** A round top for a scale: 80 → 80, 83 → 100, 0.17 → 0.2. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * step >= max * 1.001) return m * step;
  return 10 * step;
}

const pc = (x: number) => `${Math.round(x * 100) / 100}%`;

/** Consecutive runs of shown (or of withheld) values: [first, last, shown]. */
function runs(values: readonly (number | null)[]): [number, number, boolean][] {
  const found: [number, number, boolean][] = [];
  values.forEach((value, i) => {
    const shown = value !== null;
    const last = found[found.length - 1];
    if (last && last[2] === shown && last[1] === i - 1) last[1] = i;
    else found.push([i, i, shown]);
  });
  return found;
}

export interface Series {
  values: (number | null)[];
  /** What a slot says on hover, e.g. "12 nov. : 80 lecteurs". */
  title(i: number): string;
  format(value: number): string;
}

/**
 * Gridlines with their values, at 0, half and the top of the scale; the values stand in the gutter
 * left of the plot (see .plot.area), level with their line, never over the data.
 */
const grid = (max: number, format: (v: number) => string) =>
  [0, 0.5, 1].map(
    (f) => svg`<line x1="0" x2="100%" y1=${pc(100 - f * 100)} y2=${pc(100 - f * 100)} class="grid"></line>
      <text x="0" y=${pc(100 - f * 100)} dx="-6" dy="0.32em" text-anchor="end" class="tick">${format(max * f)}</text>`,
  );

/**
 * A value per day as an area with its line; runs of withheld days are hatched bands, and the area
 * stops at them. The highest day is marked with its value.
 */
export function dayArea(series: Series) {
  const { values } = series;
  const n = values.length;
  const shown = values.filter((v): v is number => v !== null);
  const max = niceMax(Math.max(0, ...shown));
  const y = (v: number) => Math.round((100 - (v / max) * 100) * 100) / 100;
  const areas: string[] = [];
  const lines: string[] = [];
  for (const [a, b, isShown] of runs(values)) {
    if (!isShown) continue;
    if (a === b) {
      const top = y(values[a]!);
      areas.push(`M${a + 0.2} 100V${top}H${a + 0.8}V100Z`);
      lines.push(`M${a + 0.2} ${top}H${a + 0.8}`);
      continue;
    }
    const points = [];
    for (let i = a; i <= b; i++) points.push(`${i + 0.5} ${y(values[i]!)}`);
    areas.push(`M${a + 0.5} 100L${points.join('L')}L${b + 0.5} 100Z`);
    lines.push(`M${points.join('L')}`);
  }
  const peak = shown.length ? values.indexOf(Math.max(...shown)) : -1;
  const x = (i: number) => pc(((i + 0.5) / n) * 100);
  return html`<svg class="shape" viewBox="0 0 ${n} 100" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <path d=${areas.join('')} class="area"></path>
      <path d=${lines.join('')} class="line" vector-effect="non-scaling-stroke"></path>
    </svg>
    <svg class="marks" aria-hidden="true" focusable="false">
      ${runs(values)
        .filter(([, , isShown]) => !isShown)
        .map(([a, b]) => svg`<rect x=${pc((a / n) * 100)} width=${pc(((b - a + 1) / n) * 100)} y="0" height="100%" class="gap"></rect>`)}
      ${shown.length ? grid(max, series.format) : nothing}
      ${n <= 31 ? values.map((v, i) => (v === null ? nothing : svg`<circle cx=${x(i)} cy=${pc(y(v))} r="2.2" class="dot"></circle>`)) : nothing}
      ${peak >= 0
        ? svg`<circle cx=${x(peak)} cy=${pc(y(values[peak]!))} r="4" class="peak"></circle>
            <text x=${x(peak)} y=${pc(y(values[peak]!))} dy="-9" class="peak-label" text-anchor=${peak < n * 0.1 ? 'start' : peak > n * 0.9 ? 'end' : 'middle'}>${series.format(values[peak]!)}</text>`
        : nothing}
      ${n <= 92
        ? values.map((_, i) => svg`<rect x=${pc((i / n) * 100)} width=${pc(100 / n)} y="0" height="100%" class="hit"><title>${series.title(i)}</title></rect>`)
        : nothing}
    </svg>`;
}

/** A value per week as columns; a withheld week is a hatched slot. The latest value shown is stressed. */
export function columns(
  series: Series,
  max = niceMax(Math.max(0, ...series.values.filter((v): v is number => v !== null))),
  /** The column drawn darker: the one the figure above the chart speaks of (by default the latest shown). */
  latest = series.values.reduce<number>((found, v, i) => (v === null ? found : i), -1),
) {
  const { values } = series;
  const n = values.length;
  const slot = 100 / n;
  const width = slot * 0.62;
  return html`<svg class="marks" aria-hidden="true" focusable="false">
    ${values.map((v, i) => {
      const x = pc(i * slot + (slot - width) / 2);
      if (v === null) return svg`<rect x=${x} width=${pc(width)} y="0" height="100%" class="gap"><title>${series.title(i)}</title></rect>`;
      const h = Math.max(1.5, (v / max) * 100);
      return svg`<rect x=${x} width=${pc(width)} y=${pc(100 - h)} height=${pc(h)} class=${i === latest ? 'col latest' : 'col'}><title>${series.title(i)}</title></rect>`;
    })}
    <line x1="0" x2="100%" y1="100%" y2="100%" class="base"></line>
  </svg>`;
}

/** Horizontal bars with their names and values, longest scale first (ideas by status, contributors by kind). */
export function bars(rows: { name: string; value: number | null; className?: string }[], withheld: string, format: (v: number) => string) {
  const max = Math.max(1, ...rows.map((r) => r.value ?? 0));
  return html`<ul class="bars" role="list">
    ${rows.map(
      (row) => html`<li class=${row.className ?? ''}>
        <span class="name">${row.name}</span>
        <svg class="bar" aria-hidden="true" focusable="false">
          ${row.value === null
            ? svg`<rect width="100%" height="100%" rx="3" class="gap"></rect>`
            : svg`<rect width=${pc((row.value / max) * 100)} height="100%" rx="3" class="fill"></rect>`}
        </svg>
        <span class=${row.value === null ? 'n withheld' : 'n'}>${row.value === null ? html`—<span class="sr-only"> ${withheld}</span>` : format(row.value)}</span>
      </li>`,
    )}
  </ul>`;
}

/** A share (0–1) as a ring, its value in the middle. */
export const ring = (share: number, text: string) =>
  html`<span class="ring" aria-hidden="true">
    <svg viewBox="0 0 42 42" focusable="false">
      <circle cx="21" cy="21" r="15.915" class="track"></circle>
      <circle cx="21" cy="21" r="15.915" class="within" stroke-dasharray="${share * 100} ${100 - share * 100}" stroke-dashoffset="25"></circle>
    </svg>
    <span>${text}</span>
  </span>`;

/**
 * Time to first answer on one axis: half the questions answered within the median, nine in ten
 * within the 90th percentile, and the space's promise as a dashed line.
 */
export function answerTimes(median: number, p90: number, promise: number | null, max: number) {
  const at = (h: number) => pc((h / max) * 100);
  return html`<svg class="times" aria-hidden="true" focusable="false">
    <rect x="0" y="30%" width="100%" height="40%" rx="4" class="track"></rect>
    <rect x=${at(median)} y="30%" width=${pc(((p90 - median) / max) * 100)} height="40%" class="p90"></rect>
    <rect x="0" y="30%" width=${at(median)} height="40%" rx="4" class="median"></rect>
    ${promise ? svg`<line x1=${at(promise)} x2=${at(promise)} y1="0" y2="100%" class="promise"></line>` : nothing}
  </svg>`;
}
