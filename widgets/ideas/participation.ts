import { css, html, nothing, type ReactiveController } from 'lit';
import type { Idea, IdeaLiveEvent, IdeaVoteState } from '../../shared/api-types.ts';
import { ApiError } from '../shared/api.ts';
import { errorMessage, plural } from '../shared/i18n.ts';
import type { QueryOf } from '../shared/routes.ts';
import type { DetailHost } from './detail.ts';
import type { NewsHost } from './news.ts';
import { fill, type IdeaBoxView, type ViewName, type Votable } from './parts.ts';
import type { SubmitHost } from './submit.ts';

/** Live status changes are followed for the first ideas of the list (a live stream takes 50 subjects). */
const LIVE_IDEAS = 20;

// A few words, both languages here (as like/people.ts does): too few for a chunk of their own.
const words = {
  fr: {
    news: 'Nouvelles de vos idées',
    unread: ['# nouvelle', '# nouvelles'],
    back: 'Toutes les idées',
    removeTag: 'Retirer le filtre « # »',
    signIn: 'Connectez-vous à l’intranet pour voter et proposer des idées.',
    signInDemo: 'Choisissez d’abord qui vous êtes (« Vous êtes : » en haut de la page).',
    closed: 'La campagne est close : les votes et les nouvelles idées ne sont plus acceptés.',
    merged: 'Cette idée vient d’être fusionnée avec une autre : votez pour l’idée d’origine.',
  },
  en: {
    news: 'News on your ideas',
    unread: ['# new', '# new'],
    back: 'All ideas',
    removeTag: 'Remove the filter “#”',
    signIn: 'Sign in to the intranet to vote and suggest ideas.',
    signInDemo: 'First pick who you are (“You are:” at the top of the page).',
    closed: 'The campaign is closed: votes and new ideas are no longer accepted.',
    merged: 'This idea was just merged into another one: vote for the original idea.',
  },
};

/**
 * What taking part needs of <ruche-idea-box>: the list and its paging, the view open, the topic
 * filtered on, the status region, and everything the views it opens need (they open on this host).
 */
export interface ParticipationHost extends SubmitHost, DetailHost, NewsHost {
  readonly isConnected: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The first page's read: a next page is dropped when that one is read again. */
  readonly reading: { current(): () => boolean };
  /** What the list is asked for (pages after the first add a cursor). */
  readonly params: Omit<QueryOf<'GET', '/api/ideas'>, 'cursor'>;
  ideas: Idea[];
  nextCursor: string | null;
  view: ViewName | null;
  tag: string;
  announcement: string;
  readonly busy: Set<string>;
  /** This participation, once loaded: the views reach it through their host. */
  readonly participation: Participation | null;
}

export async function load(host: ParticipationHost): Promise<Participation> {
  return new Participation(host, await host.context.client.authMode());
}

/**
 * Taking part in an idea box: voting (one click, shown at once, rolled back with the reason if
 * refused), opening the views over the list, following live status changes, the count of unread
 * news. Loaded for someone signed in, or with an anonymous visitor's first click.
 */
export class Participation implements ReactiveController {
  readonly views: Partial<Record<ViewName, IdeaBoxView>> = {};
  /** The view to go back to from the one open, and where focus goes back to when the views close. */
  private previous: ViewName | null = null;
  private returnTo = '#heading';
  /** Unread news on the person's ideas. */
  unread = 0;
  private live: Promise<typeof import('../shared/live.ts')> | null = null;
  private readonly following = new Map<string, () => void>();

  constructor(
    private readonly host: ParticipationHost,
    private readonly authMode: string | null,
  ) {
    host.addController(this);
    host.addStyles(css`
      .count {
        padding: 0 0.5em;
        border-radius: 1em;
        background: var(--_accent);
        color: var(--_on-accent);
      }
    `);
  }

  hostDisconnected(): void {
    // Out of the page, nobody reads its live status changes: stop following them.
    this.follow(false);
  }

  get w() {
    return words[this.host.language];
  }

  /** The list was read: follow its ideas, count the unread news. */
  loaded(): void {
    const { host } = this;
    this.follow(true);
    void host.context.client.get('/api/ideas/news', { space: host.page!.space.slug, limit: 1 }).then(
      (news) => {
        this.unread = news.unreadCount;
        host.requestUpdate();
      },
      () => {},
    );
  }

  /** The next page of ideas, after those shown (some may have moved up meanwhile: shown once). */
  async more(): Promise<void> {
    const { host } = this;
    const current = host.reading.current();
    host.notes.delete('more');
    this.setBusy('more', true);
    try {
      const page = await host.context.client.get('/api/ideas', { ...host.params, cursor: host.nextCursor });
      if (!current()) return;
      host.ideas = [...host.ideas, ...page.ideas.filter((idea) => !this.find(idea.id))];
      host.nextCursor = page.nextCursor;
      this.follow(true);
    } catch (error) {
      host.note('more', errorMessage(error, host.language));
    } finally {
      this.setBusy('more', false);
    }
  }

  /** Another person: the idea open is read again as them, other views close. */
  personChanged(): void {
    const { host } = this;
    const open = this.views.idea?.idea;
    if (host.view === 'idea' && open) void this.views.idea!.open(open.id).then(() => host.requestUpdate());
    else host.view = this.previous = null;
  }

