import { html, nothing, svg, type TemplateResult } from 'lit';
import type { Idea, IdeaPage, IdeaSort, IdeaStatus } from '../../shared/api-types.ts';
import type { MarkdownTree } from '../../shared/markdown/tree.ts';
import { RucheElement } from '../shared/element.ts';
import { failureNotice, type ReadFailure } from '../shared/failure.ts';
import { Reading } from '../shared/reading.ts';
import { IDEA_STATUSES } from '../shared/idea-statuses.ts';
import { errorMessage, formatCount, plural } from '../shared/i18n.ts';
import { baseStyles } from '../shared/styles.ts';
import { styles } from './idea-box.styles.ts';
import { messages, type Messages } from './messages.ts';
import { authorName, fill, longDate, statusBadge, when, type ViewName, type Votable } from './parts.ts';
import type { Participation } from './participation.ts';

export const icon = (path: TemplateResult, size = 16) => html`<svg viewBox="0 0 24 24" width=${size} height=${size} aria-hidden="true">${path}</svg>`;
const up = svg`<path d="m6 15 6-6 6 6"/>`;
const bubble = svg`<path d="M20 15a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2z"/>`;

type Node = string | Node[] | { c?: Node[]; v?: string; items?: Node[][] };
/** The words of a markdown node as plain text, for excerpts (the idea's view renders the whole tree). */
function plainText(node: Node): string {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map(plainText).join('');
  // A list's items, a block's or a span's content, code; else a line break (or a node from a newer server).
  return node.v ?? (node.c ? plainText(node.c) : node.items ? plainText(node.items.map((item) => [item, ' '])) : ' ');
}
const excerpt = (tree: MarkdownTree) => (tree as Node[]).map(plainText).join(' ').replace(/\s+/g, ' ').trim();

/**
 * An idea box: the ideas of a campaign (`campaign="slug"`) or of the space's always-open box, sorted
 * and filtered, each with its vote button. This chunk only reads. Voting, opening views and live
 * status changes are in participation.ts, loaded for someone signed in or with a first click; the
 * views (submit.ts, detail.ts with steward.ts, news.ts) load when first opened.
 *
 * @summary Idea box with campaigns, votes, statuses decided by stewards, anonymous ideas and news.
 * @attr campaign - a campaign's slug (default: the space's always-open box)
 * @attr space - the space slug (default: the provider's, else the server's default space)
 * @attr sort - trending (default), top or newest
 * @attr lang - fr or en (default: the provider's, then the signed-in person's, then the page's)
 * @attr theme - light (default), dark or auto
 * @csspart base - the whole widget
 * @csspart header - the campaign's question, or the box's title
 * @csspart idea - each idea of the list
 * @csspart vote - vote buttons
 */
export class RucheIdeaBox extends RucheElement {
  static override styles = [baseStyles, styles];
  static override translations = [messages];
  static override properties = {
    ...RucheElement.properties,
    campaign: {},
    sort: {},
    status: { state: true },
    tag: { state: true },
    page: { state: true },
    view: { state: true },
    failure: { state: true },
  };

  declare campaign: string | null;
  declare sort: IdeaSort;
  /** The status shown ('' for all but merged duplicates) and the tag filtered on. */
  declare status: IdeaStatus | '';
  declare tag: string;
  /** The last page read: the box, the viewer's rights, the policy, the counts. Null until loaded. */
  declare page: IdeaPage | null;
  declare view: ViewName | null;
  /** Why the ideas could not be read. */
  declare failure: ReadFailure | null;

  ideas: Idea[] = [];
  nextCursor: string | null = null;
  readonly notes = new Map<string, { text: string; error: boolean }>();
  readonly busy = new Set<string>();
  participation: Participation | null = null;
  private participating: Promise<Participation> | null = null;
  private loadedWith = '';
  /** Said to screen readers through the status region. */
  announcement = '';

  constructor() {
    super();
    this.campaign = null;
    this.sort = 'trending';
    this.status = '';
    this.tag = '';
    this.page = null;
    this.view = null;
    this.failure = null;
  }

  get m(): Messages {
    return messages.in(this.language);
  }

