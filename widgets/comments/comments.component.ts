import { html, nothing } from 'lit';
import type { Comment, CommentPage, LiveEvent, Thread } from '../../shared/api-types.ts';
import { avatar } from '../shared/avatar.ts';
import { RucheElement } from '../shared/element.ts';
import { failureNotice, type ReadFailure } from '../shared/failure.ts';
import { absoluteDate, errorMessage, plural, relativeDate } from '../shared/i18n.ts';
import { renderMarkdown } from '../shared/markdown.ts';
import { loadOnce } from '../shared/load-once.ts';
import { Reading } from '../shared/reading.ts';
import { readJson, removeKey, writeJson } from '../shared/storage.ts';
import { baseStyles } from '../shared/styles.ts';
import { styles } from './comments.styles.ts';
import { heart, icon } from './icons.ts';
import { messages, type Messages } from './messages.ts';
import { childrenOf, ThreadStore } from './store.ts';
import type { AnswerPromise } from './qa.ts';
import type { Writing } from './writing.ts';
import type { CommentMoves } from '../moderation/comment-moves.ts';

/** A device whose pointer cannot hover (a phone, a tablet), or that has a finger among its pointers. */
const touchScreen = () => matchMedia('(hover: none), (any-pointer: coarse)').matches;

/** Replies deeper than this are shown at this depth, marked with whom they answer. */
const MAX_DEPTH = 3;

type Note = { text: string; error: boolean };

/**
 * A discussion under a page, or its questions and answers (`mode="qa"`).
 *
 * Reading is here, and the composer someone who may write sees at once: a real textarea from the
 * first render, its draft restored, what is typed kept. The rest of writing (publishing, the
 * formatting help, replies, edits, deletion, reports, accepting answers, liking a comment, and their
 * buttons) is in writing.ts, loaded with the first use or as the pointer or the focus comes into the
 * widget: most visitors only read. On a touch screen (no hover) it comes with the comments for
 * someone signed in, so that every move is there from the first render.
 *
 * @summary Threaded comments with a Q&A mode, live updates, drafts, likes and reports.
 * @attr subject - what is discussed (default: the page's canonical address)
 * @attr space - the space slug (default: the provider's, else the server's default space)
 * @attr mode - "qa": top-level posts are questions, replies are answers, one can be accepted
 * @attr lang - fr or en (default: the provider's, then the signed-in person's, then the page's)
 * @attr theme - light (default), dark or auto
 * @attr page-size - threads per page (default 20)
 * @attr sort - newest (default) or oldest
 * @csspart base - the whole widget
 * @csspart heading - the title with the count
 * @csspart composer - the box to write in
 * @csspart comment - each comment (and `accepted-answer` on an accepted answer)
 * @csspart body - the text of a comment
 * @csspart avatar - a person's initials
 */
export class RucheComments extends RucheElement {
  static override styles = [baseStyles, styles];
  static override translations = [messages];
  static override properties = {
    ...RucheElement.properties,
    mode: {},
    pageSize: { attribute: 'page-size', type: Number },
    sort: {},
    page: { state: true },
    failure: { state: true },
    open: { state: true },
  };

  declare mode: string | null;
  declare pageSize: number;
  declare sort: 'newest' | 'oldest';
  /** The last page read: space, subject, viewer (threads live in the store). Null until loaded. */
  declare page: CommentPage | null;
  /** Why the comments could not be read. */
  declare failure: ReadFailure | null;
  /** The one inline form open: `reply:<id>`, `edit:<id>`, `report:<id>` or `delete:<id>`. */
  declare open: string | null;

