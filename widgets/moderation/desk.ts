import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type {
  ModerationLog,
  ModerationQueue,
  ModerationQueueItem,
  ModerationSettings,
  Premoderation,
} from '../../shared/api-types.ts';
import { avatar } from '../shared/avatar.ts';
import { absoluteDate, errorMessage, plural, relativeDate } from '../shared/i18n.ts';
import { renderMarkdown } from '../shared/markdown.ts';
import { ModerationControls, type ControlsHost, type Target } from './controls.ts';
import { messages, type DeskMessages } from './desk.messages.ts';
import { styles } from './desk.styles.ts';

/**
 * The stewards' desk in <ruche-pulse>, beside the space's figures: what waits for them (pending
 * posts, reported ones with the reasons — reporters are never named), oldest first, with the same
 * moves as under the posts; the audit log of every steward's action; and the space's settings
 * (pre-moderation, watched words). It is a space's view, not a page's: the comments and ideas of
 * every page of the space meet here. Loaded for the space's stewards only.
 */
type View = 'queue' | 'log' | 'settings';

/** What the desk needs of the widget it is shown in (the pulse): what its moderation moves need. */
export interface DeskHost extends ControlsHost, ReactiveControllerHost {}

export class ModerationDesk implements ReactiveController {
  private view: View = 'queue';
  private queue: ModerationQueue | null = null;
  private log: ModerationLog | null = null;
  private failure = '';
  private announcement = '';
  private readonly form = { open: null as string | null };
  private readonly controls: ModerationControls;
  private draft: { premoderation: Premoderation; words: string } | null = null;
  private saved = false;
  private busy = false;

  static async for(host: DeskHost, settings: ModerationSettings): Promise<ModerationDesk> {
    await messages.ready(host.language);
    const desk = new ModerationDesk(host, settings);
    await desk.loadQueue();
    return desk;
  }

  private constructor(
    private readonly host: DeskHost,
    private settings: ModerationSettings,
  ) {
    host.addController(this);
    host.addStyles(styles);
    this.controls = new ModerationControls(host, this.form, (target, result) => this.handled(target, result.action));
  }

  /** Before each render: when the person changed to English, its words load, then it renders again. */
  hostUpdate(): void {
    messages.ready(this.host.language)?.then(() => this.host.requestUpdate());
  }

  private get w(): DeskMessages {
    return messages.in(this.host.language);
  }

  private get space() {
    return this.settings.space.slug;
  }

  /** The tab's name, with what waits. */
  tabLabel(): string {
    const total = this.queue?.counts.total ?? 0;
    return total ? `${this.w.views} (${total})` : this.w.views;
  }

  private async loadQueue(): Promise<void> {
    try {
      this.queue = await this.host.context.client.get('/api/moderation', { space: this.space, limit: 50 });
      this.failure = '';
    } catch (error) {
      this.failure = errorMessage(error, this.host.language);
    }
    this.host.requestUpdate();
  }

  private async loadLog(more = false): Promise<void> {
    try {
      const page = await this.host.context.client.get('/api/moderation/log', {
        space: this.space,
        limit: 20,
        cursor: more ? this.log?.nextCursor : null,
      });
      this.log = more && this.log ? { ...page, entries: [...this.log.entries, ...page.entries] } : page;
      this.failure = '';
    } catch (error) {
      this.failure = errorMessage(error, this.host.language);
    }
    this.host.requestUpdate();
  }

  private show(view: View): void {
    this.view = view;
    this.failure = '';
    this.saved = false;
    if (view === 'queue') void this.loadQueue();
    if (view === 'log') void this.loadLog();
    this.host.requestUpdate();
  }

