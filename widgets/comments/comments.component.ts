import { html, nothing, svg, type TemplateResult } from 'lit';
import type { Comment, CommentPage, LikeState, LiveEvent, NewComment, Thread } from '../../shared/api-types.ts';
import { newKey } from '../shared/api.ts';
import { avatar } from '../shared/avatar.ts';
import { RucheElement } from '../shared/element.ts';
import { absoluteDate, duration, errorMessage, plural, relativeDate } from '../shared/i18n.ts';
import { LiveEvents } from '../shared/live.ts';
import { renderMarkdown } from '../shared/markdown.ts';
import { readJson, removeKey, writeJson } from '../shared/storage.ts';
import { baseStyles } from '../shared/styles.ts';
import { styles } from './comments.styles.ts';
import { messages, type Messages } from './messages.ts';
import { answerClock } from './qa.ts';
import { childrenOf, ThreadStore } from './store.ts';

/** Replies deeper than this are shown at this depth, marked with whom they answer. */
const MAX_DEPTH = 3;

const icon = (path: TemplateResult, size = 15) => html`<svg viewBox="0 0 24 24" width=${size} height=${size} aria-hidden="true">${path}</svg>`;
const heart = svg`<path d="M12 20.5s-7.5-4.6-7.5-10.2A4.3 4.3 0 0 1 12 7.6a4.3 4.3 0 0 1 7.5 2.7c0 5.6-7.5 10.2-7.5 10.2Z"/>`;
const check = svg`<path d="m5 12.5 4.5 4.5L19 7.5"/>`;
const clock = svg`<circle cx="12" cy="12" r="8.5"/><path d="M12 7.5V12l3 2"/>`;

type Note = { text: string; error: boolean };

