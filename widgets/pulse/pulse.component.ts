import { html, nothing } from 'lit';
import type { Pulse } from '../../shared/api-types.ts';
import { ApiError } from '../shared/api.ts';
import { RucheElement } from '../shared/element.ts';
import { failureNotice, type ReadFailure } from '../shared/failure.ts';
import { loadOnce } from '../shared/load-once.ts';
import { Reading } from '../shared/reading.ts';
import { baseStyles } from '../shared/styles.ts';
import type { ModerationDesk } from '../moderation/desk.ts';
import type { Figures } from './figures.ts';
import { messages, type Messages } from './messages.ts';
import { styles } from './pulse.styles.ts';

/** Whole weeks before the week under way: the API offers no other periods (no two differ by a day). */
export type Period = '4w' | '12w' | '26w' | '52w';
const PERIODS: Period[] = ['4w', '12w', '26w', '52w'];

/**
 * The engagement pulse of a space — or, for administrators, of the whole intranet: readers,
 * contributors, their ratio, answer times, ideas by status and a weekly trend, drawn as small
 * charts. Aggregates only: the API withholds any figure over fewer than five people, and the
 * widget says so where the figure would be.
 *
 * This chunk is the frame (title, period, scope, loading and errors). The figures and charts
 * (figures.ts) load at once beside the first request; the explanation of what is measured when
 * asked for; the moderation desk (../moderation/desk.ts) only for the space's stewards.
 *
 * @summary Engagement figures of a space: readers, contributors, answer times, ideas, trend.
 * @attr space - the space slug (default: the provider's, else the server's default space)
 * @attr scope - "site": the whole intranet (administrators only; others see the space's)
 * @attr period - the last 4w (default), 12w, 26w or 52w whole weeks
 * @attr weeks - weeks of trend (default: 12, or the period's weeks when longer)
 * @attr lang - fr or en (default: the provider's, then the signed-in person's, then the page's)
 * @attr theme - light (default), dark or auto
 * @csspart base - the whole widget
 * @csspart header - the title and the period
 */
export class RuchePulse extends RucheElement {
  static override styles = [baseStyles, styles];
  static override translations = [messages];
  static override properties = {
    ...RucheElement.properties,
    period: {},
    scope: {},
    weeks: { type: Number },
    data: { state: true },
    failure: { state: true },
    loading: { state: true },
    tab: { state: true },
  };

  declare period: Period;
  declare scope: 'space' | 'site' | null;
  declare weeks: number | null;
  /** The figures shown; kept while those of another period load. */
  declare data: Pulse | null;
  /** Why the figures could not be read. */
  declare failure: ReadFailure | null;
  declare loading: boolean;
  declare tab: 'activity' | 'moderation';

  figures: Figures | null = null;
  desk: ModerationDesk | null = null;
  /** Who looks, learnt after the first figures: admins may see the whole site, stewards moderate. */
  viewer: { isAdmin: boolean; canSteward: boolean } | null = null;
  private signedOut: string | null = null;
  private notice = '';
  private loadedWith = '';

  constructor() {
    super();
    this.period = '4w';
    this.scope = null;
    this.weeks = null;
    this.data = null;
    this.failure = null;
    this.loading = false;
    this.tab = 'activity';
  }

  get m(): Messages {
    return messages.in(this.language);
  }

  get site(): boolean {
    return this.scope === 'site';
  }

  protected contextChanged(): void {
    // Another person: their rights are learnt again.
    this.viewer = null;
    this.desk = null;
    this.figures?.personChanged();
    this.tab = 'activity';
    void this.load();
  }

  protected override willUpdate(): void {
    // space, scope, period or weeks changed since the last load: read again (before this render).
    if (this.ctx && this.loadedWith !== this.query()) void this.load();
  }

  private query(): string {
    return JSON.stringify([this.ctx?.api, this.spaceSlug, this.site, this.period, this.weeks]);
  }

  /** The figures' code, asked for with the first figures (not after them). */
  private readonly loadFigures = loadOnce(() => import('./figures.ts').then(async ({ Figures }) => (this.figures = await Figures.for(this))));

  async load(): Promise<void> {
    if (this.ctx) return this.reading.run();
  }