  protected contextChanged(): void {
    this.participation?.personChanged();
    void this.load();
  }

  protected override updated(): void {
    // space, campaign, sort or a filter changed since the last load: read again.
    if (this.ctx && this.loadedWith !== this.query()) void this.load();
  }

  /** What the list is asked for (pages after the first add a cursor). */
  get params() {
    const { spaceSlug: space, campaign, sort, status, tag } = this;
    return { space, campaign, sort, status: status || undefined, tag };
  }

  private query(): string {
    return JSON.stringify([this.ctx?.api, this.params]);
  }

  /** Reads the first page of ideas (the next ones: participation.ts). */
  async load(): Promise<void> {
    if (this.ctx) return this.reading.run();
  }

  /** The first page of ideas; participation.ts drops a next page when this one is read again. */
  readonly reading = new Reading(
    this,
    (signal) => {
      this.loadedWith = this.query();
      return this.context.client.get('/api/ideas', this.params, signal);
    },
    (page) => {
      this.ideas = page.ideas;
      this.nextCursor = page.nextCursor;
      this.failure = null;
      this.page = page;
      // Someone signed in takes part: get ready (live status changes, news, voting).
      if (page.viewer.id) void this.participate().then((p) => p.loaded());
    },
    (failure) => {
      this.failure = failure;
      if (!failure.retry) {
        // Refused (no access, not signed in): what was shown goes, and nothing more is asked.
        this.participation?.follow(false);
        this.page = null;
        this.ideas = [];
        this.view = null;
      }
    },
  );

  /** The code for voting and opening views, loaded once. */
  participate(): Promise<Participation> {
    return (this.participating ??= import('./participation.ts').then(
      async ({ load }) => {
        this.participation = await load(this);
        this.requestUpdate(); // its news button
        return this.participation;
      },
      (error) => {
        this.participating = null;
        this.note('top', errorMessage(error, this.language));
        throw error;
      },
    ));
  }

  vote(idea: Votable, noteKey?: string): void {
    void this.participate().then((p) => p.vote(idea, noteKey));
  }

  /** Shows the ideas of a topic (the chip that removes the filter comes with participation.ts). */
  filter(tag: string): void {
    void this.participate().then(() => (this.tag = tag));
  }

  /** Opens the submit form, an idea (by id) or the news. */
  open(name: ViewName, id?: string): Promise<void> {
    return this.participate().then((p) => p.open(name, id));
  }

  note(key: string, text: string, error = true): void {
    this.notes.set(key, { text, error });
    this.requestUpdate();
  }

  renderNote(key: string) {
    const note = this.notes.get(key);
    return note ? html`<p class=${note.error ? 'alert' : 'note'} role=${note.error ? 'alert' : 'status'}>${note.text}</p>` : nothing;
  }

  voteButton(idea: Votable, noteKey?: string) {
    const m = this.m;
    const lang = this.language;
    const closed = !!this.page?.viewer.id && !this.page.viewer.canVote;
    return html`<button
      class="vote"
      part="vote"
      aria-pressed=${idea.votedByMe ? 'true' : 'false'}
      aria-disabled=${closed ? 'true' : 'false'}
      aria-label=${`${m.vote}, ${plural(idea.voteCount, lang, m.votes)}`}
      @click=${() => this.vote(idea, noteKey)}
    >
      ${icon(up, 18)}<span class="n">${formatCount(idea.voteCount, lang)}</span>
    </button>`;
  }

  override render() {
    const view = this.view && this.participation?.views[this.view];
    // Named after its campaign or its space: two boxes of a page are two landmarks one tells apart.
    const name = this.page ? `${this.m.box} · ${this.page.campaign?.title ?? this.page.space.name}` : this.m.box;
    return html`<section class="root" part="base" aria-label=${name} aria-busy=${this.page || this.failure ? 'false' : 'true'}>
      ${view ? html`<div class="view" @keydown=${(event: KeyboardEvent) => this.participation!.escape(event)}>${view.render()}</div>` : this.renderList()}
      <div class="sr-only" role="status">${this.announcement}</div>
    </section>`;
  }