  /** Follows (or stops following) live status changes of the ideas listed and of the idea open, on the page's one live stream. */
  follow(on: boolean): void {
    const { host } = this;
    const wanted = new Set(on && host.isConnected ? host.ideas.slice(0, LIVE_IDEAS).map((idea) => idea.subjectKey) : []);
    const open = this.views.idea?.idea;
    if (open && on) wanted.add(open.subjectKey);
    for (const [subject, stop] of this.following) {
      if (!wanted.has(subject)) {
        stop();
        this.following.delete(subject);
      }
    }
    if (!wanted.size) return;
    const { client } = host.context;
    const space = host.spaceSlug;
    void (this.live ??= import('../shared/live.ts')).then(({ LiveEvents }) => {
      for (const subject of wanted) {
        if (this.following.has(subject) || !host.isConnected) continue;
        this.following.set(
          subject,
          LiveEvents.for(client).subscribe(space, subject, (event) => {
            const change = event as unknown as IdeaLiveEvent;
            if (change.type !== 'idea.status') return;
            const { ideaId, status, statusReason, statusReasonTree, mergedInto, voteCount } = change;
            this.patch(ideaId, { status, statusReason, statusReasonTree, mergedInto, voteCount, statusChangedAt: change.change.at });
            if (this.views.idea?.idea?.id === ideaId) this.views.idea.changed?.(change);
          }),
        );
      }
    });
  }

  /** Applies a change of an idea wherever it is shown: the list and the view open. */
  patch(id: string, changes: Partial<Idea>): void {
    const { host } = this;
    for (const idea of [this.find(id), host.view && this.views[host.view]?.idea]) {
      if (idea && idea.id === id) Object.assign(idea, changes);
    }
    host.requestUpdate();
  }

  signInText(): string {
    return this.authMode === 'demo' ? this.w.signInDemo : this.w.signIn;
  }

  async vote(idea: Votable, noteKey = `v:${idea.id}`): Promise<void> {
    const { host } = this;
    const viewer = host.page!.viewer;
    const busy = `vote:${idea.id}`;
    if (host.busy.has(busy)) return;
    host.notes.delete(noteKey);
    if (!viewer.id) return host.note(noteKey, this.signInText(), false);
    if (!viewer.canVote) return host.note(noteKey, this.w.closed);
    const before = { voteCount: idea.voteCount, votedByMe: idea.votedByMe };
    const votedByMe = !before.votedByMe;
    const show = (state: IdeaVoteState) => {
      Object.assign(idea, state);
      this.patch(idea.id, state);
    };
    this.setBusy(busy, true);
    show({ votedByMe, voteCount: before.voteCount + (votedByMe ? 1 : -1) });
    try {
      show(await host.context.client.request(votedByMe ? 'PUT' : 'DELETE', '/api/ideas/:id/vote', { query: { id: idea.id } }));
    } catch (error) {
      show(before);
      const code = error instanceof ApiError ? error.code : '';
      host.note(
        noteKey,
        code === 'campaign_closed' ? this.w.closed : code === 'idea_merged' ? this.w.merged : (error as ApiError).status === 401 ? this.signInText() : errorMessage(error, host.language),
      );
    } finally {
      this.setBusy(busy, false);
    }
  }

  /** Opens the submit form, an idea (by id) or the news, loading its code the first time. */
  async open(name: ViewName, id?: string): Promise<void> {
    const { host } = this;
    const from = host.view;
    if (name !== 'idea' && !host.page?.viewer.id) return host.note('top', this.signInText(), false);
    host.notes.delete('top');
    this.setBusy('open', true);
    try {
      const module = await (name === 'submit' ? import('./submit.ts') : name === 'news' ? import('./news.ts') : import('./detail.ts'));
      const view = (this.views[name] ??= await module.load(host));
      await view.open(id);
      if (!from) this.returnTo = id ? `#i-${id} .title` : `.${name}-button`;
      else if (from !== name) this.previous = from;
      host.view = name;
      if (name === 'idea') this.follow(true);
      await host.updateComplete;
      this.focusIn('.view h3');
    } catch (error) {
      host.note(from ? 'detail' : 'top', errorMessage(error, host.language));
    } finally {
      this.setBusy('open', false);
    }
  }

  /** Back to the view this one was opened from (the news, the form), else to the list. */
  async back(): Promise<void> {
    const { host } = this;
    host.view = this.previous;
    this.previous = null;
    await host.updateComplete;
    this.focusIn(host.view ? '.view h3' : this.returnTo);
  }

  newsButton() {
    const { host } = this;
    if (!host.page?.viewer.id) return nothing;
    return html`<button class="btn news-button" ?disabled=${host.busy.has('open')} @click=${() => this.open('news')}>
      ${this.w.news}${this.unread ? html` <span class="count">${plural(this.unread, host.language, this.w.unread)}</span>` : nothing}
    </button>`;
  }

  /** The topic filtered on, as a chip that removes the filter. */
  tagChip() {
    const { host } = this;
    return host.tag
      ? html`<button class="tag" aria-pressed="true" aria-label=${fill(this.w.removeTag, host.tag)} @click=${() => (host.tag = '')}>${host.tag} ×</button>`
      : nothing;
  }

  find(id: string): Idea | undefined {
    return this.host.ideas.find((idea) => idea.id === id);
  }

  setBusy(key: string, on: boolean): void {
    const { host } = this;
    if (on) host.busy.add(key);
    else host.busy.delete(key);
    host.requestUpdate();
  }

  focusIn(selector: string): void {
    this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Says something to screen readers, through the status region. */
  announce(text: string): void {
    this.host.announcement = text;
    this.host.requestUpdate();
  }

  /** Closes every view (after an idea is published, the form is done with). */
  close(): void {
    this.host.view = this.previous = null;
  }

  backButton() {
    return html`<button class="link back" @click=${() => this.back()}>← ${this.w.back}</button>`;
  }

  /** Escape leaves a view, unless typed in a field (where it may mean something else). */
  escape(event: KeyboardEvent): void {
    const target = event.composedPath()[0] as HTMLElement;
    if (event.key === 'Escape' && !/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) {
      event.stopPropagation();
      void this.back();
    }
  }
}
