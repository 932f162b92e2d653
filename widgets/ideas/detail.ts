import { css, html, nothing, type ReactiveController } from 'lit';
import type { Idea, IdeaDetail, IdeaLiveEvent, IdeaPage, IdeaStatusChange } from '../../shared/api-types.ts';
import { avatar } from '../shared/avatar.ts';
import { errorMessage, type Lang } from '../shared/i18n.ts';
import { renderMarkdown } from '../shared/markdown.ts';
import { authorName, fill, statusBadge, when, type IdeaBoxView, type ViewName, type Votable } from './parts.ts';
import { messages, type DetailMessages } from './detail.messages.ts';
import type { StewardHost, StewardParticipation, Stewarding } from './steward.ts';
import type { ModerationControls } from '../moderation/controls.ts';
import type { IdeaMovesHost, IdeaMovesParticipation } from '../moderation/idea-moves.ts';

const styles = css`
  .back {
    margin: -0.2em 0 0.7em -0.45em;
  }
  .top {
    display: flex;
    align-items: flex-start;
    gap: 0.9em;
  }
  .top h3 {
    margin-top: 0.2em;
  }
  .byline {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.2em 0.5em;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .byline b {
    color: var(--_text);
  }
  .small {
    width: 1.9em;
    height: 1.9em;
    font-size: 0.75em;
  }
  /* Two colours of the shared palette are too light for white initials this small (WCAG AA). */
  .c1 {
    background: #287459;
  }
  .anonymous {
    background: #66717f;
  }
  .body {
    margin: 1em 0;
    overflow-wrap: anywhere;
  }
  .body > * {
    margin: 0 0 0.6em;
  }
  .body > :last-child {
    margin: 0;
  }
  .body ul,
  .body ol {
    padding-left: 1.4em;
    list-style: disc;
  }
  .body ol {
    list-style: decimal;
  }
  blockquote {
    margin: 0;
    padding-left: 0.85em;
    border-left: 3px solid var(--_border);
    color: var(--_muted);
  }
  code {
    padding: 0.1em 0.35em;
    border-radius: 4px;
    background: var(--_surface);
    font: 0.88em ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace;
  }
  pre {
    overflow-x: auto;
    padding: 0.7em 0.85em;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .body a {
    color: var(--_accent);
  }
  .word,
  .box {
    margin: 1em 0;
    padding: 0.7em 0.9em;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .word {
    border-left: 4px solid var(--_c);
    background: color-mix(in srgb, var(--_c) 8%, var(--_bg));
  }
  .word .label {
    color: var(--_c);
    font-size: 0.9em;
    font-weight: 650;
  }
  .word .body {
    margin: 0.3em 0 0;
  }
  .box .btn {
    margin-top: 0.5em;
  }
  .box .link {
    color: var(--_accent);
    text-align: start;
  }
  .view h4 {
    margin: 1.6em 0 0.7em;
    font-size: 1.05em;
  }
  .history {
    margin-left: 0.4em;
    padding-left: 1.2em;
    border-left: 2px solid var(--_border);
  }
  .history li {
    position: relative;
    margin-bottom: 0.9em;
    color: var(--_muted);
    font-size: 0.92em;
  }
  .history li::before {
    content: '';
    position: absolute;
    top: 0.4em;
    left: calc(-1.2em - 6px);
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--_c, var(--_muted));
    box-shadow: 0 0 0 3px var(--_bg);
  }
  .became {
    color: var(--_text);
    font-weight: 600;
  }
  .history .body {
    margin: 0.3em 0 0;
    color: var(--_text);
  }
  .s-held {
    --_c: var(--_warning);
  }
  .word .only {
    color: var(--_muted);
    font-size: 0.88em;
  }
  .report {
    margin: 0.6em 0 0 -0.45em;
  }
  .report textarea {
    display: block;
    width: 100%;
    margin: 0.4em 0;
    padding: 0.4em 0.6em;
    field-sizing: content;
    min-height: 3.2em;
  }
  .moves {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
`;

/** What the idea's view needs of the idea box's participation, its own and for the stewards' controls and moves. */
export interface DetailParticipation extends StewardParticipation, IdeaMovesParticipation {
  /** A change of the idea, applied to the list too. */
  patch(id: string, changes: Partial<Idea>): void;
  backButton(): unknown;
}

/**
 * What the idea's view needs of <ruche-idea-box>: the page read (the viewer's rights), votes, other
 * views, and what the stewards' controls and moves need (they are shown in this view, on its host).
 */
