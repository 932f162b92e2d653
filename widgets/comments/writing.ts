import { html, nothing, type CSSResultOrNative, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Comment, CommentPage, NewComment, Thread } from '../../shared/api-types.ts';
import { newKey } from '../shared/api.ts';
import type { RucheContext } from '../shared/context.ts';
import { errorMessage, type Lang } from '../shared/i18n.ts';
import { applyComment, placementIn, setAccepted, type PlacementHost } from './changes.ts';
import { check, icon } from './icons.ts';
import type { ThreadStore } from './store.ts';
import { messages } from './writing.messages.ts';
import { styles } from './writing.styles.ts';

/**
 * What writing needs of <ruche-comments>: what is discussed and by whom, its threads, and the state
 * of its boxes and forms, which the component keeps (the new comment's box is there before this
 * half, and live changes wait while a form is open).
 */
export interface WritingHost extends ReactiveControllerHost, PlacementHost {
  readonly context: RucheContext;
  readonly language: Lang;
  readonly spaceSlug: string | undefined;
  readonly subjectKey: string;
  readonly mode: string | null;
  readonly qa: boolean;
  readonly page: CommentPage | null;
  readonly store: ThreadStore;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The component's words this half shares (a reply publishes as a comment does). */
  readonly m: { readonly publish: string };
  /** The one inline form open: `reply:<id>`, `edit:<id>`, `report:<id>` or `delete:<id>`. */
  open: string | null;
  readonly busy: ReadonlySet<string>;
  readonly notes: Map<string, { text: string; error: boolean }>;
  readonly texts: Map<string, string>;
  text(key: string): string;
  setText(key: string, text: string): void;
  setBusy(key: string, on: boolean): void;
  focusIn(selector: string): void;
  announce(text: string): void;
  renderNote(key: string): unknown;
  addStyles(styles: CSSResultOrNative): void;
}

interface ComposerOptions {
  label: string;
  placeholder?: string;
  submit: string;
  rows?: number;
  onSubmit(): void;
}

/**
 * The writing half of <ruche-comments>: publishing, the formatting help, replies, edits, deletion,
 * reports, accepting answers, liking a comment, and the buttons under each comment. The new
 * comment's box is the component's, there from the first render (what is typed before this loads is
 * kept, as a draft); this loads with its first use, or as the pointer or the focus comes into the
 * widget.
 */
export class Writing implements ReactiveController {
  /** The button that opened the form, to give focus back when it closes. */
  private opener: HTMLElement | null = null;
  /** The Idempotency-Key of each action until it succeeds, so that trying it again is not a second post. */
  private actionKeys = new Map<string, { text: string; key: string }>();

  /** Loads the writing half for `host`, in its language, and whether a steward validates posts here first. */
  static async for(host: WritingHost): Promise<Writing> {
    const [, settings] = await Promise.all([
      messages.ready(host.language),
      host.context.client.get('/api/moderation/settings', { space: host.spaceSlug }).catch(() => null),
    ]);
    return new Writing(host, settings?.holdsMyPosts === true);
  }

  private constructor(
    private readonly host: WritingHost,
    /** This person's posts wait for a steward here: the composer says so before they write. */
    readonly held: boolean,
  ) {
    host.addController(this);
    host.addStyles(styles);
  }

  hostDisconnected(): void {
    // Nothing to stop: a write being sent is sent anyway, the person asked for it; the open form,
    // the drafts and the button to give focus back to come back with the widget.
  }

  private get m() {
    return messages.in(this.host.language);
  }

  // ---- actions ----------------------------------------------------------------------------------

  /**
   * Runs a write and shows its failure where it happened. A retry of the same action (same key and
   * text) after a failure reuses its Idempotency-Key, so it cannot be applied twice.
   */
  private async act<T>(key: string, noteKey: string, run: (idempotencyKey: string) => Promise<T>, text = ''): Promise<T | undefined> {
    const { host } = this;
    if (host.busy.has(key)) return undefined;
    host.notes.delete(noteKey);
    host.setBusy(key, true);
    const known = this.actionKeys.get(key);
    const idempotencyKey = known?.text === text ? known.key : newKey();
    this.actionKeys.set(key, { text, key: idempotencyKey });
    try {
      const result = await run(idempotencyKey);
      this.actionKeys.delete(key);
      return result;
    } catch (error) {
      host.notes.set(noteKey, { text: errorMessage(error, host.language, this.m.errors), error: true });
      return undefined;
    } finally {
      host.setBusy(key, false);
    }
  }

  /** Likes or unlikes a comment: shown at once, rolled back if the server refuses. */
  async like(comment: Comment): Promise<void> {
    const { host } = this;
    const before = { liked: comment.likedByMe, count: comment.likeCount };
    const liked = !before.liked;
    Object.assign(comment, { likedByMe: liked, likeCount: Math.max(0, before.count + (liked ? 1 : -1)) });
    const state = await this.act(`like:${comment.id}`, `c:${comment.id}`, (idempotencyKey) =>
      host.context.client.request(liked ? 'PUT' : 'DELETE', '/api/comments/:id/like', { query: { id: comment.id }, idempotencyKey }),
    );
    const final = state ?? before;
    Object.assign(comment, { likedByMe: final.liked, likeCount: final.count });
    host.requestUpdate();
  }

