import { html, nothing } from 'lit';
import type { Comment, CommentPage, LikeState, NewComment, Thread } from '../../shared/api-types.ts';
import { newKey } from '../shared/api.ts';
import { errorMessage } from '../shared/i18n.ts';
import { readJson, removeKey, writeJson } from '../shared/storage.ts';
import { applyComment, setAccepted } from './changes.ts';
import { check, icon, type RucheComments } from './comments.component.ts';
import { messages } from './writing.messages.ts';
import { styles } from './writing.styles.ts';

interface ComposerOptions {
  label: string;
  hideLabel?: boolean;
  placeholder?: string;
  submit: string;
  rows?: number;
  onSubmit(): void;
  onCancel?(): void;
}

/**
 * The writing half of <ruche-comments>: the composer, replies, edits, deletion, reports, accepting
 * answers, and drafts that survive a reload. Loaded only for people who may write.
 */
export class Writing {
  /** What each box holds: `new`, `reply:<id>`, `edit:<id>`, `report:<id>`. */
  private texts = new Map<string, string>();
  /** The button that opened the form, to give focus back when it closes. */
  private opener: HTMLElement | null = null;
  /** The Idempotency-Key of each action until it succeeds, so that trying it again is not a second post. */
  private actionKeys = new Map<string, { text: string; key: string }>();

  /** Loads the composer for `host`, in its language. */
  static async for(host: RucheComments): Promise<Writing> {
    await messages.ready(host.language);
    return new Writing(host);
  }

  private constructor(private readonly host: RucheComments) {
    host.addStyles(styles);
    this.texts.set('new', readJson<string>(this.draftKey('new')) ?? '');
  }

  private get m() {
    return messages.in(this.host.language);
  }

  private draftKey(key: string): string {
    const { host } = this;
    const parent = key.startsWith('reply:') ? key.slice(6) : '';
    return `ruche:draft:${host.ctx!.api}|${host.spaceSlug ?? ''}|${host.subjectKey}|${parent}`;
  }