  private renderList() {
    const m = this.m;
    const lang = this.language;
    const page = this.page;
    if (!page) return this.failure ? failureNotice(this.failure, m.retry, () => void this.reading.run()) : html`<div class="bone"></div>`;
    const { campaign, viewer, statusCounts: counts } = page;
    const all = IDEA_STATUSES.reduce((sum, s) => sum + (s === 'merged' ? 0 : (counts[s] ?? 0)), 0);
    const busy = this.busy.has('open');
    return html`<header part="header">
        <p class="kicker">
          ${campaign ? `${m.campaign} · ${campaign.title}` : page.space.name}
          ${campaign?.closesAt && campaign.open ? ` · ${fill(m.until, longDate(campaign.closesAt, lang))}` : ''}
        </p>
        <h3 id="heading" tabindex="-1">${campaign?.question ?? m.box}</h3>
        <p class="intro">${campaign ? excerpt(campaign.tree) : m.alwaysOpen}</p>
        ${campaign && !campaign.open ? html`<p class="closed">${fill(m.closed, longDate(campaign.closesAt!, lang))}</p>` : nothing}
        <div class="actions">
          ${campaign?.open === false || (viewer.id && !viewer.canSubmit) ? nothing : html`<button class="btn primary submit-button" ?disabled=${busy} @click=${() => this.open('submit')}>${m.propose}</button>`}
          ${this.participation?.newsButton()}
        </div>
        ${this.renderNote('top')}
      </header>
      ${this.failure ? html`<p class="alert" role="alert">${this.failure.text}</p>` : nothing}
      <div class="bar">
        <div class="sort" role="group" aria-label=${m.sortLabel}>
          ${(['trending', 'top', 'newest'] as const).map(
            (sort) => html`<button class="link" aria-pressed=${this.sort === sort ? 'true' : 'false'} @click=${() => (this.sort = sort)}>${m[sort]}</button>`,
          )}
        </div>
        <select aria-label=${m.statusLabel} @change=${(event: Event) => (this.status = (event.target as HTMLSelectElement).value as IdeaStatus)}>
          <option value="">${m.allStatuses} (${all})</option>
          ${IDEA_STATUSES.filter((s) => counts[s]).map((s) => html`<option value=${s} ?selected=${s === this.status}>${m.status[s]} (${counts[s]})</option>`)}
        </select>
        ${this.participation?.tagChip()}
      </div>
      ${this.ideas.length ? html`<ol>${this.ideas.map((idea) => this.renderIdea(idea))}</ol>` : html`<p class="empty">${this.status || this.tag ? m.emptyFilter : m.empty}</p>`}
      ${this.nextCursor
        ? html`<div class="more">
            <button class="btn" ?disabled=${this.busy.has('more')} @click=${() => this.participate().then((p) => p.more())}>${m.more}</button>
            ${this.renderNote('more')}
          </div>`
        : nothing}`;
  }

  private renderIdea(idea: Idea) {
    const m = this.m;
    const lang = this.language;
    const text = excerpt(idea.tree);
    const comments = plural(idea.commentCount, lang, m.comments);
    return html`<li class="idea" id=${`i-${idea.id}`} part="idea">
      ${this.voteButton(idea)}
      <div class="main">
        <h4><button class="title" @click=${() => this.open('idea', idea.id)}>${idea.title}</button></h4>
        ${text ? html`<p class="excerpt">${text}</p>` : nothing}
        <p class="meta">
          ${statusBadge(idea.status, m)}
          ${idea.moderation ? html`<span class="status s-held">${idea.moderation.state === 'pending' ? m.waiting : m.hiddenIdea}</span>` : nothing}
          ${idea.tags.map((tag) => html`<button class="tag" aria-label=${fill(m.tagFilter, tag)} @click=${() => this.filter(tag)}>${tag}</button>`)}
          <span>${authorName(idea, m)}</span> ${when(idea.createdAt, lang, idea.createdAtPrecision === 'day')}
          ${idea.commentCount ? html`<span>${icon(bubble, 13)} <span aria-hidden="true">${idea.commentCount}</span><span class="sr-only">${comments}</span></span>` : nothing}
        </p>
        ${this.renderNote(`v:${idea.id}`)}
      </div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ruche-idea-box': RucheIdeaBox;
  }
}
