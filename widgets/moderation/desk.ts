import { css, html, nothing } from 'lit';
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
import type { RuchePulse } from '../pulse/pulse.component.ts';
import { ModerationControls, type Target } from './controls.ts';

/**
 * The stewards' desk in <ruche-pulse>, beside the space's figures: what waits for them (pending
 * posts, reported ones with the reasons — reporters are never named), oldest first, with the same
 * moves as under the posts; the audit log of every steward's action; and the space's settings
 * (pre-moderation, watched words). It is a space's view, not a page's: the comments and ideas of
 * every page of the space meet here. Loaded for the space's stewards only.
 */
type View = 'queue' | 'log' | 'settings';

const words = {
  fr: {
    views: 'Modération',
    queue: 'À traiter',
    log: 'Journal',
    settings: 'Réglages',
    loading: 'Chargement…',
    summary: 'Les plus anciens d’abord. Les auteurs des signalements ne sont jamais nommés.',
    empty: 'Rien à traiter : aucun message en attente, aucun signalement ouvert.',
    more: 'Afficher la suite',
    kinds: { comment: 'Commentaire', answer: 'Réponse', question: 'Question', idea: 'Idée' },
    pending: 'En attente',
    premoderation: 'pré-modération',
    word: 'mot surveillé «\u00a0#\u00a0»',
    reported: ['Signalé 1 fois', 'Signalé # fois'],
    hidden: 'Masqué',
    anonymous: 'Anonyme',
    formerMember: 'Ancien membre',
    on: 'sur',
    reasons: 'Raisons données',
    logEmpty: 'Aucune action pour l’instant.',
    actions: {
      hide: 'a masqué',
      restore: 'a rétabli',
      dismiss: 'a classé les signalements sur',
      approve: 'a approuvé',
      reject: 'a refusé',
      settings: 'a changé les réglages',
      edit: 'a reformulé',
    },
    targets: { comment: 'un commentaire', idea: 'une idée' },
    premod: {
      off: ['Désactivée', 'Les messages sont publiés aussitôt ; un mot surveillé retient un message.'],
      guests: ['Pour les invités', 'Les messages des invités (partenaires externes) et les idées anonymes attendent un animateur.'],
      everyone: ['Pour tout le monde', 'Chaque message attend un animateur avant d’être publié.'],
    },
    premodLegend: 'Pré-modération',
    stewardsNever: 'Les messages des animateurs ne sont jamais retenus.',
    wordsLabel: 'Mots surveillés',
    wordsHint: 'Un par ligne. Un message qui en contient un (mot entier, accents ignorés) attend un animateur. Seuls les animateurs voient cette liste.',
    save: 'Enregistrer',
    saved: 'Réglages enregistrés.',
    changes: { premoderation: 'pré-modération : # → &', added: 'mots ajoutés : #', removed: 'mots retirés : #' },
  },
  en: {
    views: 'Moderation',
    queue: 'To handle',
    log: 'Log',
    settings: 'Settings',
    loading: 'Loading…',
    summary: 'Oldest first. Who reported is never named.',
    empty: 'Nothing to handle: no post waiting, no open report.',
    more: 'Show more',
    kinds: { comment: 'Comment', answer: 'Answer', question: 'Question', idea: 'Idea' },
    pending: 'Waiting',
    premoderation: 'pre-moderation',
    word: 'watched word “#”',
    reported: ['Reported once', 'Reported # times'],
    hidden: 'Hidden',
    anonymous: 'Anonymous',
    formerMember: 'Former member',
    on: 'on',
    reasons: 'Reasons given',
    logEmpty: 'No action yet.',
    actions: {
      hide: 'hid',
      restore: 'restored',
      dismiss: 'dismissed the reports on',
      approve: 'approved',
      reject: 'refused',
      settings: 'changed the settings',
      edit: 'reworded',
    },
    targets: { comment: 'a comment', idea: 'an idea' },
    premod: {
      off: ['Off', 'Posts are published at once; a watched word holds a post back.'],
      guests: ['For guests', 'Posts by guests (external partners) and anonymous ideas wait for a steward.'],
      everyone: ['For everyone', 'Every post waits for a steward before it is published.'],
    },
    premodLegend: 'Pre-moderation',
    stewardsNever: 'Stewards’ posts are never held.',
    wordsLabel: 'Watched words',
    wordsHint: 'One per line. A post containing one (whole word, accents ignored) waits for a steward. Only stewards see this list.',
    save: 'Save',
    saved: 'Settings saved.',
    changes: { premoderation: 'pre-moderation: # → &', added: 'words added: #', removed: 'words removed: #' },
  },
};

