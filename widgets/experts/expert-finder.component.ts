import { html, nothing, type ReactiveController } from 'lit';
import type { ExpertSearch } from '../../shared/api-types.ts';
import { ApiError } from '../shared/api.ts';
import { RucheElement } from '../shared/element.ts';
import { failureNotice, type ReadFailure } from '../shared/failure.ts';
import { Reading } from '../shared/reading.ts';
import { errorMessage, plural } from '../shared/i18n.ts';
import { baseStyles } from '../shared/styles.ts';
import { styles } from './expert-finder.styles.ts';
import { messages, type Messages } from './finder.messages.ts';

/**
 * A part of the finder whose code loads when first shown: the ask form, the questions for experts,
 * my profile. Each is a controller of the finder, and says in its own file what it needs of it
 * (AskHost, QuestionsHost, MyProfileHost): the finder answers them all, and no part imports it.
 */
export interface Part extends ReactiveController {
  render(): unknown;
  /** Called when the person changes, and on each poll for the questions. */
  load(): unknown;
  /** Another topic is searched. */
  searched?(q: string): void;
}

type View = 'find' | 'questions' | 'profile';
const parts = {
  ask: () => import('./ask.ts'),
  questions: () => import('./questions.ts'),
  profile: () => import('./my-profile.ts'),
};

/** A message with its `%` replaced by a topic as typed (never read as a replacement pattern). */
const fill = (text: string, topic: string) => text.split('%').join(topic);

/** The result cards, and the words of their reasons: loaded with the first search, alongside it. */
const loadCards = () =>
  import('./person.ts').then((person) => {
    person.define();
    return person.loadReasons();
  });

/** Experts have no live event to hear questions by: the finder asks for news this often. */
const POLL_MS = 60_000;

/**
 * Who knows about a topic: a search box and the people found, each with why; asking the experts
 * when no one's answer is at hand; the questions one was asked as an expert; one's own profile.
 * With `topic`, a fixed topic (a help page's "Who can help you?"), without the search box.
 *
 * @summary Expert finder.
 * @attr topic - a fixed topic: no search box, the first experts on it and a way to ask them
 * @attr query - a search to start with
 * @attr suggestions - topics offered before a search, comma-separated
 * @attr limit - how many people to show (default 10; 3 with a topic)
 * @attr space - the space whose posts count and where questions are asked (default: the provider's, else the server's default space)
 * @attr lang - fr or en (default: the provider's, then the signed-in person's, then the page's)
 * @attr theme - light (default), dark or auto
 * @csspart base - the whole widget
 * @csspart heading - the title
 */
export class RucheExpertFinder extends RucheElement {
  static override styles = [baseStyles, styles];
  static override translations = [messages];
  static override properties = {
    ...RucheElement.properties,
    topic: {},
    query: {},
    suggestions: {},
    limit: { type: Number },
    found: { state: true },
    failure: { state: true },
    view: { state: true },
    unread: { state: true },
    unusable: { state: true },
    farewellNote: { state: true },
  };

  declare topic: string | null;
  declare query: string | null;
  declare suggestions: string | null;
  declare limit: number | null;
  /** The last search's answer; null before any, or while the first one runs. */
  declare found: ExpertSearch | null;
  /** Why the last search failed (worth trying again: a refusal makes the finder unusable). */
  declare failure: ReadFailure | null;
  declare view: View;
  /** Questions for me not read yet. */
  declare unread: number;
  /** Why the finder cannot be used here: nobody is signed in, or its space is not open to this person. */
  declare unusable: string | null;
  /** Said once the person erased their account (widgets/privacy/my-data.ts). */
  declare farewellNote: string | null;