  async post(key: string): Promise<void> {
    const { host } = this;
    const text = host.text(key).trim();
    if (!text) return host.focusIn(`[data-key="${key}"] textarea`);
    const parentId = key.startsWith('reply:') ? key.slice(6) : undefined;
    const body: NewComment = { subject: host.subjectKey, body: text };
    const title = document.title.trim().slice(0, 300);
    if (title) body.title = title;
    if (host.spaceSlug) body.space = host.spaceSlug;
    if (parentId) body.parentId = parentId;
    if (host.mode === 'qa') body.mode = 'qa';
    const url = location.href.split('#')[0]!;
    if (/^https?:/.test(url) && url.length <= 2000) body.url = url;
    const comment = await this.act(key, key, (idempotencyKey) => host.context.client.request('POST', '/api/comments', { body, idempotencyKey }), text);
    if (!comment) return;
    applyComment(host.store, comment, placementIn(host, true));
    // Emptied, unless more was typed while it was sent (typing is never lost).
    if (host.text(key).trim() === text) {
      host.setText(key, '');
      // The box's value was typed, not bound: empty it here (Lit compares with what it last rendered).
      host.renderRoot.querySelector<HTMLTextAreaElement>(`[data-key="${key}"] textarea`)!.value = '';
    }
    if (parentId) host.open = null;
    if (comment.status === 'pending') host.notes.set(parentId ? `c:${parentId}` : 'new', { text: this.m.held, error: false });
    host.announce(comment.status === 'pending' ? this.m.held : this.m.posted);
    await host.updateComplete;
    host.focusIn(`#c-${comment.id}`);
  }

  private async saveEdit(comment: Comment): Promise<void> {
    const { host } = this;
    const key = `edit:${comment.id}`;
    const text = host.text(key).trim();
    if (!text) return;
    const edited = await this.act(key, key, (idempotencyKey) => host.context.client.request('PATCH', '/api/comments/:id', { query: { id: comment.id }, body: { body: text }, idempotencyKey }), text);
    if (!edited) return;
    applyComment(host.store, edited, placementIn(host));
    host.texts.delete(key);
    await this.close();
  }

  private async remove(comment: Comment): Promise<void> {
    const { host } = this;
    const key = `delete:${comment.id}`;
    const done = await this.act(key, key, (idempotencyKey) => host.context.client.request('DELETE', '/api/comments/:id', { query: { id: comment.id }, idempotencyKey }).then(() => true));
    if (!done) return;
    host.open = null;
    applyComment(host.store, { ...comment, status: 'deleted', author: null, body: '', tree: [] }, placementIn(host));
    await host.updateComplete;
    host.focusIn('#heading');
  }

  private async report(comment: Comment): Promise<void> {
    const { host } = this;
    const key = `report:${comment.id}`;
    const reason = host.text(key).trim();
    if (!reason) return host.focusIn(`[data-key="${key}"] textarea`);
    const done = await this.act(key, key, (idempotencyKey) => host.context.client.request('POST', '/api/comments/:id/report', { query: { id: comment.id }, body: { reason }, idempotencyKey }), reason);
    if (!done) return;
    host.texts.delete(key);
    host.open = null;
    host.notes.set(`c:${comment.id}`, { text: this.m.reported, error: false });
    await host.updateComplete;
    host.focusIn(`#c-${comment.id} .note`);
  }

  async accept(answer: Comment, question: Thread): Promise<void> {
    const { host } = this;
    const accept = question.acceptedAnswerId !== answer.id;
    const result = await this.act(`accept:${answer.id}`, `c:${answer.id}`, (idempotencyKey) =>
      host.context.client.request(accept ? 'PUT' : 'DELETE', '/api/comments/:id/accept', { query: { id: answer.id }, idempotencyKey }),
    );
    if (!result) return;
    setAccepted(host.store, result.questionId, result.acceptedAnswerId);
    host.requestUpdate();
    await host.updateComplete;
    host.focusIn(`#c-${answer.id} .accept`); // its button moved with the answer
  }

  /** Opens (or closes) the reply, edit, report or delete form under a comment; `opener` gets the focus back. */
  async toggle(key: string, opener: HTMLElement, initial = ''): Promise<void> {
    const { host } = this;
    if (host.open === key) return this.close();
    this.opener = opener;
    host.open = key;
    if (!host.texts.has(key) && initial) host.texts.set(key, initial);
    await host.updateComplete;
    host.focusIn(`[data-key="${key}"] textarea, [data-key="${key}"] .danger`);
  }

  private async close(): Promise<void> {
    const { host } = this;
    const key = host.open;
    host.open = null; // a reply's draft stays, for when the box opens again
    if (key) host.notes.delete(key);
    await host.updateComplete;
    if (this.opener?.isConnected) this.opener.focus();
  }