  // Shared with the writing half (writing.ts).
  readonly store = new ThreadStore();
  nextCursor: string | null = null;
  busy = new Set<string>();
  notes = new Map<string, Note>();
  /** What each box holds: `new`, `reply:<id>`, `edit:<id>`, `report:<id>` (new comments and replies are drafts, kept). */
  readonly texts = new Map<string, string>();
  writing: Writing | null = null;
  /** Q&A mode's answer-time promise (qa.ts, loaded in Q&A mode only). */
  answers: AnswerPromise | null = null;
  /** The stewards' moves under each comment (../moderation/comment-moves.ts, loaded for stewards only). */
  moderating: CommentMoves | null = null;

  private changes: typeof import('./changes.ts') | null = null;
  /** What a held comment tells its author and the stewards (held.ts, loaded when one is there). */
  private heldNotes: typeof import('./held.ts') | null = null;
  private moderatingLoad: Promise<unknown> | null = null;
  private loadedWith = '';
  private drafts = '';
  private held: [LiveEvent, string | null][] = [];
  private stopLive: (() => void) | null = null;
  private authMode: string | null = null;
  private announcement = '';
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.mode = null;
    this.pageSize = 20;
    this.sort = 'newest';
    this.page = null;
    this.failure = null;
    this.open = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Relative dates ("il y a 3 min") and the Q&A clocks move on.
    this.ticker = setInterval(() => this.requestUpdate(), 60_000);
    addEventListener('hashchange', this.showLinked);
    if (this.page && !this.stopLive) this.listen(this.page.lastEventId);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
    removeEventListener('hashchange', this.showLinked);
    this.stopLive?.();
    this.stopLive = null;
  }

  /** The subject's mode as the server has it once decided (by its first top-level comment), else the attribute's. */
  get qa(): boolean {
    return (this.page?.subject.mode ?? this.mode) === 'qa';
  }

  get m(): Messages {
    return messages.in(this.language);
  }

  protected contextChanged(): void {
    // Maybe someone else now: nothing of the last person's (their drafts, their rights) shows meanwhile.
    this.page = null;
    void this.load(false);
  }

  protected override willUpdate(): void {
    // Lists are rendered by position: live changes held while a form is open are applied once it
    // closes. The code applying them loads with the first one (most pages never get any).
    if (this.open || !this.held.length) return;
    const changes = this.changes;
    if (changes) this.held.splice(0).forEach(([event, id]) => changes.applyEvent(this.store, event, id, changes.placementIn(this)));
    else
      void import('./changes.ts').then((loaded) => {
        this.changes = loaded;
        this.requestUpdate();
      });
  }

  protected override updated(): void {
    // subject, space, sort or page-size changed since the last load: read again.
    if (this.ctx && this.loadedWith !== this.query()) void this.load(false);
    this.showLinked();
  }

  /** Where a notification leads (`#ruche-comment-<id>`): that comment, once it is drawn. */
  private linked: Element | null = null;
  private readonly showLinked = () => {
    const comment = (this.renderRoot as ShadowRoot).getElementById(location.hash.replace('#ruche-comment-', 'c-'));
    if (!comment || comment === this.linked) return;
    this.linked = comment;
    comment.scrollIntoView({ block: 'center' });
    comment.focus({ preventScroll: true });
  };

  private query(): string {
    return [this.ctx?.api, this.spaceSlug, this.subjectKey, this.sort, this.pageSize].join('\n');
  }

  // ---- data -------------------------------------------------------------------------------------

  async load(more: boolean): Promise<void> {
    if (!this.ctx) return;
    if (!more) return this.reading.run();
    // The next threads: dropped if the first ones are read again meanwhile (another sort, person…).
    const current = this.reading.current();
    this.notes.delete('more');
    this.setBusy('more', true);
    try {
      const page = await this.readPage(true);
      if (!current()) return;
      this.store.append(page.threads);
      this.shown(page);
    } catch (error) {
      if (!current()) return;
      this.notes.set('more', { text: errorMessage(error, this.language), error: true });
    } finally {
      this.setBusy('more', false);
      this.requestUpdate();
    }
  }

  /** The first threads, read again from the start (another subject, sort, person; "try again"). */
  private readonly reading = new Reading(
    this,
    (signal) => {
      this.loadedWith = this.query();
      this.keepDrafts();
      if (this.mode === 'qa') void this.loadAnswers();
      this.notes.delete('more');
      return this.readPage(false, signal);
    },
    (page) => {
      this.store.reset(page.threads, page.subject.commentCount, page.lastEventId);
      this.held = [];
      this.listen(page.lastEventId);
      this.shown(page);
      this.keepDrafts();
      this.requestUpdate();
    },
    (failure) => {
      this.failure = failure;
      // Refused (no access, not signed in): nothing more is asked, not even live updates.
      if (!failure.retry) {
        this.stopLive?.();
        this.stopLive = null;
        this.page = null; // what was shown is no longer this person's to read
      }
      this.requestUpdate();
    },
  );

  /** A page of threads, with the code drawing them needs (Q&A marks, held notices, the moves under comments). */
  private async readPage(more: boolean, signal?: AbortSignal): Promise<CommentPage> {
    const { client, identity } = this.context;
    // A finger does not hover: on a touch screen, someone signed in gets the moves under the
    // comments with the comments (their code asked for beside them), not after a first tap.
    const writing = !more && !this.writing && touchScreen() && (await identity.token()) ? this.loadWriting().catch(() => null) : null;
    const page = await client.get(
      '/api/comments',
      { space: this.spaceSlug, subject: this.subjectKey, sort: this.sort, limit: this.pageSize, cursor: more ? this.nextCursor : null },
      signal,
    );
    if (!page.viewer.id) this.authMode = await client.authMode();
    if (page.subject.mode === 'qa') await this.loadAnswers();
    if (page.threads.some((t) => t.moderation || t.replies.some((c) => c.moderation))) await this.loadHeldNotes().catch(() => {});
    if (writing && page.viewer.id) await writing;
    return page;
  }

  /** What a page read tells, the first one or the next ones. */
  private shown(page: CommentPage): void {
    this.nextCursor = page.nextCursor;
    this.failure = null;
    this.page = page;
    // Stewards get their moves; nobody else downloads them.
    if (page.viewer.canSteward)
      this.moderatingLoad ??= import('../moderation/comment-moves.ts').then(({ CommentMoves }) => {
        this.moderating = new CommentMoves(this);
        this.requestUpdate();
      });
    else {
      if (this.moderating) this.removeController(this.moderating);
      this.moderating = this.moderatingLoad = null;
    }
  }

  /** The writing half, loaded once (a head start when the pointer or the focus comes near the controls). */
  private readonly loadWriting = loadOnce(() =>
    import('./writing.ts')
      .then(({ Writing }) => Writing.for(this))
      .then((writing) => {
        this.requestUpdate(); // its buttons and help
        return (this.writing = writing);
      }),
  );

  /** Runs `action` with the writing half, loading it first if needed; `note` says where a failure shows. */
  write(note: string, action: (writing: Writing) => unknown): void {
    this.loadWriting().then(action, (error) => {
      this.notes.set(note, { text: errorMessage(error, this.language), error: true });
      this.requestUpdate();
    });
  }

  /**
   * For someone signed in, as the pointer or the focus comes in: the buttons under the comments
   * (reporting too, for a reader who may not write here) and a head start for the composer.
   */
  private readonly prefetch = () => {
    if (this.page?.viewer.id) void this.loadWriting().catch(() => {});
  };

  // ---- drafts -----------------------------------------------------------------------------------

  /** Each person's own, on each subject (a shared computer, the demo's picker). */
  private draftKey(key: string): string {
    return `ruche:draft:${this.context.api}|${this.spaceSlug ?? ''}|${this.subjectKey}|${this.page?.viewer.id}|${key.startsWith('reply:') ? key.slice(6) : ''}`;
  }

  /** Another subject, space, API or person: the boxes hold their own drafts. */
  private keepDrafts(): void {
    if (this.drafts !== (this.drafts = this.draftKey('new'))) this.texts.clear();
  }

  /** What a box holds; a new comment or reply starts from its draft. */
  text(key: string): string {
    let text = this.texts.get(key);
    if (text === undefined) this.texts.set(key, (text = (/^(new|reply:)/.test(key) && readJson<string>(this.draftKey(key))) || ''));
    return text;
  }

  setText(key: string, text: string): void {
    this.texts.set(key, text);
    if (!/^(new|reply:)/.test(key)) return;
    if (text.trim()) writeJson(this.draftKey(key), text);
    else removeKey(this.draftKey(key));
  }

  private readonly loadAnswers = loadOnce(() =>
    import('./qa.ts').then(({ AnswerPromise }) => {
      this.answers = new AnswerPromise(this);
      this.requestUpdate();
    }),
  );

  /** Tried again with the next held comment drawn, if its code could not come. */
  private readonly loadHeldNotes = loadOnce(() =>
    import('./held.ts').then((held) => {
      this.addStyles(held.styles);
      this.heldNotes = held;
      this.requestUpdate();
    }),
  );

  /** Why a comment is held, for its author and the stewards; its code comes with the first one (a live change may bring it). */
  private heldNotice(c: Comment) {
    if (!this.heldNotes) return void this.loadHeldNotes().catch(() => {});
    return this.heldNotes.heldNotice(c, c.author?.id === this.page!.viewer.id, this.language);
  }

  /**
   * Live updates, from the page's one shared stream, starting at the event the comments were read
   * at: nothing written in between is missed. So the stream (and its code) can wait until the
   * comments come near the viewport: the readers who never scroll down to them hold no connection.
   */
  private listen(since: string | undefined): void {
    this.stopLive?.();
    const { client } = this.context;
    const [space, subject] = [this.spaceSlug, this.subjectKey];
    let stopped = false;
    const near = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        near.disconnect();
        void import('../shared/live.ts').then(({ LiveEvents }) => {
          if (!stopped) this.stopLive = LiveEvents.for(client).subscribe(space, subject, (event, id) => this.onLive(event, id), since);
        });
      },
      { rootMargin: '100%' },
    );
    near.observe(this);
    this.stopLive = () => {
      stopped = true;
      near.disconnect();
    };
  }

  private onLive(event: LiveEvent, id: string | null): void {
    // What was missed cannot be replayed (too long away, or too much happened): read the threads again.
    if (event.type === 'reset') return void this.load(false);
    this.held.push([event, id]);
    this.requestUpdate();
  }

  setBusy(key: string, on: boolean): void {
    if (on) this.busy.add(key);
    else this.busy.delete(key);
    this.requestUpdate();
  }

  /** Liking needs someone signed in: the writing half does it, else say how to sign in. */
  private like(comment: Comment): void {
    if (this.page?.viewer.id) return this.write(`c:${comment.id}`, (w) => w.like(comment));
    this.notes.set(`c:${comment.id}`, { text: this.signInText(), error: false });
    this.requestUpdate();
  }

  focusIn(selector: string): void {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Says something to screen readers, through the status region. */
  announce(text: string): void {
    this.announcement = text;
    this.requestUpdate();
  }

  private signInText(): string {
    return this.authMode === 'demo' ? this.m.signInDemo : this.m.signIn;
  }

  // ---- rendering --------------------------------------------------------------------------------

  override render() {
    const m = this.m;
    const lang = this.language;
    const page = this.page;
    const qa = this.qa;
    const threads = this.store.threads;
    const count = this.store.count;
    // Refused: one calm sentence, no count, nothing to try again.
    if (this.failure && !this.failure.retry) {
      return html`<div class="root" part="base">${failureNotice(this.failure, m.retry, () => {})}</div>`;
    }
    // Not a named region (a landmark): a page may hold several threads, all « 2 commentaires ».
    return html`<section
      class="root"
      part="base"
      aria-busy=${!(page || this.failure)}
      @pointerover=${this.prefetch}
      @focusin=${this.prefetch}
    >
      <header class="top">
        <h3 id="heading" part="heading" tabindex="-1">
          ${(qa && this.answers?.heading(count)) || plural(count, lang, m.comments)}
        </h3>
        ${qa && page ? this.answers?.promise(page.space.answerPromiseHours) : nothing}
        ${threads.length > 1 || this.nextCursor
          ? html`<div class="sort" role="group" aria-label=${m.sortLabel}>
              ${(['newest', 'oldest'] as const).map(
                (sort) => html`<button class="link" aria-pressed=${this.sort === sort} @click=${() => (this.sort = sort)}>${m[sort]}</button>`,
              )}
            </div>`
          : nothing}
      </header>
      ${this.failure
        ? page
          ? html`<div class="alert" role="alert">${this.failure.text}</div>`
          : failureNotice(this.failure, m.retry, () => void this.reading.run())
        : nothing}
      ${!page
        ? this.failure
          ? nothing
          : html`<div class="skeleton" aria-hidden="true">${[1, 2, 3].map(() => html`<div class="bone"><span></span><span></span><span></span></div>`)}</div>`
        : html`${!page.viewer.id
              ? html`<p class="notice">${this.signInText()}</p>`
              : page.viewer.canWrite
                ? this.composer(qa ? this.answers?.m : null)
                : html`<p class="notice">${m.readOnly}</p>`}
            ${threads.length
              ? html`<ul class="threads" role="list">
                  ${threads.map((t) => html`<li class="thread">${this.renderThread(t)}</li>`)}
                </ul>`
              : html`<p class="empty">${qa ? this.answers?.m.emptyQa : m.empty}</p>`}
            ${this.nextCursor
              ? html`<div class="more">
                  <button class="btn" ?disabled=${this.busy.has('more')} @click=${() => this.load(true)}>${m.more}</button>
                  ${this.renderNote('more')}
                </div>`
              : nothing}`}
      <div class="sr-only" role="status">${this.announcement}</div>
    </section>`;
  }

  /** The new comment's box (replies, edits and reports have theirs in writing.ts); `qa`: Q&A mode's words. */
  private composer(qa: { askQuestion: string; placeholderQa: string; publishQuestion: string } | null | undefined) {
    const m = this.m;
    const submit = () => this.write('new', (w) => w.post('new'));
    return html`<form
      class="composer main"
      part="composer"
      data-key="new"
      @submit=${(event: Event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label for="f-new" class="label">${qa?.askQuestion ?? m.yourComment}</label>
      <textarea
        id="f-new"
        rows="3"
        maxlength="10000"
        placeholder=${this.writing?.placeholder ?? qa?.placeholderQa ?? m.placeholder}
        aria-describedby="f-new-hint"
        .value=${this.text('new')}
        @input=${(event: InputEvent) => this.setText('new', (event.target as HTMLTextAreaElement).value)}
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            submit();
          }
        }}
      ></textarea>
      <div class="bar">
        ${this.writing?.help('f-new')}
        <button class="btn primary" ?disabled=${this.busy.has('new')}>${qa?.publishQuestion ?? m.publish}</button>
      </div>
      ${this.renderNote('new')}
    </form>`;
  }

  renderNote(key: string) {
    const note = this.notes.get(key);
    return note ? html`<p class=${note.error ? 'alert' : 'note'} role=${note.error ? 'alert' : 'status'} tabindex="-1">${note.text}</p>` : nothing;
  }

  private renderThread(thread: Thread) {
    const children = childrenOf(thread);
    const descendants = (id: string): Comment[] => (children.get(id) ?? []).flatMap((c) => [c, ...descendants(c.id)]);
    const names = new Map<string, string>([thread, ...thread.replies].map((c) => [c.id, c.author?.name ?? this.m.formerMember]));
    const replies = (parentId: string, depth: number): unknown => {
      let list = children.get(parentId) ?? [];
      if (!list.length) return nothing;
      if (this.qa && parentId === thread.id && thread.acceptedAnswerId) {
        // The accepted answer comes first.
        list = [...list].sort((a, b) => Number(b.id === thread.acceptedAnswerId) - Number(a.id === thread.acceptedAnswerId));
      }
      return html`<ul class="replies" role="list">
        ${list.map(
          (c) =>
            html`<li>
              ${this.renderComment(c, thread)}
              ${depth < MAX_DEPTH ? replies(c.id, depth + 1) : descendants(c.id).map((d) => this.renderComment(d, thread, names.get(d.parentId!)))}
            </li>`,
        )}
      </ul>`;
    };
    return html`${this.renderComment(thread, thread)}${replies(thread.id, 1)}`;
  }

  private renderComment(c: Comment, thread: Thread, inReplyTo?: string) {
    const m = this.m;
    const writing = this.page!.viewer.id ? this.writing : null;
    const lang = this.language;
    const id = `c-${c.id}`;
    // Hidden or waiting: its author and the stewards read it, and why (`moderation`); others see its place.
    const held = c.moderation;
    if (c.status === 'deleted' || ((c.status === 'hidden' || c.status === 'pending') && !held)) {
      return html`<article id=${id} class="comment gone" tabindex="-1" part="comment">
        <span class="avatar" aria-hidden="true"></span>
        <p class="main">${c.status === 'deleted' ? m.deleted : m.hidden}</p>
      </article>`;
    }
    const target = { kind: 'comment' as const, id: c.id, status: c.status };
    const accepted = this.qa && thread.isQuestion && c.parentId === thread.id && thread.acceptedAnswerId === c.id;
    const editing = this.open === `edit:${c.id}`;
    return html`<article
      id=${id}
      class="comment ${accepted ? 'accepted' : ''} ${held ? `held ${held.state}` : ''}"
      tabindex="-1"
      part=${accepted ? 'comment accepted-answer' : 'comment'}
      aria-labelledby=${`a-${c.id}`}
    >
      ${avatar(c.author)}
      <div class="main">
        <div class="meta">
          <span class="author" id=${`a-${c.id}`}>${c.author?.name ?? m.formerMember}</span>
          ${c.author?.dept ? html`<span class="dept">${c.author.dept}</span>` : nothing}
          ${this.answers?.badge(c, accepted)}
          ${c.editedAt ? html`<span class="edited" title=${absoluteDate(c.editedAt, lang)}>(${m.edited})</span>` : nothing}
          <time datetime=${c.createdAt} title=${absoluteDate(c.createdAt, lang)}>${relativeDate(c.createdAt, lang)}</time>
        </div>
        ${held ? this.heldNotice(c) : nothing}
        ${inReplyTo ? html`<p class="reply-to">${m.inReplyTo.replace('#', inReplyTo)}</p>` : nothing}
        ${editing
          ? writing?.editor(c)
          : html`<div class="body" part="body">${renderMarkdown(c.tree)}</div>
              ${c.isQuestion ? this.answers?.clock(c, this.page!.space.answerPromiseHours) : nothing}
              <div class="actions">
                <button
                  class="link like"
                  aria-pressed=${c.likedByMe}
                  aria-label=${`${m.like} ${c.likeCount}`}
                  ?disabled=${c.status !== 'published'}
                  @click=${() => this.like(c)}
                >
                  ${icon(heart, 14)}<span>${c.likeCount || ''}</span>
                </button>
                ${writing?.actions(c, thread, accepted)} ${this.moderating?.buttons(target)}
              </div>`}
        ${writing?.form(c)} ${this.moderating?.form(target)} ${this.renderNote(`c:${c.id}`)}
      </div>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ruche-comments': RucheComments;
  }
}