/**
 * A discussion under a page, or its questions and answers (`mode="qa"`).
 *
 * @summary Threaded comments with a Q&A mode, live updates, drafts, likes and reports.
 * @attr subject - what is discussed (default: the page's canonical address)
 * @attr space - the space slug (default: the provider's, else the server's default space)
 * @attr mode - "qa": top-level posts are questions, replies are answers, one can be accepted
 * @attr lang - fr or en (default: provider, then the page's language)
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
  declare failure: string | null;
  /** The one inline form open: `reply:<id>`, `edit:<id>`, `report:<id>` or `delete:<id>`. */
  declare open: string | null;

  private readonly store = new ThreadStore();
  private nextCursor: string | null = null;
  private loadedWith = '';
  private held: LiveEvent[] = [];
  private generation = 0;
  private abort: AbortController | null = null;
  private stopLive: (() => void) | null = null;
  private authMode: string | null = null;
  /** What each composer holds (`new`, `reply:<id>`, `edit:<id>`, `report:<id>`). */
  private texts = new Map<string, string>();
  /** The Idempotency-Key of each action until it succeeds, so that trying it again is not a second post. */
  private actionKeys = new Map<string, { text: string; key: string }>();
  private busy = new Set<string>();
  private notes = new Map<string, Note>();
  private announcement = '';
  private opener: HTMLElement | null = null;
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
    if (this.page && !this.stopLive) this.listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
    this.stopLive?.();
    this.stopLive = null;
  }

  private get qa(): boolean {
    return this.mode === 'qa' || this.page?.subject.mode === 'qa';
  }

  private get m(): Messages {
    return messages[this.language];
  }

  protected contextChanged(): void {
    void this.load(false);
  }

  protected override willUpdate(): void {
    if (!this.open && this.held.length) this.held.splice(0).forEach((event) => this.onLive(event));
  }

  protected override updated(): void {    // subject, space, sort or page-size changed since the last load: read again.
    if (this.ctx && this.loadedWith !== this.query()) void this.load(false);
  }

  private query(): string {
    return [this.ctx?.api, this.spaceSlug, this.subjectKey, this.sort, this.pageSize].join('\n');
  }

  // ---- data -------------------------------------------------------------------------------------

  private async load(more: boolean): Promise<void> {
    if (!this.ctx) return;
    if (!more) {
      this.generation++;
      this.abort?.abort();
      this.loadedWith = this.query();
    }
    const generation = this.generation;
    const abort = (this.abort = new AbortController());
    const { client } = this.ctx;
    this.notes.delete('more');
    if (more) this.setBusy('more', true);
    try {
      const page = await client.get<CommentPage>(
        '/api/comments',
        { space: this.spaceSlug, subject: this.subjectKey, sort: this.sort, limit: this.pageSize, cursor: more ? this.nextCursor : null },
        abort.signal,
      );
      if (generation !== this.generation) return;
      if (more) this.store.append(page.threads);
      else {
        this.store.reset(page.threads, page.subject.commentCount);
        this.held = [];
        if (!this.texts.has('new')) this.texts.set('new', readJson<string>(this.draftKey('new')) ?? '');
        this.listen();
      }
      this.nextCursor = page.nextCursor;
      this.failure = null;
      this.authMode = page.viewer.id ? null : await client.authMode();
      this.page = page;
    } catch (error) {
      if (abort.signal.aborted || generation !== this.generation) return;
      if (more) this.notes.set('more', { text: errorMessage(error, this.language), error: true });
      else this.failure = errorMessage(error, this.language);
    } finally {
      if (more) this.setBusy('more', false);
      this.requestUpdate();
    }
  }

  private listen(): void {
    this.stopLive?.();
    this.stopLive = LiveEvents.for(this.ctx!.client).subscribe(this.spaceSlug, this.subjectKey, (event) => this.onLive(event));
  }

  private onLive(event: LiveEvent): void {
    if (!this.page) return;
    // Lists are rendered by position: while a form is open inside one, hold changes that would move
    // it under the person's cursor, and apply them when it closes.
    if (this.open) {
      this.held.push(event);
      return;
    }
    let changed = false;
    if (event.type === 'comment.accepted') changed = this.store.setAccepted(event.questionId, event.acceptedAnswerId);
    else if (event.type !== 'like.changed') changed = this.store.apply(event.comment, this.placement());
    if (changed) this.requestUpdate();
  }

  private placement(own = false) {
    return { newestFirst: this.sort !== 'oldest', atEnd: this.nextCursor === null, own };
  }

  private setBusy(key: string, on: boolean): void {
    if (on) this.busy.add(key);
    else this.busy.delete(key);
    this.requestUpdate();
  }

  private draftKey(key: string): string {
    const parent = key.startsWith('reply:') ? key.slice(6) : '';
    return `ruche:draft:${this.ctx!.api}|${this.spaceSlug ?? ''}|${this.subjectKey}|${parent}`;
  }

  private setText(key: string, text: string): void {
    this.texts.set(key, text);
    if (key === 'new' || key.startsWith('reply:')) {
      if (text.trim()) writeJson(this.draftKey(key), text);
      else removeKey(this.draftKey(key));
    }
  }

  private keyFor(action: string, text: string): string {
    const known = this.actionKeys.get(action);
    if (known && known.text === text) return known.key;
    const key = newKey();
    this.actionKeys.set(action, { text, key });
    return key;
  }

  /** Runs a write, shows its failure where it happened, and remembers nothing of it on success. */
  private async act<T>(key: string, noteKey: string, run: (idempotencyKey: string) => Promise<T>, text = ''): Promise<T | undefined> {
    if (this.busy.has(key)) return undefined;
    this.notes.delete(noteKey);
    this.setBusy(key, true);
    try {
      const result = await run(this.keyFor(key, text));
      this.actionKeys.delete(key);
      return result;
    } catch (error) {
      this.notes.set(noteKey, { text: errorMessage(error, this.language), error: true });
      return undefined;
    } finally {
      this.setBusy(key, false);
    }
  }

  // ---- actions ----------------------------------------------------------------------------------

  private async post(key: string): Promise<void> {
    const text = (this.texts.get(key) ?? '').trim();
    if (!text) return this.focusIn(`[data-key="${key}"] textarea`);
    const parentId = key.startsWith('reply:') ? key.slice(6) : undefined;
    const body: NewComment = { subject: this.subjectKey, body: text, title: document.title.slice(0, 300) };
    if (this.spaceSlug) body.space = this.spaceSlug;
    if (parentId) body.parentId = parentId;
    if (this.mode === 'qa') body.mode = 'qa';
    const url = location.href.split('#')[0]!;
    if (/^https?:/.test(url) && url.length <= 2000) body.url = url;
    const client = this.ctx!.client;
    const comment = await this.act(key, key, (idempotencyKey) => client.request<Comment>('POST', '/api/comments', { body, idempotencyKey }), text);
    if (!comment) return;
    this.store.apply(comment, this.placement(true));
    this.setText(key, '');
    if (parentId) this.open = null;
    this.announce(this.m.posted);
    await this.updateComplete;
    this.focusIn(`#c-${comment.id}`);
  }

  private async saveEdit(comment: Comment): Promise<void> {
    const key = `edit:${comment.id}`;
    const text = (this.texts.get(key) ?? '').trim();
    if (!text) return;
    const client = this.ctx!.client;
    const edited = await this.act(key, key, (idempotencyKey) => client.request<Comment>('PATCH', `/api/comments/${comment.id}`, { body: { body: text }, idempotencyKey }), text);
    if (!edited) return;
    this.store.apply(edited, this.placement());
    this.texts.delete(key);
    this.closeForm();
  }

  private async deleteComment(comment: Comment): Promise<void> {
    const client = this.ctx!.client;
    const key = `delete:${comment.id}`;
    const done = await this.act(key, key, async (idempotencyKey) => {
      await client.request<void>('DELETE', `/api/comments/${comment.id}`, { idempotencyKey });
      return true;
    });
    if (!done) return;
    this.open = null;
    this.store.apply({ ...comment, status: 'deleted', author: null, body: '', tree: [] }, this.placement());
    this.requestUpdate();
    await this.updateComplete;
    this.focusIn('#heading');
  }

  private async report(comment: Comment): Promise<void> {
    const key = `report:${comment.id}`;
    const reason = (this.texts.get(key) ?? '').trim();
    if (!reason) return this.focusIn(`[data-key="${key}"] textarea`);
    const client = this.ctx!.client;
    const done = await this.act(key, key, (idempotencyKey) => client.request('POST', `/api/comments/${comment.id}/report`, { body: { reason }, idempotencyKey }), reason);
    if (!done) return;
    this.texts.delete(key);
    this.open = null;
    this.notes.set(`c:${comment.id}`, { text: this.m.reported, error: false });
    await this.updateComplete;
    this.focusIn(`#c-${comment.id} .note`);
  }

  private async toggleLike(comment: Comment): Promise<void> {
    if (!this.page?.viewer.id) {
      this.notes.set(`c:${comment.id}`, { text: this.signInText(), error: false });
      return this.requestUpdate();
    }
    const before = { liked: comment.likedByMe, count: comment.likeCount };
    const liked = !before.liked;
    Object.assign(comment, { likedByMe: liked, likeCount: Math.max(0, before.count + (liked ? 1 : -1)) });
    const client = this.ctx!.client;
    const state = await this.act(`like:${comment.id}`, `c:${comment.id}`, (idempotencyKey) =>
      client.request<LikeState>(liked ? 'PUT' : 'DELETE', `/api/comments/${comment.id}/like`, { idempotencyKey }),
    );
    const final = state ?? before;
    Object.assign(comment, { likedByMe: final.liked, likeCount: final.count });
    this.requestUpdate();
  }

  private async toggleAccepted(answer: Comment, question: Thread): Promise<void> {
    const accept = question.acceptedAnswerId !== answer.id;
    const client = this.ctx!.client;
    const result = await this.act(`accept:${answer.id}`, `c:${answer.id}`, (idempotencyKey) =>
      client.request<{ questionId: string; acceptedAnswerId: string | null }>(accept ? 'PUT' : 'DELETE', `/api/comments/${answer.id}/accept`, { idempotencyKey }),
    );
    if (!result) return;
    this.store.setAccepted(result.questionId, result.acceptedAnswerId);
    this.requestUpdate();
    await this.updateComplete;
    this.focusIn(`#c-${answer.id} .accept`);
  }

  private async openForm(key: string, event: Event, initial = ''): Promise<void> {
    if (this.open === key) return this.closeForm();
    this.opener = event.currentTarget as HTMLElement;
    this.open = key;
    if (!this.texts.has(key)) this.texts.set(key, key.startsWith('reply:') ? (readJson<string>(this.draftKey(key)) ?? '') : initial);
    await this.updateComplete;
    this.focusIn(`[data-key="${key}"] textarea, [data-key="${key}"] .btn.danger`);
  }

  private async closeForm(): Promise<void> {
    const key = this.open;
    if (key?.startsWith('reply:')) this.setText(key, ''); // "Annuler" discards the reply
    this.open = null;
    if (key) this.notes.delete(key);
    await this.updateComplete;
    if (this.opener?.isConnected) this.opener.focus();
  }

  private focusIn(selector: string): void {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private announce(text: string): void {
    this.announcement = '';
    this.requestUpdate();
    setTimeout(() => {
      this.announcement = text;
      this.requestUpdate();
    }, 50);
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
    const promise = page?.space.answerPromiseHours ?? null;
    return html`<section class="root" part="base" aria-labelledby="heading" aria-busy=${page || this.failure ? 'false' : 'true'}>
      <header class="top">
        <h3 id="heading" part="heading" tabindex="-1">
          ${qa ? m.qaTitle : plural(this.store.count, lang, m.comments)}
          ${qa && page ? html`<span class="count">${plural(this.store.count, lang, m.questions)}</span>` : nothing}
        </h3>
        ${qa && promise !== null ? html`<p class="promise">${icon(clock, 14)}${m.promise.replace('#', duration(promise * 3_600_000, lang))}</p>` : nothing}
        ${threads.length > 1 || this.nextCursor
          ? html`<div class="sort" role="group" aria-label=${m.sortLabel}>
              ${(['newest', 'oldest'] as const).map(
                (sort) => html`<button class="link" aria-pressed=${this.sort === sort ? 'true' : 'false'} @click=${() => (this.sort = sort)}>${m[sort]}</button>`,
              )}
            </div>`
          : nothing}
      </header>
      ${this.failure && !page
        ? html`<div class="alert" role="alert">${this.failure} <button class="btn" @click=${() => this.load(false)}>${m.retry}</button></div>`
        : !page
          ? this.renderSkeleton()
          : html`${this.failure ? html`<div class="alert" role="alert">${this.failure}</div>` : nothing} ${this.renderWriteArea(page)}
              ${threads.length
                ? html`<ul class="threads" role="list">
                    ${threads.map((t) => html`<li class="thread">${this.renderThread(t)}</li>`)}
                  </ul>`
                : html`<p class="empty">${qa ? m.emptyQa : m.empty}</p>`}
              ${this.nextCursor
                ? html`<div class="more">
                    <button class="btn" ?disabled=${this.busy.has('more')} @click=${() => this.load(true)}>${qa ? m.moreQa : m.more}</button>
                    ${this.renderNote('more')}
                  </div>`
                : nothing}`}
      <div class="sr-only" role="status">${this.announcement}</div>
    </section>`;
  }

  private renderSkeleton() {
    return html`<div class="skeleton" aria-label=${this.m.loading}>
      ${[0, 1, 2].map(() => html`<div class="bone"><span class="dot"></span><span class="lines"><span></span><span></span></span></div>`)}
    </div>`;
  }

  private renderWriteArea(page: CommentPage) {
    const m = this.m;
    if (!page.viewer.id) return html`<p class="notice">${this.signInText()}</p>`;
    if (!page.viewer.canWrite) return html`<p class="notice">${m.readOnly}</p>`;
    const qa = this.qa;
    return this.renderComposer('new', {
      label: qa ? m.askQuestion : m.yourComment,
      placeholder: qa ? m.placeholderQa : m.placeholder,
      submit: qa ? m.publishQuestion : m.publish,
      onSubmit: () => this.post('new'),
    });
  }

  private renderComposer(
    key: string,
    options: { label: string; placeholder?: string; submit: string; onSubmit: () => void; onCancel?: () => void; hideLabel?: boolean; rows?: number },
  ) {
    const m = this.m;
    const id = `f-${key.replace(':', '-')}`;
    const busy = this.busy.has(key);
    const isReport = key.startsWith('report:');
    return html`<form
      class="composer ${key === 'new' ? 'main' : ''}"
      part="composer"
      data-key=${key}
      @submit=${(event: Event) => {
        event.preventDefault();
        options.onSubmit();
      }}
    >
      <label for=${id} class=${options.hideLabel ? 'sr-only' : 'label'}>${options.label}</label>
      <textarea
        id=${id}
        rows=${options.rows ?? 3}
        maxlength=${isReport ? 500 : 10000}
        placeholder=${options.placeholder ?? ''}
        aria-describedby=${isReport ? nothing : `${id}-hint`}
        .value=${this.texts.get(key) ?? ''}
        @input=${(event: InputEvent) => this.setText(key, (event.target as HTMLTextAreaElement).value)}
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            options.onSubmit();
          } else if (event.key === 'Escape' && options.onCancel) {
            event.preventDefault();
            options.onCancel();
          }
        }}
      ></textarea>
      <div class="bar">
        ${isReport
          ? nothing
          : html`<details class="help">
              <summary>${m.formatting}</summary>
              <dl>${m.formattingHelp.map(([syntax, what]) => html`<div><dt><code>${syntax}</code></dt><dd>${what}</dd></div>`)}</dl>
            </details>`}
        <span class="hint" id=${`${id}-hint`}>${isReport ? '' : m.shortcut}</span>
        ${options.onCancel ? html`<button type="button" class="btn" @click=${options.onCancel}>${m.cancel}</button>` : nothing}
        <button class="btn primary" ?disabled=${busy}>${options.submit}</button>
      </div>
      ${this.renderNote(key)}
    </form>`;
  }

  private renderNote(key: string) {
    const note = this.notes.get(key);
    if (!note) return nothing;
    return html`<p class=${note.error ? 'alert' : 'note'} role=${note.error ? 'alert' : 'status'} tabindex="-1">${note.text}</p>`;
  }

  private renderThread(thread: Thread) {
    const children = childrenOf(thread);
    const descendants = (id: string): Comment[] => (children.get(id) ?? []).flatMap((c) => [c, ...descendants(c.id)]);
    const names = new Map<string, string>([thread, ...thread.replies].map((c) => [c.id, c.author?.name ?? this.m.anonymousAuthor]));
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
    const lang = this.language;
    const gone = c.status === 'deleted' || c.status === 'hidden';
    const isAnswer = this.qa && c.parentId === thread.id && thread.isQuestion;
    const accepted = isAnswer && thread.acceptedAnswerId === c.id;
    const editing = this.open === `edit:${c.id}`;
    if (gone) {
      return html`<article id=${`c-${c.id}`} class="comment gone" tabindex="-1" part="comment">
        <span class="avatar gone-avatar" aria-hidden="true"></span>
        <p class="main gone-text">${c.status === 'deleted' ? m.deleted : m.hidden}</p>
      </article>`;
    }
    const author = c.author?.name ?? m.anonymousAuthor;
    return html`<article
      id=${`c-${c.id}`}
      class="comment ${accepted ? 'accepted' : ''} ${c.isQuestion ? 'question' : ''}"
      tabindex="-1"
      part=${accepted ? 'comment accepted-answer' : 'comment'}
      aria-labelledby=${`a-${c.id}`}
    >
      ${avatar(c.author)}
      <div class="main">
        <div class="meta">
          <span class="author" id=${`a-${c.id}`}>${author}</span>
          ${c.author?.dept ? html`<span class="dept">${c.author.dept}</span>` : nothing}
          <time datetime=${c.createdAt} title=${absoluteDate(c.createdAt, lang)}>${relativeDate(c.createdAt, lang)}</time>
          ${c.editedAt ? html`<span class="edited" title=${absoluteDate(c.editedAt, lang)}>(${m.edited})</span>` : nothing}
          ${c.isQuestion && c.acceptedAnswerId ? html`<span class="badge ok">${icon(check, 12)}${m.solved}</span>` : nothing}
          ${accepted ? html`<span class="badge ok">${icon(check, 12)}${m.accepted}</span>` : nothing}
          ${c.status === 'pending' ? html`<span class="badge">${m.pending}</span>` : nothing}
        </div>
        ${inReplyTo ? html`<p class="reply-to">${m.inReplyTo.replace('#', inReplyTo)}</p>` : nothing}
        ${editing
          ? this.renderComposer(`edit:${c.id}`, {
              label: m.edit,
              hideLabel: true,
              submit: m.save,
              onSubmit: () => this.saveEdit(c),
              onCancel: () => this.closeForm(),
            })
          : html`<div class="body" part="body">${renderMarkdown(c.tree)}</div>
              ${c.isQuestion ? this.renderClock(c) : nothing} ${this.renderActions(c, thread, isAnswer, accepted)}`}
        ${this.renderInlineForm(c, author)} ${this.renderNote(`c:${c.id}`)}
      </div>
    </article>`;
  }

  private renderClock(question: Comment) {
    const m = this.m;
    const lang = this.language;
    const clockState = answerClock(question, this.page!.space.answerPromiseHours);
    const text =
      'took' in clockState
        ? m[clockState.state].replace('#', duration(clockState.took, lang))
        : clockState.state === 'overdue'
          ? m.overdue.replace('#', duration(clockState.waited, lang))
          : clockState.left !== null
            ? m.waitingPromise.replace('#', duration(clockState.waited, lang)).replace('%', duration(clockState.left, lang))
            : m.waiting.replace('#', duration(clockState.waited, lang));
    return html`<p class="clock ${clockState.state}">${icon(clockState.state === 'kept' || clockState.state === 'answered' ? check : clock, 14)}${text}</p>`;
  }

  private renderActions(c: Comment, thread: Thread, isAnswer: boolean, accepted: boolean) {
    const m = this.m;
    const viewer = this.page!.viewer;
    const own = !!viewer.id && c.author?.id === viewer.id;
    const published = c.status === 'published';
    const canAccept = isAnswer && published && (viewer.canSteward || (!!viewer.id && thread.author?.id === viewer.id));
    const form = (kind: string, label: string, initial = '') =>
      html`<button class="link" aria-expanded=${this.open === `${kind}:${c.id}` ? 'true' : 'false'} @click=${(e: Event) => this.openForm(`${kind}:${c.id}`, e, initial)}>
        ${label}
      </button>`;
    return html`<div class="actions">
      <button
        class="link like"
        aria-pressed=${c.likedByMe ? 'true' : 'false'}
        aria-label=${`${m.like} ${c.likeCount}`}
        ?disabled=${!published}
        @click=${() => this.toggleLike(c)}
      >
        ${icon(heart, 14)}<span>${c.likeCount || ''}</span>
      </button>
      ${published && viewer.canWrite ? form('reply', c.isQuestion ? m.answer : m.reply) : nothing}
      ${canAccept
        ? html`<button class="link accept ${accepted ? 'on' : ''}" aria-pressed=${accepted ? 'true' : 'false'} @click=${() => this.toggleAccepted(c, thread)}>
            ${icon(check, 14)}${accepted ? m.unaccept : m.accept}
          </button>`
        : nothing}
      ${own && published ? form('edit', m.edit, c.body) : nothing} ${own || viewer.canSteward ? form('delete', m.delete) : nothing}
      ${viewer.id && !own && published ? form('report', m.report) : nothing}
    </div>`;
  }

  private renderInlineForm(c: Comment, author: string) {
    const m = this.m;
    const open = this.open;
    if (open === `reply:${c.id}`) {
      return this.renderComposer(open, {
        label: m.replyTo.replace('#', author),
        hideLabel: true,
        placeholder: m.placeholderReply,
        submit: c.isQuestion ? m.publishAnswer : m.publish,
        onSubmit: () => this.post(open),
        onCancel: () => this.closeForm(),
      });
    }
    if (open === `report:${c.id}`) {
      return this.renderComposer(open, {
        label: m.reportReason,
        placeholder: m.reportPlaceholder,
        submit: m.sendReport,
        rows: 2,
        onSubmit: () => this.report(c),
        onCancel: () => this.closeForm(),
      });
    }
    if (open === `delete:${c.id}`) {
      return html`<div class="confirm" data-key=${open} role="group" aria-label=${m.confirmDelete}>
        <span>${m.confirmDelete}</span>
        <button class="btn danger" ?disabled=${this.busy.has(open)} @click=${() => this.deleteComment(c)}>${m.delete}</button>
        <button class="btn" @click=${() => this.closeForm()}>${m.cancel}</button>
        ${this.renderNote(open)}
      </div>`;
    }
    return nothing;
  }
}