const styles = css`
  .desk {
    margin-top: 1em;
  }
  .desk .seg {
    width: fit-content;
  }
  .desk-note {
    margin: 0.8em 0;
    color: var(--_muted);
    font-size: 0.88em;
  }
  .queue,
  .log {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .item {
    margin-bottom: 0.9em;
    padding: 0.8em 1em;
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_warning);
    border-radius: var(--_radius);
    background: var(--_bg);
    outline-offset: 3px;
  }
  .item.reported {
    border-left-color: var(--_danger);
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em;
    font-size: 0.8em;
  }
  .badge {
    padding: 0.05em 0.6em;
    border-radius: 999px;
    background: var(--_surface);
    font-weight: 650;
  }
  .badge.pending {
    background: color-mix(in srgb, var(--_warning) 14%, var(--_bg));
    color: var(--_warning);
  }
  .badge.reported {
    background: color-mix(in srgb, var(--_danger) 12%, var(--_bg));
    color: var(--_danger);
  }
  .item .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.2em 0.5em;
    margin-top: 0.55em;
    font-size: 0.88em;
  }
  .item .meta .avatar {
    font-size: 0.75em;
  }
  .item .meta a {
    color: var(--_accent);
  }
  .muted {
    color: var(--_muted);
  }
  .item h5 {
    margin: 0.5em 0 0;
    font-size: 1em;
  }
  .text {
    margin-top: 0.45em;
    padding: 0.5em 0.75em;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
    overflow-wrap: anywhere;
  }
  .text > * {
    margin: 0 0 0.5em;
  }
  .text > :last-child {
    margin: 0;
  }
  .text a {
    color: var(--_accent);
  }
  .reasons {
    margin: 0.6em 0 0;
    padding: 0;
    list-style: none;
    font-size: 0.9em;
  }
  .reasons li {
    margin-top: 0.2em;
  }
  .reasons time {
    margin-left: 0.5em;
  }
  .reasons q {
    font-style: italic;
  }
  .moves {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin-top: 0.7em;
  }
  .log li {
    display: flex;
    gap: 0.7em;
    padding: 0.6em 0;
    border-bottom: 1px solid var(--_border);
    font-size: 0.92em;
  }
  .log .avatar {
    font-size: 0.75em;
  }
  .log q {
    display: block;
    margin-top: 0.15em;
    font-style: italic;
  }
  .log time {
    display: block;
    color: var(--_muted);
    font-size: 0.85em;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend,
  .field-label {
    display: block;
    margin: 0.9em 0 0.4em;
    padding: 0;
    font-weight: 650;
  }
  .choice {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 0.5em;
    margin: 0.3em 0;
  }
  .choice input {
    margin: 0.25em 0 0;
    accent-color: var(--_accent);
  }
  .choice span {
    grid-column: 2;
    color: var(--_muted);
    font-size: 0.88em;
  }
  .words {
    display: block;
    width: 100%;
    min-height: 6em;
    padding: 0.5em 0.7em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    font: 0.92em ui-monospace, Menlo, Consolas, monospace;
    resize: vertical;
  }
  .save {
    display: flex;
    align-items: center;
    gap: 0.8em;
    margin-top: 0.8em;
  }
  .btn.primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .ok {
    color: var(--_success);
  }
`;

export class ModerationDesk {
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

  static async for(host: RuchePulse, settings: ModerationSettings): Promise<ModerationDesk> {
    const desk = new ModerationDesk(host, settings);
    await desk.loadQueue();
    return desk;
  }

  private constructor(
    private readonly host: RuchePulse,
    private settings: ModerationSettings,
  ) {
    host.addStyles(styles);
    this.controls = new ModerationControls(this.hostApi(), this.form,
      (target, result) => this.handled(target, result.action),
    );
  }

  /** What the controls need of the widget (its rendering is the pulse's), read when used. */
  private hostApi() {
    const host = this.host;
    return {
      get language() {
        return host.language;
      },
      get ctx() {
        return host.ctx;
      },
      get renderRoot() {
        return host.renderRoot;
      },
      get updateComplete() {
        return host.updateComplete;
      },
      addStyles: (s: Parameters<RuchePulse['addStyles']>[0]) => host.addStyles(s),
      requestUpdate: () => host.requestUpdate(),
    };
  }

  private get w() {
    return words[this.host.language];
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
      this.queue = await this.host.ctx!.client.get('/api/moderation', { space: this.space, limit: 50 });
      this.failure = '';
    } catch (error) {
      this.failure = errorMessage(error, this.host.language);
    }
    this.host.requestUpdate();
  }

  private async loadLog(more = false): Promise<void> {
    try {
      const page = await this.host.ctx!.client.get('/api/moderation/log', {
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
      this.settings = await this.host.ctx!.client.request('PUT', '/api/moderation/settings', {
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