  // ---- rendering --------------------------------------------------------------------------------

  /** In an empty box, when a steward validates this person's posts first: says so (the box keeps its size). */
  get placeholder(): string | null {
    return this.held ? this.m.holds : null;
  }

  /** Under a box that publishes: how to format, and the shortcut (`publishes` false: an edit, which saves). */
  help(id: string, publishes = true) {
    const m = this.m;
    return html`<details class="help">
        <summary>${m.formatting}</summary>
        <p>${m.formattingHelp.map((syntax) => html`<code>${syntax}</code> `)}</p>
      </details>
      ${publishes ? html`<span class="hint" id=${`${id}-hint`}>${m.shortcut}</span>` : nothing}`;
  }

  editor(c: Comment) {
    return this.composer(`edit:${c.id}`, { label: this.m.edit, submit: this.m.save, onSubmit: () => this.saveEdit(c) });
  }

  /** The buttons after "like" under a comment. */
  actions(c: Comment, thread: Thread, accepted: boolean) {
    const { host } = this;
    const m = this.m;
    const viewer = host.page!.viewer;
    const own = c.author?.id === viewer.id;
    const published = c.status === 'published';
    // The asker (or a steward) accepts someone else's answer.
    const canAccept =
      published && host.qa && thread.isQuestion && c.parentId === thread.id && c.author?.id !== thread.author?.id && (viewer.canSteward || thread.author?.id === viewer.id);
    const opens = (kind: string, label: string, initial?: string) => {
      const key = `${kind}:${c.id}`;
      return html`<button class="link" aria-expanded=${host.open === key} @click=${(e: Event) => this.toggle(key, e.currentTarget as HTMLElement, initial)}>${label}</button>`;
    };
    return html`${published && viewer.canWrite ? opens('reply', m.reply) : nothing}
    ${canAccept
      ? html`<button class="link accept ${accepted ? 'on' : ''}" aria-pressed=${accepted} @click=${() => this.accept(c, thread)}>
          ${icon(check, 14)}${accepted ? m.unaccept : m.accept}
        </button>`
      : nothing}
    ${own && published ? opens('edit', m.edit, c.body) : nothing} ${own ? opens('delete', m.delete) : nothing}
    ${!own && published ? opens('report', m.report) : nothing}`;
  }

  /** The reply, report or delete form open under a comment, if any. */
  form(c: Comment) {
    const { host } = this;
    const m = this.m;
    const key = host.open;
    if (key === `reply:${c.id}`) {
      return this.composer(key, {
        label: m.replyTo.replace('#', c.author?.name ?? ''),
        placeholder: m.placeholderReply,
        submit: c.isQuestion ? m.publishAnswer : host.m.publish,
        onSubmit: () => this.post(key),
      });
    }
    if (key === `report:${c.id}`) {
      return this.composer(key, { label: m.reportReason, submit: m.sendReport, rows: 2, onSubmit: () => this.report(c) });
    }
    if (key === `delete:${c.id}`) {
      return html`<div class="confirm" data-key=${key} role="group" aria-label=${m.confirmDelete}>
        <span>${m.confirmDelete}</span>
        <button class="btn danger" ?disabled=${host.busy.has(key)} @click=${() => this.remove(c)}>${m.delete}</button>
        <button class="btn" @click=${() => this.close()}>${m.cancel}</button>
        ${host.renderNote(key)}
      </div>`;
    }
    return nothing;
  }

  /** A reply, an edit or a report under a comment (the new comment's box is the component's). */
  private composer(key: string, options: ComposerOptions) {
    const { host } = this;
    const m = this.m;
    const id = `f-${key.replace(':', '-')}`;
    const report = key.startsWith('report:');
    // Ctrl+Enter publishes a reply; in an edit it saves, which the button says: no hint there.
    const publishes = !report && !key.startsWith('edit:');
    return html`<form
      class="composer sub"
      part="composer"
      data-key=${key}
      @submit=${(event: Event) => {
        event.preventDefault();
        options.onSubmit();
      }}
    >
      <label for=${id} class=${report ? 'label' : 'sr-only'}>${options.label}</label>
      <textarea
        id=${id}
        rows=${options.rows ?? 3}
        maxlength=${report ? 500 : 10000}
        placeholder=${this.placeholder ?? options.placeholder ?? ''}
        aria-describedby=${publishes ? `${id}-hint` : nothing}
        .value=${host.text(key)}
        @input=${(event: InputEvent) => host.setText(key, (event.target as HTMLTextAreaElement).value)}
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            options.onSubmit();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            void this.close();
          }
        }}
      ></textarea>
      <div class="bar">
        ${report ? nothing : this.help(id, publishes)}
        <span class="moves">
          <button type="button" class="btn" @click=${() => this.close()}>${m.cancel}</button>
          <button class="btn primary" ?disabled=${host.busy.has(key)}>${options.submit}</button>
        </span>
      </div>
      ${host.renderNote(key)}
    </form>`;
  }
}