  /** A move was made on an item: it leaves the queue, the log will show it, focus goes to the next one. */
  private handled(target: Target, action: Parameters<ModerationControls['doneText']>[0]): void {
    const queue = this.queue;
    if (!queue) return;
    const index = queue.items.findIndex((i) => i.kind === target.kind && i.id === target.id);
    const [item] = index >= 0 ? queue.items.splice(index, 1) : [];
    if (item) {
      queue.counts.total--;
      if (item.state === 'pending') queue.counts.pending--;
      else queue.counts.reported--;
    }
    this.log = null;
    this.announcement = this.controls.doneText(action);
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const next = this.host.renderRoot.querySelectorAll<HTMLElement>('.item')[Math.max(0, index)];
      (next ?? this.host.renderRoot.querySelector<HTMLElement>('.desk .seg button'))?.focus();
    });
  }

  render() {
    const w = this.w;
    const views: [View, string][] = [
      ['queue', this.queue?.counts.total ? `${w.queue} (${this.queue.counts.total})` : w.queue],
      ['log', w.log],
      ['settings', w.settings],
    ];
    return html`<div class="desk">
      <div class="seg" role="group" aria-label=${w.views}>
        ${views.map(
          ([view, label]) =>
            html`<button class="link" aria-pressed=${this.view === view ? 'true' : 'false'} @click=${() => this.show(view)}>${label}</button>`,
        )}
      </div>
      ${this.failure ? html`<p class="alert" role="alert">${this.failure}</p>` : nothing}
      ${this.view === 'queue' ? this.renderQueue() : this.view === 'log' ? this.renderLog() : this.renderSettings()}
      <div class="sr-only" role="status">${this.announcement}</div>
    </div>`;
  }

  private renderQueue() {
    const w = this.w;
    const queue = this.queue;
    if (!queue) return html`<p class="desk-note">${w.loading}</p>`;
    if (!queue.items.length) return html`<p class="desk-note">${w.empty}</p>`;
    return html`<p class="desk-note">${w.summary}</p>
      <ol class="queue">
        ${queue.items.map((item) => html`<li>${this.renderItem(item)}</li>`)}
      </ol>`;
  }

  private renderItem(item: ModerationQueueItem) {
    const w = this.w;
    const lang = this.host.language;
    const kind = item.kind === 'idea' ? 'idea' : item.isQuestion ? 'question' : item.parentId ? 'answer' : 'comment';
    const target: Target = { kind: item.kind, id: item.id, status: item.status, reported: item.reports.count > 0 };
    const label = `q-${item.kind}-${item.id}`;
    const author = item.author?.name ?? (item.anonymous ? w.anonymous : w.formerMember);
    const where = item.subject.title ?? item.subject.url ?? item.subject.key;
    return html`<article class="item ${item.state}" tabindex="-1" aria-labelledby=${label}>
      <p class="badges" id=${label}>
        <span class="badge">${w.kinds[kind]}</span>
        ${item.state === 'pending'
          ? html`<span class="badge pending">${w.pending} · ${item.heldFor === 'word' && item.word ? w.word.replace('#', item.word) : w.premoderation}</span>`
          : html`<span class="badge reported">${plural(item.reports.count, lang, w.reported)}</span>`}
        ${item.status === 'hidden' ? html`<span class="badge">${w.hidden}</span>` : nothing}
      </p>
      <p class="meta">
        ${avatar(item.author)} <strong>${author}</strong>
        <span class="muted"
          >${item.createdAtPrecision === 'day'
            ? new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(item.createdAt))
            : html`<time datetime=${item.createdAt} title=${absoluteDate(item.createdAt, lang)}>${relativeDate(item.createdAt, lang)}</time>`}</span
        >
        ${item.kind === 'comment'
          ? html`<span class="muted">${w.on}</span>
              ${item.subject.url && /^https?:/.test(item.subject.url) ? html`<a href=${item.subject.url} target="_blank" rel="noopener">${where}</a>` : html`<span>${where}</span>`}`
          : nothing}
      </p>
      ${item.title ? html`<h5>${item.title}</h5>` : nothing}
      <div class="text">${renderMarkdown(item.tree)}</div>
      ${item.reports.count
        ? html`<ul class="reasons" aria-label=${w.reasons}>
            ${item.reports.reasons.map(
              (r) => html`<li><q>${r.reason}</q> <time class="muted" datetime=${r.at} title=${absoluteDate(r.at, lang)}>${relativeDate(r.at, lang)}</time></li>`,
            )}
          </ul>`
        : nothing}
      <div class="moves">${this.controls.buttons(target, false)}</div>
      ${this.controls.form(target)}
    </article>`;
  }

  private renderLog() {
    const w = this.w;
    const lang = this.host.language;
    const log = this.log;
    if (!log) return html`<p class="desk-note">${w.loading}</p>`;
    if (!log.entries.length) return html`<p class="desk-note">${w.logEmpty}</p>`;
    return html`<ol class="log">
        ${log.entries.map(
          (entry) => html`<li>
            ${avatar(entry.by)}
            <div>
              <strong>${entry.by?.name ?? w.formerMember}</strong> ${w.actions[entry.action]}${entry.target ? ` ${w.targets[entry.target.kind]}` : ''}${entry.action ===
              'settings'
                ? ` (${this.describe(entry.details)})`
                : ''}
              ${entry.reason ? html`<q>${entry.reason}</q>` : nothing}
              <time datetime=${entry.at} title=${absoluteDate(entry.at, lang)}>${relativeDate(entry.at, lang)}</time>
            </div>
          </li>`,
        )}
      </ol>
      ${log.nextCursor ? html`<p class="moves"><button class="btn" @click=${() => this.loadLog(true)}>${w.more}</button></p>` : nothing}`;
  }

  /** What a settings change changed, in words. */
  private describe(details: unknown): string {
    const w = this.w;
    const d = (details ?? {}) as { premoderation?: { from: Premoderation; to: Premoderation }; words?: { added: string[]; removed: string[] } };
    const parts: string[] = [];
    if (d.premoderation) parts.push(w.changes.premoderation.replace('#', w.premod[d.premoderation.from][0]!).replace('&', w.premod[d.premoderation.to][0]!));
    if (d.words?.added.length) parts.push(w.changes.added.replace('#', d.words.added.join(', ')));
    if (d.words?.removed.length) parts.push(w.changes.removed.replace('#', d.words.removed.join(', ')));
    return parts.join(' ; ');
  }

  private renderSettings() {
    const w = this.w;
    const draft = (this.draft ??= { premoderation: this.settings.premoderation, words: (this.settings.words ?? []).join('\n') });
    const change = () => {
      this.saved = false;
      this.host.requestUpdate();
    };
    return html`<form
      @submit=${(event: Event) => {
        event.preventDefault();
        void this.save();
      }}
    >
      <fieldset>
        <legend>${w.premodLegend}</legend>
        ${(['off', 'guests', 'everyone'] as const).map(
          (value) => html`<label class="choice">
            <input
              type="radio"
              name="premoderation"
              .checked=${draft.premoderation === value}
              @change=${() => {
                draft.premoderation = value;
                change();
              }}
            />
            <strong>${w.premod[value][0]}</strong>
            <span>${w.premod[value][1]}</span>
          </label>`,
        )}
        <p class="desk-note">${w.stewardsNever}</p>
      </fieldset>
      <label class="field-label" for="watched">${w.wordsLabel}</label>
      <textarea
        id="watched"
        class="words"
        aria-describedby="watched-hint"
        .value=${draft.words}
        @input=${(event: InputEvent) => {
          draft.words = (event.target as HTMLTextAreaElement).value;
          change();
        }}
      ></textarea>
      <p class="desk-note" id="watched-hint">${w.wordsHint}</p>
      <div class="save">
        <button class="btn primary" ?disabled=${this.busy}>${w.save}</button>
        ${this.saved ? html`<span class="ok" role="status">${w.saved}</span>` : nothing}
      </div>
    </form>`;
  }

  private async save(): Promise<void> {
    const draft = this.draft!;
    this.busy = true;
    this.failure = '';
    this.host.requestUpdate();
    try {
      this.settings = await this.host.context.client.request('PUT', '/api/moderation/settings', {
        body: {
          space: this.space,
          premoderation: draft.premoderation,
          words: draft.words
            .split(/[\n,]/)
            .map((word) => word.trim())
            .filter(Boolean),
        },
      });
      this.draft = null;
      this.saved = true;
      this.log = null;
    } catch (error) {
      this.failure = errorMessage(error, this.host.language);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}