  private setText(key: string, text: string): void {
    this.texts.set(key, text);
    if (key === 'new' || key.startsWith('reply:')) {
      if (text.trim()) writeJson(this.draftKey(key), text);
      else removeKey(this.draftKey(key));
    }
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
      host.notes.set(noteKey, { text: errorMessage(error, host.language), error: true });
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
      host.ctx!.client.request<LikeState>(liked ? 'PUT' : 'DELETE', `/api/comments/${comment.id}/like`, { idempotencyKey }),
    );
    const final = state ?? before;
    Object.assign(comment, { likedByMe: final.liked, likeCount: final.count });
    host.requestUpdate();
  }

  private async post(key: string): Promise<void> {
    const { host } = this;
    const text = (this.texts.get(key) ?? '').trim();
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
    const comment = await this.act(key, key, (idempotencyKey) => host.ctx!.client.request<Comment>('POST', '/api/comments', { body, idempotencyKey }), text);
    if (!comment) return;
    applyComment(host.store, comment, host.placement(true));
    this.setText(key, '');
    // The box's value was typed, not bound: empty it here (Lit compares with what it last rendered).
    host.renderRoot.querySelector<HTMLTextAreaElement>(`[data-key="${key}"] textarea`)!.value = '';
    if (parentId) host.open = null;
    host.announce(this.m.posted);
    await host.updateComplete;
    host.focusIn(`#c-${comment.id}`);
  }

  private async saveEdit(comment: Comment): Promise<void> {
    const { host } = this;
    const key = `edit:${comment.id}`;
    const text = (this.texts.get(key) ?? '').trim();
    if (!text) return;
    const edited = await this.act(key, key, (idempotencyKey) => host.ctx!.client.request<Comment>('PATCH', `/api/comments/${comment.id}`, { body: { body: text }, idempotencyKey }), text);
    if (!edited) return;
    applyComment(host.store, edited, host.placement());
    this.texts.delete(key);
    await this.close();
  }

  private async remove(comment: Comment): Promise<void> {
    const { host } = this;
    const key = `delete:${comment.id}`;
    const done = await this.act(key, key, (idempotencyKey) => host.ctx!.client.request<void>('DELETE', `/api/comments/${comment.id}`, { idempotencyKey }).then(() => true));
    if (!done) return;
    host.open = null;
    applyComment(host.store, { ...comment, status: 'deleted', author: null, body: '', tree: [] }, host.placement());
    await host.updateComplete;
    host.focusIn('#heading');
  }

  private async report(comment: Comment): Promise<void> {
    const { host } = this;
    const key = `report:${comment.id}`;
    const reason = (this.texts.get(key) ?? '').trim();
    if (!reason) return host.focusIn(`[data-key="${key}"] textarea`);
    const done = await this.act(key, key, (idempotencyKey) => host.ctx!.client.request('POST', `/api/comments/${comment.id}/report`, { body: { reason }, idempotencyKey }), reason);
    if (!done) return;
    this.texts.delete(key);
    host.open = null;
    host.notes.set(`c:${comment.id}`, { text: this.m.reported, error: false });
    await host.updateComplete;
    host.focusIn(`#c-${comment.id} .note`);
  }

  private async accept(answer: Comment, question: Thread): Promise<void> {
    const { host } = this;
    const accept = question.acceptedAnswerId !== answer.id;
    const result = await this.act(`accept:${answer.id}`, `c:${answer.id}`, (idempotencyKey) =>
      host.ctx!.client.request<{ questionId: string; acceptedAnswerId: string | null }>(accept ? 'PUT' : 'DELETE', `/api/comments/${answer.id}/accept`, { idempotencyKey }),
    );
    if (!result) return;
    setAccepted(host.store, result.questionId, result.acceptedAnswerId);
    host.requestUpdate();
    await host.updateComplete;
    host.focusIn(`#c-${answer.id} .accept`); // its button moved with the answer
  }

  private async toggle(key: string, event: Event, initial = ''): Promise<void> {
    const { host } = this;
    if (host.open === key) return this.close();
    this.opener = event.currentTarget as HTMLElement;
    host.open = key;
    if (!this.texts.has(key)) this.texts.set(key, key.startsWith('reply:') ? (readJson<string>(this.draftKey(key)) ?? '') : initial);
    await host.updateComplete;
    host.focusIn(`[data-key="${key}"] textarea, [data-key="${key}"] .danger`);
  }

  private async close(): Promise<void> {
    const { host } = this;
    const key = host.open;
    if (key?.startsWith('reply:')) this.setText(key, ''); // "Annuler" discards the reply
    host.open = null;
    if (key) host.notes.delete(key);
    await host.updateComplete;
    if (this.opener?.isConnected) this.opener.focus();
  }

  // ---- rendering --------------------------------------------------------------------------------

  /** Above the list: the composer, or why one cannot write here. */
  area(page: CommentPage) {
    const m = this.m;
    if (!page.viewer.canWrite) return html`<p class="notice">${m.readOnly}</p>`;
    const qa = this.host.qa;
    return this.composer('new', {
      label: qa ? m.askQuestion : m.yourComment,
      placeholder: qa ? m.placeholderQa : m.placeholder,
      submit: qa ? m.publishQuestion : m.publish,
      onSubmit: () => this.post('new'),
    });
  }

  editor(c: Comment) {
    return this.composer(`edit:${c.id}`, { label: this.m.edit, hideLabel: true, submit: this.m.save, onSubmit: () => this.saveEdit(c), onCancel: () => this.close() });
  }

  /** The buttons after "like" under a comment. */
  actions(c: Comment, thread: Thread, accepted: boolean) {
    const { host } = this;
    const m = this.m;
    const viewer = host.page!.viewer;
    const own = !!viewer.id && c.author?.id === viewer.id;
    const published = c.status === 'published';
    const isAnswer = host.qa && thread.isQuestion && c.parentId === thread.id;
    // The asker (or a steward) accepts someone else's answer.
    const canAccept = isAnswer && published && c.author?.id !== thread.author?.id && (viewer.canSteward || (!!viewer.id && thread.author?.id === viewer.id));
    const opens = (kind: string, label: string, initial?: string) => {
      const key = `${kind}:${c.id}`;
      return html`<button class="link" aria-expanded=${host.open === key ? 'true' : 'false'} @click=${(e: Event) => this.toggle(key, e, initial)}>${label}</button>`;
    };
    return html`${published && viewer.canWrite ? opens('reply', m.reply) : nothing}
    ${canAccept
      ? html`<button class="link accept ${accepted ? 'on' : ''}" aria-pressed=${accepted ? 'true' : 'false'} @click=${() => this.accept(c, thread)}>
          ${icon(check, 14)}${accepted ? m.unaccept : m.accept}
        </button>`
      : nothing}
    ${own && published ? opens('edit', m.edit, c.body) : nothing} ${own || viewer.canSteward ? opens('delete', m.delete) : nothing}
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
        hideLabel: true,
        placeholder: m.placeholderReply,
        submit: c.isQuestion ? m.publishAnswer : m.publish,
        onSubmit: () => this.post(key),
        onCancel: () => this.close(),
      });
    }
    if (key === `report:${c.id}`) {
      return this.composer(key, { label: m.reportReason, submit: m.sendReport, rows: 2, onSubmit: () => this.report(c), onCancel: () => this.close() });
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

  private composer(key: string, options: ComposerOptions) {
    const m = this.m;
    const id = `f-${key.replace(':', '-')}`;
    const report = key.startsWith('report:');
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
        maxlength=${report ? 500 : 10000}
        placeholder=${options.placeholder ?? ''}
        aria-describedby=${report ? nothing : `${id}-hint`}
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
        ${report
          ? nothing
          : html`<details class="help">
              <summary>${m.formatting}</summary>
              <p>${m.formattingHelp.map((syntax) => html`<code>${syntax}</code> `)}</p>
            </details>`}
        <span class="hint" id=${`${id}-hint`}>${report ? '' : m.shortcut}</span>
        ${options.onCancel ? html`<button type="button" class="btn" @click=${options.onCancel}>${m.cancel}</button>` : nothing}
        <button class="btn primary" ?disabled=${this.host.busy.has(key)}>${options.submit}</button>
      </div>
      ${this.host.renderNote(key)}
    </form>`;
  }
}