export interface DetailHost extends StewardHost, IdeaMovesHost {
  readonly page: IdeaPage | null;
  readonly theme: string | null;
  voteButton(idea: Votable, noteKey?: string): unknown;
  open(name: ViewName, id?: string): Promise<void>;
  readonly participation: DetailParticipation | null;
}

export async function load(host: DetailHost): Promise<IdeaDetailView> {
  await messages.ready(host.language);
  return new IdeaDetailView(host);
}

/**
 * One step of an idea's history: what it became, who decided, when, and why (unless that is the
 * stewards' word shown above it). Also shown in the news.
 */
export function changeEntry(change: IdeaStatusChange, m: DetailMessages, lang: Lang, reasonShown = false) {
  // « Planifiée par Karim Haddad », « Fusionnée avec « … » par … »: a sentence, not « Passée à [Planifiée] ».
  const became = fill(m.became[change.to], change.mergedInto?.title ?? '');
  return html`<p>
      <span class="became">${became}</span>${change.by ? ` ${fill(m.by, change.by.name)}` : nothing} · ${when(change.at, lang)}
    </p>
    ${change.reasonTree && !reasonShown ? html`<div class="body">${renderMarkdown(change.reasonTree)}</div>` : nothing}`;
}

/**
 * An idea on its own: its text, the stewards' word on its status, its history from the day it was
 * proposed, what it was merged with, and its discussion (the comments widget, on the idea's subject).
 * Stewards also get their controls (steward.ts, loaded for them only).
 */
export class IdeaDetailView implements IdeaBoxView, ReactiveController {
  idea: IdeaDetail | null = null;
  private steward: Stewarding | null = null;
  /** Hiding, restoring, approving, refusing the idea: for the space's stewards only. */
  private moves: ModerationControls | null = null;
  private reporting = false;
  private reason = '';

  constructor(private readonly host: DetailHost) {
    host.addController(this);
    host.addStyles(styles);
  }

  hostDisconnected(): void {
    // Nothing to stop: the discussion is a widget of its own, which stops itself, and the stewards' controls do too.
  }

  get m(): DetailMessages {
    return messages.in(this.host.language);
  }

  async open(id: string): Promise<void> {
    const { host } = this;
    const [idea] = await Promise.all([
      host.context.client.get('/api/ideas/:id', { id }),
      // The discussion is a <ruche-comments> in this shadow root, where the loader does not look.
      customElements.get('ruche-comments') ? null : import('../comments/comments.ts').then((module) => module.define()),
      host.page?.viewer.canSteward && !this.steward ? import('./steward.ts').then(({ Stewarding }) => (this.steward = new Stewarding(host, this))) : null,
      host.page?.viewer.canSteward && !this.moves ? import('../moderation/idea-moves.ts').then(({ load }) => (this.moves = load(host, this))) : null,
    ]);
    this.reporting = false;
    host.notes.delete('detail');
    this.idea = idea;
  }

  /** The idea as the server now has it (after a decision, a signature). */
  replace(idea: IdeaDetail): void {
    this.idea = idea;
    this.host.participation!.patch(idea.id, idea);
  }

  changed(event: IdeaLiveEvent): void {
    const idea = this.idea!;
    if (!idea.history.some((change) => change.id === event.change.id)) idea.history.push(event.change);
    this.host.requestUpdate();
  }

  /** The author of an anonymous idea puts their name on it. */
  private async sign(): Promise<void> {
    const { host } = this;
    try {
      this.replace(await host.context.client.request('PATCH', '/api/ideas/:id', { query: { id: this.idea!.id }, body: { anonymous: false } }));
      host.participation!.announce(this.m.signed);
    } catch (error) {
      host.note('detail', errorMessage(error, host.language));
    }
  }

  /** Anyone signed in may ask the stewards to look at someone else's idea (reporters are never named). */
  private async report(): Promise<void> {
    const { host } = this;
    const reason = this.reason.trim();
    if (!reason) return host.participation!.focusIn('#report-reason');
    try {
      await host.context.client.request('POST', '/api/ideas/:id/report', { query: { id: this.idea!.id }, body: { reason } });
      this.reporting = false;
      this.reason = '';
      host.note('detail', this.m.reported, false);
    } catch (error) {
      host.note('detail', errorMessage(error, host.language));
    }
  }

