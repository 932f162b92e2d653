import { html, nothing, type CSSResultOrNative, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Pulse, PulseFigure } from '../../shared/api-types.ts';
import { avatar } from '../shared/avatar.ts';
import type { RucheContext } from '../shared/context.ts';
import { IDEA_STATUSES } from '../shared/idea-statuses.ts';
import { errorMessage, plural, type Lang } from '../shared/i18n.ts';
import { answerTimes, bars, columns, dayArea, defs, niceMax, ring, type Series } from './charts.ts';
import { messages, type FigureMessages } from './figures.messages.ts';
import { styles } from './figures.styles.ts';

const TREND = ['readersPerDay', 'contributors', 'ratio'] as const;

/** A message with its `{name}`s written in (taken literally: a name may hold '$&'). */
export const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function format<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let found = formats.get(key) as T | undefined;
  if (!found) formats.set(key, (found = make()));
  return found;
}
const number = (n: number, lang: Lang, digits = 0) => format(`n${lang}${digits}`, () => new Intl.NumberFormat(lang, { maximumFractionDigits: digits })).format(n);
const percent = (n: number, lang: Lang) => format(`p${lang}`, () => new Intl.NumberFormat(lang, { style: 'percent' })).format(n);
/** Days are UTC days: written as such, whatever the reader's time zone. */
const day = (iso: string, lang: Lang, long = false) =>
  format(`d${lang}${long}`, () => new Intl.DateTimeFormat(lang, { day: 'numeric', month: long ? 'long' : 'short', year: long ? 'numeric' : undefined, timeZone: 'UTC' })).format(
    new Date(`${iso.slice(0, 10)}T12:00:00Z`),
  );

const shown = <T>(f: PulseFigure<T>): f is { value: T; withheld: null } => f.value !== null && f.withheld === null;

/**
 * The pulse's figures: big numbers each with a plain sentence, the readers of each day, the weekly
 * trend, ideas by status, answer times and the most active contributors who chose to be listed —
 * every chart with a text alternative and its figures as a table. Loaded with the first figures.
 */
/** What the figures need of the pulse that shows them. */
export interface FiguresHost extends ReactiveControllerHost {
  readonly language: Lang;
  readonly context: RucheContext;
  addStyles(styles: CSSResultOrNative): void;
  /** Reads the pulse again (the person changed whether they are listed). */
  load(): Promise<void>;
}

export class Figures implements ReactiveController {
  /** The tables opened ("Voir les chiffres"): drawn only then. */
  private readonly opened = new Set<string>();
  private aboutOpen = false;
  private about: ((lang: Lang) => TemplateResult) | null = null;
  /** The person's choice to be listed among the most active: undefined until asked, null while asking. */
  private privacy: boolean | null | undefined;
  private privacyNote = '';

  static async for(host: FiguresHost): Promise<Figures> {
    await messages.ready(host.language);
    return new Figures(host);
  }

  private constructor(private readonly host: FiguresHost) {
    host.addController(this);
    host.addStyles(styles);
  }

  /** Before each render: when the person changed to English, its words load, then it renders again. */
  hostUpdate(): void {
    messages.ready(this.host.language)?.then(() => this.host.requestUpdate());
  }

  private get m(): FigureMessages {
    return messages.in(this.host.language);
  }

  /** A big figure with its sentence; a withheld one says why it is not shown. */
  private card(label: string, figure: PulseFigure, value: (v: number) => string, sentence: (v: number) => string, extra: unknown = nothing) {
    const m = this.m;
    const ok = shown(figure);
    return html`<div class="card">
      <h4>${label}</h4>
      <p class=${ok ? 'value' : 'value withheld'}>${ok ? value(figure.value) : '—'}</p>
      <p class=${ok ? 'sentence' : 'sentence withheld'}>${ok ? sentence(figure.value) : m.withheld}</p>
      ${extra}
    </div>`;
  }

  /** Hours as one reads them: 40 min, 2.5 h, 48 h, 4.5 d. */
  private duration(hours: number): string {
    const { m, host } = this;
    const lang = host.language;
    if (hours < 1) return m.minutes.replace('#', number(Math.max(1, Math.round(hours * 60)), lang));
    if (hours < 72) return m.hours.replace('#', number(hours, lang, hours < 10 ? 1 : 0));
    return m.days.replace('#', number(hours / 24, lang, 1));
  }