  searching = '';
  /** The `topic` or `query` attribute at the last render (undefined before the first). */
  private asked: string | null | undefined;
  /** The parts loaded so far, by name. */
  readonly parts = new Map<keyof typeof parts, Part>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.topic = this.query = this.suggestions = this.limit = this.found = this.failure = this.unusable = this.farewellNote = null;
    this.view = 'find';
    this.unread = 0;
  }

  get m(): Messages {
    return messages.in(this.language);
  }

  /** The topic being looked at: the fixed one, else the last search. */
  get subjectTopic(): string {
    return this.topic ?? this.found?.query ?? this.searching;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => this.ctx && !document.hidden && !this.unusable && this.poll(), POLL_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  protected async contextChanged(): Promise<void> {
    this.reading.cancel(); // a search for the person before is not shown
    const current = this.reading.current();
    const { client, identity } = this.context;
    this.unusable = null;
    if (!(await identity.token())) {
      const mode = await client.authMode();
      if (!current()) return;
      // Behind an SSO proxy, requests are signed in without a token.
      if (mode !== 'header') return this.signedOut(mode);
    }
    this.farewellNote = null; // someone signed in again
    for (const part of this.parts.values()) part.load();
    const q = this.topic ?? (this.searching || this.query);
    if (q) void this.search(q);
    this.poll();
  }

  protected override willUpdate(): void {
    // A topic or a search the page changed once the finder was there (the first one is searched
    // when the person is known, in contextChanged).
    const asked = this.topic ?? this.query;
    if (this.asked !== undefined && asked && asked !== this.asked && this.ctx && !this.unusable) void this.search(asked);
    this.asked = asked;
  }

  private signedOut(mode: string | null): void {
    this.refuse(mode === 'demo' ? this.m.signInDemo : this.m.signIn);
  }

  /** The finder cannot be used here: says why instead, and asks nothing more (no search, no polling). */
  private refuse(why: string): void {
    this.unusable = why;
    this.found = null;
    this.view = 'find';
    this.unread = 0;
  }

  /** The person erased their account: the finder says so, and goes on as for someone signed out. */
  farewell(text: string): void {
    this.farewellNote = text;
    // Their controllers stay with the finder, idle (they only stop their timers when it goes):
    // taking them off too would weigh on every page with a finder, for a thing done once.
    this.parts.clear();
    this.view = 'find';
    this.context.identity.signOut();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.farewell')?.focus());
  }

  /** Handles a refused request: a visitor not signed in is invited to; anything else is said where it happened. */
  async failed(error: unknown): Promise<string | null> {
    if (error instanceof ApiError && error.status === 401) {
      this.signedOut(await this.context.client.authMode());
      return null;
    }
    return errorMessage(error, this.language);
  }

  async search(q: string): Promise<void> {
    q = q.trim();
    if (!q || !this.ctx) return;
    if (q !== this.searching) for (const part of this.parts.values()) part.searched?.(q);
    this.searching = q;
    return this.reading.run();
  }

  /** The search for `searching`; a visitor not signed in (401) is invited to sign in instead. */
  private readonly reading = new Reading(
    this,
    async (signal) => {
      const q = this.searching;
      this.failure = null;
      if (this.found?.query !== q) this.found = null;
      this.requestUpdate();
      try {
        const [found] = await Promise.all([
          this.context.client.get('/api/experts', { q, space: this.spaceSlug, limit: this.limit ?? (this.topic ? 3 : 10) }, signal),
          loadCards(),
        ]);
        // One does not look for oneself.
        found.results = found.results.filter((r) => !r.profile.isMe);
        return found;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return error;
        throw error;
      }
    },
    (found) => {
      if (found instanceof ApiError) void this.failed(found);
      else this.found = found;
    },
    (failure) => {
      // Refused (its space is not open to this person): one sentence, and nothing more is asked.
      if (failure.retry) this.failure = failure;
      else this.refuse(failure.text);
    },
  );

  private poll(): void {
    if (this.topic) return; // a help page's box shows no questions
    void this.context.client.get('/api/experts/notifications', { unread: 'true', limit: 1 }).then(
      (news) => (this.unread = news.unreadCount),
      () => {},
    );
    if (this.view === 'questions') this.parts.get('questions')?.load();
  }

  /** Loads a part (once) and shows it. */
  async open(name: keyof typeof parts, view?: View): Promise<void> {
    if (!this.parts.has(name)) {
      const module = await parts[name]();
      if ('translations' in module) await module.translations.ready(this.language); // its words in English first
      if (!this.parts.has(name)) this.parts.set(name, new module.default(this));
    }
    if (view) this.view = view;
    this.requestUpdate();
  }

  private submit(event: Event): void {
    event.preventDefault();
    void this.search(new FormData(event.target as HTMLFormElement).get('q') as string);
  }

  override render() {
    const m = this.m;
    const topic = this.topic;
    const views: [View, string][] = [
      ['find', m.find],
      ['questions', m.questions],
      ['profile', m.profile],
    ];
    return html`<section class="root" part="base" aria-labelledby="heading">
      <header class="top">
        <h3 id="heading" part="heading">${topic ? m.topicTitle : m.title}</h3>
        ${topic || this.unusable
          ? nothing
          : html`<div class="views" role="group" aria-label=${m.views}>
              ${views.map(
                ([view, label]) =>
                  html`<button class="link" aria-pressed=${this.view === view ? 'true' : 'false'} @click=${() => (view === 'find' ? (this.view = view) : this.open(view, view))}>
                    ${label}${view === 'questions' && this.unread
                      ? html` <span class="badge" aria-hidden="true">${this.unread}</span><span class="sr-only">(${plural(this.unread, this.language, m.unread)})</span>`
                      : nothing}
                  </button>`,
              )}
            </div>`}
      </header>
      ${this.farewellNote ? html`<p class="notice farewell" role="status" tabindex="-1">${this.farewellNote}</p>` : nothing}
      ${this.unusable
        ? html`<p class="notice">${this.unusable}</p>`
        : this.view === 'find'
          ? this.renderFind(m)
          : this.parts.get(this.view)?.render()}
    </section>`;
  }

  private renderFind(m: Messages) {
    const lang = this.language;
    const { found, topic } = this;
    const busy = !this.failure && (!found || found.query !== this.searching);
    const suggestions = this.suggestions?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
    return html`${topic
        ? html`<p class="lead">${fill(m.topicIntro, topic)}</p>`
        : html`<form class="search" role="search" @submit=${this.submit}>
            <label class="sr-only" for="q">${m.label}</label>
            <input id="q" name="q" type="search" autocomplete="off" .value=${this.searching || this.query || ''} placeholder=${m.placeholder} />
            <button class="btn primary">${m.find}</button>
          </form>`}
      ${this.failure ? failureNotice(this.failure, m.retry, () => void this.search(this.subjectTopic)) : nothing}
      <div role="status">
        ${!this.searching
          ? html`<p class="lead">${m.intro}</p>
              ${suggestions.length
                ? html`<p class="try">${m.tryThese} ${suggestions.map((s) => html`<button class="chip" @click=${() => this.search(s)}>${s}</button>`)}</p>`
                : nothing}`
          : found && !busy && !topic
            ? html`<p class="count">
                ${fill(plural(found.results.length, lang, m.results), found.query)}
                ${found.skills[0] ? html`<span>${m.matched} ${found.skills.map((s) => s.label).join(', ')}</span>` : nothing}
              </p>`
            : nothing}
      </div>
      ${this.searching && !this.failure
        ? found?.results.length || busy
          ? html`<ol class="results" aria-busy=${busy ? 'true' : 'false'}>
              ${found?.results.map((result) => html`<li><ruche-person .result=${result} theme=${this.theme ?? nothing}></ruche-person></li>`) ??
              [1, 2, 3].slice(0, topic ? 2 : 3).map(() => html`<li class="bone"></li>`)}
            </ol>`
          : html`<p class="empty">${fill(m.none, found!.query)}</p>`
        : nothing}
      ${this.searching && found
        ? (this.parts.get('ask')?.render() ??
          html`<p class="ask"><b>${m.askTitle}</b> <button class="btn" @click=${() => this.open('ask')}>${m.ask}</button></p>`)
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ruche-expert-finder': RucheExpertFinder;
  }
}
