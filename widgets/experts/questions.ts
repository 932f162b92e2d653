import { css, html, nothing, type CSSResultOrNative, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ExpertNotification, ExpertNotifications } from '../../shared/api-types.ts';
import { avatar } from '../shared/avatar.ts';
import type { RucheContext } from '../shared/context.ts';
import { absoluteDate, relativeDate, type Lang } from '../shared/i18n.ts';

/** What the questions need of <ruche-expert-finder>: its badge of questions not read, how to say a failure. */
export interface QuestionsHost extends ReactiveControllerHost {
  readonly context: RucheContext;
  readonly language: Lang;
  readonly theme: string | null;
  /** Questions for me not read yet (the finder's badge). */
  unread: number;
  addStyles(styles: CSSResultOrNative): void;
  /** What to say of a refused request (null: the person is invited to sign in instead). */
  failed(error: unknown): Promise<string | null>;
}

const messages = {
  fr: {
    lead: 'Les questions posées aux experts dont vous êtes, et celles restées sans réponse dans les espaces que vous animez.',
    readAll: 'Tout marquer comme lu',
    none: 'Aucune question pour vous. Des compétences à jour dans « Mon profil » aident à vous trouver.',
    loading: 'Chargement des questions…',
    expert: 'Vous êtes parmi les experts de “%”',
    next_expert: 'Toujours sans réponse : on compte sur vous pour “%”',
    steward: 'Sans réponse dans le délai promis, dans « % » que vous animez',
    anonymous: 'Un·e collègue',
    new: 'Nouveau',
    answered: 'Répondue',
    solved: 'Résolue',
    due: 'Réponse attendue d’ici le #',
    overdue: 'Délai promis dépassé',
    answer: 'Répondre',
    close: 'Fermer',
    page: 'Ouvrir la page',
  },
  en: {
    lead: 'Questions asked to experts you are one of, and those left unanswered in the spaces you steward.',
    readAll: 'Mark all as read',
    none: 'No questions for you. Up-to-date skills in “My profile” help people find you.',
    loading: 'Loading questions…',
    expert: 'You are among the experts on “%”',
    next_expert: 'Still unanswered: we count on you for “%”',
    steward: 'Unanswered in the promised time, in “%” which you steward',
    anonymous: 'A colleague',
    new: 'New',
    answered: 'Answered',
    solved: 'Solved',
    due: 'Answer expected by #',
    overdue: 'Promised time exceeded',
    answer: 'Answer',
    close: 'Close',
    page: 'Open the page',
  },
};

const styles = css`
  .qhead {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
  }
  .qhead .lead {
    flex: 1 1 18em;
    margin: 0;
  }
  .qlist {
    display: grid;
    gap: 0.7em;
    margin-top: 0.9em;
  }
  .q {
    display: flex;
    gap: 0.8em;
    padding: 0.9em 1em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
  }
  .q.unread {
    border-color: color-mix(in srgb, var(--_accent) 45%, var(--_border));
    box-shadow: inset 3px 0 0 var(--_accent);
  }
  .q > div {
    flex: 1;
    min-width: 0;
  }
  .qmeta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.2em 0.5em;
    align-items: baseline;
  }
  .qmeta time,
  .qwhy {
    color: var(--_muted);
    font-size: 0.88em;
  }
  .new,
  .state {
    padding: 0 0.55em;
    border-radius: 999px;
    background: var(--_accent-soft);
    color: var(--_accent);
    font-size: 0.78em;
    font-weight: 700;
  }
  .q blockquote {
    margin: 0.35em 0;
    padding-left: 0.75em;
    border-left: 3px solid var(--_border);
    overflow-wrap: anywhere;
  }
  .state {
    display: inline-block;
  }
  .ok {
    background: color-mix(in srgb, var(--_success) 12%, transparent);
    color: var(--_success);
  }
  .late {
    background: color-mix(in srgb, var(--_danger) 11%, transparent);
    color: var(--_danger);
  }
  .qactions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    margin-top: 0.6em;
  }
  .qactions a {
    color: var(--_accent);
    font-size: 0.92em;
  }
  .q ruche-comments {
    margin-top: 0.9em;
  }
`;

/** "Questions pour vous": what an expert (or a steward, once overdue) was asked, to answer in its thread. */
export default class Questions implements ReactiveController {
  private page: ExpertNotifications | { error: string } | null = null;
  private open: string | null = null;