  /** The figures; or why there are none for this person (not signed in; the whole site, for admins only). */
  private readonly reading = new Reading<{ data: Pulse } | { signedOut: string } | { adminOnly: true }>(
    this,
    async (signal) => {
      const { client, identity } = this.context;
      this.loadedWith = this.query();
      const period = PERIODS.includes(this.period) ? this.period : '4w';
      // The trend covers the period at least.
      const weeks = this.weeks || Math.max(12, parseInt(period));
      const where = this.site ? { site: 'true' as const } : { space: this.spaceSlug };
      this.loading = true;
      const signIn = async () => ({ signedOut: (await client.authMode()) === 'demo' ? this.m.signInDemo : this.m.signIn });
      // Nobody signed in: the pulse is for people of the intranet, so ask them to sign in, without a
      // request that could only be refused.
      if ((await identity.token()) === null) return signIn();
      try {
        const [data] = await Promise.all([client.get('/api/pulse', { ...where, period, weeks }, signal), this.loadFigures()]);
        return { data };
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return signIn();
        if (error instanceof ApiError && error.code === 'admin_only') return { adminOnly: true as const };
        throw error;
      }
    },
    (read) => {
      this.loading = false;
      if ('data' in read) {
        this.failure = this.signedOut = null;
        this.data = read.data;
        if (!this.viewer) void this.learnViewer(read.data);
      } else if ('signedOut' in read) {
        this.signedOut = read.signedOut;
        this.data = null;
      } else {
        this.notice = this.m.adminOnly;
        this.scope = 'space';
      }
    },
    (failure) => {
      this.loading = false;
      this.failure = failure;
      // Refused (no access here): the figures shown were another's to read; nothing more is asked.
      if (!failure.retry) {
        this.data = null;
        this.desk = null;
        this.viewer = null;
      }
    },
  );

  /** Is this person an administrator (the whole site), a steward of the space (the moderation desk)? */
  private async learnViewer(data: Pulse): Promise<void> {
    const { client } = this.context;
    const space = data.scope.kind === 'space' ? data.scope.space.slug : this.spaceSlug;
    const [me, settings] = await Promise.all([
      client.get('/api/me'),
      client.get('/api/moderation/settings', { space }),
    ]).catch(() => [null, null] as const);
    if (!me || !settings) return;
    this.viewer = { isAdmin: me.isAdmin, canSteward: settings.canSteward };
    this.requestUpdate();
    // The desk's code never reaches anyone else.
    if (settings.canSteward) {
      const { ModerationDesk } = await import('../moderation/desk.ts');
      this.desk = await ModerationDesk.for(this, settings);
      this.requestUpdate();
    }
  }

  /** Buttons of which one is pressed: the period, the scope, the view. */
  private choice<T extends string>(label: string, options: [T, string][], current: T, choose: (value: T) => void, part = 'seg') {
    return html`<div class=${part} role="group" aria-label=${label}>
      ${options.map(
        ([value, text]) => html`<button class="link" aria-pressed=${value === current ? 'true' : 'false'} @click=${() => choose(value)}>${text}</button>`,
      )}
    </div>`;
  }

  override render() {
    const m = this.m;
    const data = this.data;
    const site = data?.scope.kind === 'site';
    const name = data?.scope.kind === 'space' ? data.scope.space.name : site ? m.wholeSite : '';
    const desk = this.desk && !this.site ? this.desk : null;
    const moderating = desk && this.tab === 'moderation';
    // No access here: no period to choose, only the sentence.
    const refused = this.failure?.retry === false;
    return html`<section class="root" part="base" aria-labelledby="heading" aria-busy=${this.loading && !data ? 'true' : 'false'}>
      <header class="top" part="header">
        <div class="titles">
          <p class="kicker">${m.dashboard}${name ? html` · <span>${name}</span>` : nothing}</p>
          <h3 id="heading" tabindex="-1">${site ? m.titleSite : m.title}</h3>
        </div>
        ${this.viewer?.isAdmin
          ? this.choice(m.scopeLabel, [['space', m.thisSpace], ['site', m.wholeSite]], this.site ? 'site' : 'space', (scope) => {
              this.notice = '';
              this.scope = scope;
            })
          : nothing}
        ${moderating || refused ? nothing : this.choice(m.periodLabel, PERIODS.map((p) => [p, m.periods[p]]), this.period, (period) => (this.period = period))}
      </header>
      ${desk
        ? this.choice(m.tabsLabel, [['activity', m.activity], ['moderation', desk.tabLabel()]], this.tab, (tab) => (this.tab = tab), 'tabs')
        : nothing}
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${moderating ? desk.render() : this.activity()}
    </section>`;
  }

  private activity() {
    const data = this.data;
    if (this.signedOut) return html`<p class="notice">${this.signedOut}</p>`;
    const failure = this.failure ? failureNotice(this.failure, this.m.retry, () => void this.reading.run()) : nothing;
    if (!data || !this.figures) {
      return this.failure
        ? failure
        : html`<div class="skeleton" aria-hidden="true"><span></span>${[1, 2, 3, 4].map(() => html`<span></span>`)}<span></span></div>`;
    }
    return html`${failure}<div class="figures ${this.loading ? 'stale' : ''}" aria-busy=${this.loading ? 'true' : 'false'}>${this.figures.render(data)}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ruche-pulse': RuchePulse;
  }
}