  /** A chart's figures as a table, drawn when asked for. */
  private table(key: string, caption: string, head: string[], rows: string[][]) {
    const open = this.opened.has(key);
    return html`<details
      class="data"
      @toggle=${(event: Event) => {
        if ((event.target as HTMLDetailsElement).open) this.opened.add(key);
        else this.opened.delete(key);
        this.host.requestUpdate();
      }}
    >
      <summary>${this.m.showData}</summary>
      ${open
        ? html`<table>
            <caption class="sr-only">${caption}</caption>
            <thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
            <tbody>${rows.map(([first, ...rest]) => html`<tr><th scope="row">${first}</th>${rest.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody>
          </table>`
        : nothing}
    </details>`;
  }

  private toggleAbout(): void {
    this.aboutOpen = !this.aboutOpen;
    if (this.aboutOpen && !this.about) {
      void import('./about.ts').then(({ about }) => {
        this.about = about;
        this.host.requestUpdate();
      });
    }
    this.host.requestUpdate();
  }

  render(data: Pulse) {
    const m = this.m;
    const lang = this.host.language;
    const site = data.scope.kind === 'site';
    const audience = shown(data.audience) ? data.audience.value : null;
    const fig = (f: PulseFigure) => (shown(f) ? number(f.value, lang, 0) : m.withheldShort);
    const { readers, contributors, ratio, answers } = data;
    return html`${defs}
      <p class="span">
        ${fill(m.span, { from: day(data.period.from, lang, true), to: day(data.period.to, lang, true) })}${audience !== null
          ? html` · ${plural(audience, lang, site ? m.audienceSite : m.audienceSpace)}`
          : nothing}
      </p>
      <div class="trust">
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path d="M12 3 4.5 6v5.5c0 4.6 3.2 8 7.5 9.5 4.3-1.5 7.5-4.9 7.5-9.5V6z" /><path d="m8.8 12 2.2 2.2 4.3-4.4" /></svg>
        <p>${m.trust} <button class="more" aria-expanded=${this.aboutOpen ? 'true' : 'false'} aria-controls="about" @click=${() => this.toggleAbout()}>${m.about}</button></p>
      </div>
      <div id="about" class="about" ?hidden=${!this.aboutOpen}>${this.aboutOpen && this.about ? this.about(lang) : nothing}</div>

      <div class="cards">
        ${this.card(
          m.readers,
          readers.averagePerDay,
          (v) => number(v, lang),
          (v) =>
            fill(audience && shown(readers.peakDay) ? (site ? m.readersSentenceSite : m.readersSentence) : m.readersSentenceShort, {
              share: audience ? percent(Math.min(1, v / audience), lang) : '',
              peak: shown(readers.peakDay) ? number(readers.peakDay.value, lang) : '—',
            }),
        )}
        ${this.card(
          m.contributors,
          contributors.count,
          (v) => number(v, lang),
          () =>
            shown(contributors.shareOfAudience) && audience
              ? fill(site ? m.contributorsSentenceSite : m.contributorsSentence, { share: percent(contributors.shareOfAudience.value, lang), audience: number(audience, lang) })
              : m.contributorsSentenceShort,
        )}
        ${this.card(m.ratio, ratio, (v) => percent(v, lang), () => m.ratioSentence)}
        ${this.card(
          m.answers,
          answers.medianHours,
          (v) => this.duration(v),
          () => fill(m.answersSentence, { p90: shown(answers.p90Hours) ? this.duration(answers.p90Hours.value) : '—' }),
        )}
      </div>

      ${this.daily(data)} ${this.weekly(data)}
      <div class="pair">${this.kinds(data)} ${this.ideas(data)}</div>
      ${this.answerTimes(data)} ${this.top(data)}`;
  }

  private daily(data: Pulse) {
    const m = this.m;
    const lang = this.host.language;
    const days = data.readers.perDay;
    const values = days.map((d) => (shown(d.readers) ? d.readers.value : null));
    const visible = values.filter((v): v is number => v !== null);
    const series: Series = {
      values,
      title: (i) => fill(values[i] === null ? m.dayHidden : m.dayTitle, { day: day(days[i]!.day, lang), n: values[i] ?? '' }),
      format: (v) => number(v, lang, 1),
    };
    const from = day(data.period.from, lang);
    const to = day(data.period.to, lang);
    const alt = fill(m.dailyAlt, {
      from,
      to,
      max: visible.length ? number(Math.max(...visible), lang) : '—',
      min: visible.length ? number(Math.min(...visible), lang) : '—',
      hidden: values.length - visible.length,
    });
    const middle = days[Math.floor((days.length - 1) / 2)]!.day;
    return html`<section class="chart" aria-labelledby="daily">
      <h4 id="daily">${m.daily}</h4>
      <div class="plot area" role="img" aria-label=${alt}>
        ${dayArea(series)} ${visible.length ? nothing : html`<p class="nothing-shown"><span>${m.withheld}</span></p>`}
      </div>
      <div class="axis"><span>${from}</span>${days.length > 2 ? html`<span>${day(middle, lang)}</span>` : nothing}<span>${to}</span></div>
      <p class="caption"><span class="swatch" aria-hidden="true"></span>${fill(m.dailyCaption, { shown: data.readers.daysShown, days: days.length })}</p>
      ${this.table(
        'daily',
        m.daily,
        [m.day, m.readers],
        days.map((d, i) => [day(d.day, lang, true), values[i] === null ? m.withheldShort : number(values[i]!, lang)]),
      )}
    </section>`;
  }

  private weekly(data: Pulse) {
    const m = this.m;
    const lang = this.host.language;
    const weeks = data.trend;
    if (!weeks.length) return nothing;
    const formatOf = (key: (typeof TREND)[number]) => (v: number) => (key === 'ratio' ? percent(v, lang) : number(v, lang));
    const from = day(weeks[0]!.weekStart, lang);
    const to = day(weeks[weeks.length - 1]!.weekStart, lang);
    // The headline is the last week shown (the API's weeks are all over: none is under way).
    const headline = (values: (number | null)[]) => {
      for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return i;
      return -1;
    };
    const minis = TREND.map((key) => {
      const values = weeks.map((w) => (shown(w[key]) ? w[key].value : null));
      const f = formatOf(key);
      const series: Series = {
        values,
        title: (i) => fill(values[i] === null ? m.weekHidden : m.weekTitle, { day: day(weeks[i]!.weekStart, lang), n: values[i] === null ? '' : f(values[i]!) }),
        format: f,
      };
      const at = headline(values);
      const last = at >= 0 ? values[at]! : undefined;
      const alt = fill(m.trendAlt, {
        what: m.trend[key],
        from,
        to,
        values: values.map((v) => (v === null ? m.withheldShort : f(v))).join(', '),
      });
      return html`<div class="mini">
        <h5>${m.trend[key]}</h5>
        <p class="last">${last === undefined ? '—' : f(last)}</p>
        <div class="plot cols" role="img" aria-label=${alt}>${columns(series, key === 'ratio' ? niceMax(Math.max(0.05, ...values.filter((v): v is number => v !== null))) : undefined, at)}</div>
        <div class="axis"><span>${from}</span><span>${to}</span></div>
      </div>`;
    });
    return html`<section class="chart" aria-labelledby="weekly">
      <h4 id="weekly">${m.weekly}</h4>
      <div class="minis">${minis}</div>
      <p class="caption"><span class="swatch" aria-hidden="true"></span>${fill(m.weeklyCaption, { weeks: weeks.length })}</p>
      ${this.table(
        'weekly',
        m.weekly,
        [m.week, ...TREND.map((key) => m.trend[key])],
        weeks.map((w) => [day(w.weekStart, lang, true), ...TREND.map((key) => (shown(w[key]) ? formatOf(key)(w[key].value!) : m.withheldShort))]),
      )}
    </section>`;
  }

  private kinds(data: Pulse) {
    const m = this.m;
    const lang = this.host.language;
    const { count, byKind } = data.contributors;
    return html`<section class="chart" aria-labelledby="kinds">
      <h4 id="kinds">${m.kinds}</h4>
      ${shown(count)
        ? html`<p class="caption">${fill(m.kindsSentence, { n: number(count.value, lang) })}</p>
            ${bars(
              (['posted', 'answered', 'proposed', 'voted'] as const).map((kind) => ({ name: m.byKind[kind], value: byKind[kind].value })),
              m.withheld,
              (v) => number(v, lang),
            )}`
        : html`<p class="sentence withheld">${m.withheld}</p>`}
    </section>`;
  }

  private ideas(data: Pulse) {
    const m = this.m;
    const lang = this.host.language;
    const { total, byStatus } = data.ideas;
    let body: unknown;
    const present = shown(byStatus) ? IDEA_STATUSES.filter((s) => s in byStatus.value) : [];
    if (!shown(byStatus)) body = html`<p class="sentence withheld">${m.withheld}</p>`;
    else if (!present.length) body = html`<p class="sentence">${m.noIdeas}</p>`;
    else {
      // A status over fewer than five authors is withheld (null), and then so may be the total.
      const rows = present.map((s) => ({ name: m.status[s], value: byStatus.value[s] ?? null, className: `s-${s}` }));
      body = html`${shown(total) ? html`<p class="sentence">${plural(total.value, lang, m.ideasTotal)}</p>` : nothing}
        ${bars(rows, m.withheld, (v) => number(v, lang))}`;
    }
    return html`<section class="chart" aria-labelledby="ideas">
      <h4 id="ideas">${m.ideas}</h4>
      ${body}
    </section>`;
  }

  private answerTimes(data: Pulse) {
    const m = this.m;
    const lang = this.host.language;
    const { questions, answered, medianHours, p90Hours, withinPromiseShare, promiseHours } = data.answers;
    const promise = promiseHours ? this.duration(promiseHours) : '';
    // The whole site: each question against its own space's promise.
    const site = data.scope.kind === 'site';
    const counts = shown(questions)
      ? html`<p class="caption">${plural(questions.value, lang, m.questions)}${shown(answered) ? html` · ${plural(answered.value, lang, m.answered)}` : nothing}</p>`
      : nothing;
    const share = !promiseHours && !site
      ? html`<p class="sentence">${m.noPromise}</p>${counts}`
      : shown(withinPromiseShare)
        ? html`<div class="kept">
            ${ring(withinPromiseShare.value, percent(withinPromiseShare.value, lang))}
            <div>
              <p class="sentence"><strong>${percent(withinPromiseShare.value, lang)}</strong> ${site ? m.withinPromiseSite : fill(m.withinPromise, { promise })}</p>
              ${counts}
            </div>
          </div>`
        : counts;
    let times: unknown = html`<p class="sentence withheld">${m.withheld}</p>`;
    if (shown(medianHours) && shown(p90Hours)) {
      const max = niceMax(Math.max(p90Hours.value, promiseHours ?? 0) * 1.08);
      // One unit along the axis: hours (a legend in days beside an axis in hours reads badly).
      const t = (h: number) => (max <= 240 && h >= 1 ? m.hours.replace('#', number(h, lang, h < 10 ? 1 : 0)) : this.duration(h));
      times = html`${answerTimes(medianHours.value, p90Hours.value, promiseHours, max)}
        <div class="axis"><span>0</span><span>${t(max)}</span></div>
        <ul class="legend" role="list">
          <li><span class="key median" aria-hidden="true"></span>${fill(m.half, { t: t(medianHours.value) })}</li>
          <li><span class="key p90" aria-hidden="true"></span>${fill(m.ninety, { t: t(p90Hours.value) })}</li>
          ${promiseHours ? html`<li><span class="key promise" aria-hidden="true"></span>${fill(m.promise, { t: t(promiseHours) })}</li>` : nothing}
        </ul>`;
    }
    return html`<section class="chart" aria-labelledby="answers">
      <h4 id="answers">${m.answerTimes}</h4>
      ${share} ${times}
    </section>`;
  }

  private top(data: Pulse) {
    const m = this.m;
    const lang = this.host.language;
    const top = data.topContributors;
    if (this.privacy === undefined) void this.readPrivacy();
    const list = !shown(top)
      ? html`<p class="sentence withheld">${m.withheld}</p>`
      : !top.value.length
        ? html`<p class="sentence">${m.topEmpty}</p>`
        : html`<ol class="people">
            ${top.value.map(
              (p) => html`<li>
                ${avatar(p.person)}
                <span class="who"><span class="name">${p.person.name}</span>${p.person.dept ? html`<span class="dept">${p.person.dept}</span>` : nothing}</span>
                <span class="what">${(['posts', 'answers', 'ideas'] as const)
                  .filter((k) => p[k])
                  .map((k) => plural(p[k], lang, m.topCounts[k]))
                  .join(' · ')}</span>
              </li>`,
            )}
          </ol>`;
    return html`<section class="chart" aria-labelledby="top">
      <h4 id="top">${m.top}</h4>
      <p class="caption">${m.topNote}</p>
      ${list}
      ${typeof this.privacy === 'boolean'
        ? html`<div class="opt-in">
            <input type="checkbox" id="opt-in" aria-describedby="opt-in-hint" .checked=${this.privacy} @change=${(e: Event) => this.setPrivacy((e.target as HTMLInputElement).checked)} />
            <label for="opt-in">${m.optIn}</label>
            <p id="opt-in-hint" class="caption">${m.optInHint}</p>
            ${this.privacyNote ? html`<p class="alert" role="alert">${this.privacyNote}</p>` : nothing}
          </div>`
        : nothing}
    </section>`;
  }

  private async readPrivacy(): Promise<void> {
    this.privacy = null;
    try {
      this.privacy = (await this.host.context.client.get('/api/me/privacy')).showInTopContributors;
    } catch {
      this.privacy = null; // not signed in: no choice to make here
    }
    this.host.requestUpdate();
  }

  /** Saves the person's choice, then reads the figures again: the list shows it. */
  private async setPrivacy(on: boolean): Promise<void> {
    const { host } = this;
    this.privacyNote = '';
    try {
      const saved = await host.context.client.request('PUT', '/api/me/privacy', { body: { showInTopContributors: on } });
      this.privacy = saved.showInTopContributors;
      await host.load();
    } catch (error) {
      this.privacyNote = errorMessage(error, host.language);
    }
    host.requestUpdate();
  }

  /** Another person: their choice is asked again. */
  personChanged(): void {
    this.privacy = undefined;
  }
}