  constructor(private readonly host: QuestionsHost) {
    host.addController(this);
    host.addStyles(styles);
    void this.load();
  }

  async load(): Promise<void> {
    const { host } = this;
    try {
      this.page = await host.context.client.get('/api/experts/notifications', { limit: 30 });
      host.unread = this.page.unreadCount;
    } catch (error) {
      const text = await host.failed(error);
      this.page = text ? { error: text } : null;
    }
    host.requestUpdate();
  }

  hostDisconnected(): void {
    // Nothing to stop: the finder polls, and a reading sent is kept by the server anyway.
  }

  private async read(ids?: string[]): Promise<void> {
    const { host } = this;
    const page = this.page as ExpertNotifications;
    const now = new Date().toISOString();
    for (const item of page.items) if (!ids || ids.includes(item.id)) item.readAt ??= now;
    host.unread = page.items.filter((item) => !item.readAt).length;
    try {
      ({ unreadCount: host.unread } = await host.context.client.request('POST', '/api/experts/notifications/read', { body: ids ? { ids } : {} }));
    } catch {
      // shown as read here; the next poll says what the server kept
    }
    host.requestUpdate();
  }

  private async toggle(item: ExpertNotification): Promise<void> {
    if (this.open !== item.id) {
      await import('../comments/comments.ts').then((c) => c.define());
      if (!item.readAt) void this.read([item.id]);
    }
    this.open = this.open === item.id ? null : item.id;
    this.host.requestUpdate();
  }

  render() {
    const { host, page } = this;
    const lang = host.language;
    const m = messages[lang];
    const unread = page && 'items' in page && page.items.some((item) => !item.readAt);
    return html`<div class="qhead">
        <p class="lead">${m.lead}</p>
        ${unread ? html`<button class="btn" @click=${() => this.read()}>${m.readAll}</button>` : nothing}
      </div>
      ${!page
        ? html`<p class="empty" aria-busy="true">${m.loading}</p>`
        : 'error' in page
          ? html`<p class="alert" role="alert">${page.error}</p>`
          : !page.items.length
            ? html`<p class="empty">${m.none}</p>`
            : html`<ul class="qlist">${page.items.map((item) => this.renderItem(item, m))}</ul>`}`;
  }

  private renderItem(item: ExpertNotification, m: (typeof messages)['fr']) {
    const lang = this.host.language;
    const q = item.question;
    const open = this.open === item.id;
    const url = q.subject.url && /^https?:\/\//i.test(q.subject.url) ? q.subject.url : null;
    const overdue = !q.answered && q.dueAt && Date.parse(q.dueAt) < Date.now();
    const why = m[item.reason].replace('%', () => (item.reason === 'steward' ? q.space.name : (q.topic ?? q.subject.title ?? '')));
    const state = q.acceptedAnswerId ? m.solved : q.answered ? m.answered : overdue ? m.overdue : q.dueAt ? m.due.replace('#', absoluteDate(q.dueAt, lang)) : '';
    return html`<li class="q ${item.readAt ? '' : 'unread'}">
      ${avatar(q.askedBy)}
      <div>
        <p class="qmeta">
          <b>${q.askedBy?.name ?? m.anonymous}</b>
          <time datetime=${q.askedAt} title=${absoluteDate(q.askedAt, lang)}>${relativeDate(q.askedAt, lang)}</time>
          ${item.readAt ? nothing : html`<span class="new">${m.new}</span>`}
        </p>
        <p class="qwhy">${why}</p>
        <blockquote>${q.excerpt}</blockquote>
        ${state ? html`<span class="state ${q.answered ? 'ok' : overdue ? 'late' : ''}">${state}</span>` : nothing}
        <div class="qactions">
          <button class="btn ${q.answered ? '' : 'primary'}" aria-expanded=${open ? 'true' : 'false'} @click=${() => this.toggle(item)}>${open ? m.close : m.answer}</button>
          ${url ? html`<a href=${url}>${m.page}</a>` : nothing}
        </div>
        ${open ? html`<ruche-comments mode="qa" space=${q.space.slug} subject=${q.subject.key} theme=${this.host.theme ?? nothing}></ruche-comments>` : nothing}
      </div>
    </li>`;
  }
}