  /** What the author and the stewards read of a hidden or waiting idea; the stewards' moves; reporting. */
  private moderation(idea: IdeaDetail) {
    const { host } = this;
    const m = this.m;
    const held = idea.moderation;
    const target = { kind: 'idea' as const, id: idea.id, status: held?.state ?? ('published' as const), reported: (idea.openReports ?? 0) > 0 };
    return html`${held
        ? html`<aside class="word s-held">
            <p class="label">${held.state === 'pending' ? m.waiting : m.hiddenBy}${held.word ? html` · ${fill(m.heldWord, held.word)}` : nothing}</p>
            ${held.reason ? html`<p>${held.reason}</p>` : nothing}
            <p class="only">${idea.mine ? m.onlyYou : m.onlyStewards}</p>
          </aside>`
        : nothing}
      ${this.moves ? html`<div class="moves">${this.moves.buttons(target, false)}</div>${this.moves.form(target)}` : nothing}
      ${host.page?.viewer.id && !idea.mine && !held
        ? html`<div class="report">
            ${this.reporting
              ? html`<label for="report-reason">${m.reportReason}</label>
                  <textarea id="report-reason" maxlength="500" .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}></textarea>
                  <button class="btn" @click=${() => ((this.reporting = false), host.requestUpdate())}>${m.cancel}</button>
                  <button class="btn primary" @click=${() => this.report()}>${m.sendReport}</button>`
              : html`<button
                  class="link"
                  @click=${async () => {
                    this.reporting = true;
                    host.requestUpdate();
                    await host.updateComplete;
                    host.participation!.focusIn('#report-reason');
                  }}
                >
                  ${m.report}
                </button>`}
          </div>`
        : nothing}`;
  }

  render() {
    const { host } = this;
    const idea = this.idea!;
    const m = this.m;
    const lm = host.m;
    const lang = host.language;
    const dayOnly = idea.createdAtPrecision === 'day';
    const decided = [...idea.history].reverse().find((change) => change.to === idea.status);
    const anonymousMine = idea.mine && idea.anonymous;
    const link = (ref: { id: string; title: string }) => html`<button class="link" @click=${() => host.open('idea', ref.id)}>${ref.title}</button>`;
    return html`${host.participation!.backButton()}
      <article>
        <div class="top">
          ${host.voteButton(idea, 'detail')}
          <div class="main">
            <div class="meta">${statusBadge(idea.status, lm)} ${idea.tags.map((tag) => html`<span class="tag">${tag}</span>`)}</div>
            <h3 tabindex="-1">${idea.title}</h3>
            <p class="byline">${avatar(idea.author, 'small')} <b>${authorName(idea, lm)}</b> ${when(idea.createdAt, lang, dayOnly)}</p>
          </div>
        </div>
        ${host.renderNote('detail')}
        <div class="body">${renderMarkdown(idea.tree)}</div>
        ${idea.statusReasonTree
          ? html`<aside class="word s-${idea.status}">
              <p class="label">${m.stewardsWord}${decided?.by ? ` · ${decided.by.name}` : ''}</p>
              <div class="body">${renderMarkdown(idea.statusReasonTree)}</div>
            </aside>`
          : nothing}
        ${idea.mergedInto ? html`<p class="box">${m.mergedInto} ${link(idea.mergedInto)}</p>` : nothing}
        ${idea.mergedFrom.length ? html`<p class="box">${m.mergedFrom} ${idea.mergedFrom.map(link)}</p>` : nothing}
        ${anonymousMine
          ? html`<div class="box">
              <p>${m.yourAnonymous}</p>
              <button class="btn" @click=${() => this.sign()}>${m.sign}</button>
            </div>`
          : nothing}
        ${this.moderation(idea)} ${host.page?.viewer.canSteward ? (this.steward?.render() ?? nothing) : nothing}
        <h4>${m.history}</h4>
        <ol class="history">
          <li class="s-new"><p>${m.created} · ${when(idea.createdAt, lang, dayOnly)}</p></li>
          ${idea.history.map((change) => html`<li class="s-${change.to}">${changeEntry(change, m, lang, change === decided && !!idea.statusReasonTree)}</li>`)}
        </ol>
        ${anonymousMine ? html`<p class="note">${m.signedComments}</p>` : nothing}
        <ruche-comments subject=${idea.subjectKey} space=${host.spaceSlug ?? nothing} lang=${lang} theme=${host.theme ?? nothing}></ruche-comments>
      </article>`;
  }
}
