import { html, nothing, type CSSResultOrNative, type ReactiveControllerHost } from 'lit';
import type { RucheNotification } from '../../shared/api-types.ts';
import type { RucheContext } from '../shared/context.ts';
import { failureNotice, type ReadFailure } from '../shared/failure.ts';
import { errorMessage, type Lang } from '../shared/i18n.ts';
import { Reading } from '../shared/reading.ts';
import { styles } from './inbox.styles.ts';
import { messages } from './inbox.messages.ts';
import { renderNotice } from './notice.ts';
import type { UnreadCount } from './unread.ts';

/** What the list needs of the bell: the API, the count it moves, where it is drawn, how it closes. */
export interface InboxHost extends ReactiveControllerHost {
  readonly context: RucheContext;
  readonly language: Lang;
  readonly panelId: string;
  readonly unread: UnreadCount;
  readonly renderRoot: HTMLElement | DocumentFragment;
  addStyles(styles: CSSResultOrNative): void;
  close(restoreFocus: boolean): void;
}

const PAGE = 10;

/**
 * The person's notifications under the bell: newest first, ten at a time, each a link to the very
 * place (following it marks it read), one or all marked read. Loaded the first time the bell opens;
 * read again each time it opens, so it never shows what the count contradicts.
 */
export class Inbox {
  items: RucheNotification[] | null = null;
  nextCursor: string | null = null;
  failure: ReadFailure | null = null;
  /** A failed "more" or "mark read": said under the list, the list kept. */
  notice: string | null = null;
  loadingMore = false;
  private readonly reading: Reading<{ items: RucheNotification[]; unreadCount: number; nextCursor: string | null }>;

  constructor(private readonly host: InboxHost) {
    host.addStyles(styles);
    this.reading = new Reading(
      host,
      (signal) => host.context.client.get('/api/notifications', { limit: PAGE }, signal),
      (page) => {
        this.items = page.items;
        this.nextCursor = page.nextCursor;
        this.failure = null;
        host.unread.set(page.unreadCount);
        host.requestUpdate();
      },
      (failure) => {
        this.failure = failure;
        host.requestUpdate();
      },
    );
  }

  /** The panel opened: its words, then its first page; the focus goes to the panel. */
  async opened(): Promise<void> {
    await messages.ready(this.host.language);
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('.panel')?.focus();
    await this.reload();
  }

  reload(): Promise<void> {
    this.notice = null;
    return this.reading.run();
  }

  /** Another person: nothing of the one before stays. */
  forget(): void {
    this.reading.cancel();
    this.items = null;
    this.nextCursor = null;
    this.failure = null;
  }

  private async more(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return;
    const current = this.reading.current();
    this.loadingMore = true;
    this.host.requestUpdate();
    try {
      const page = await this.host.context.client.get('/api/notifications', { limit: PAGE, cursor: this.nextCursor });
      if (!current()) return;
      const known = new Set(this.items?.map((n) => n.id));
      this.items = [...(this.items ?? []), ...page.items.filter((n) => !known.has(n.id))];
      this.nextCursor = page.nextCursor;
      this.host.unread.set(page.unreadCount);
    } catch (error) {
      if (current()) this.notice = errorMessage(error, this.host.language);
    } finally {
      this.loadingMore = false;
      this.host.requestUpdate();
    }
  }

  /** Marks these read (all when omitted): shown at once, put back if the server refuses. */
  async markRead(ids?: string[]): Promise<void> {
    const before = this.items;
    const now = new Date().toISOString();
    this.items = (before ?? []).map((n) => (!n.readAt && (!ids || ids.includes(n.id)) ? { ...n, readAt: now } : n));
    this.notice = null;
    this.host.requestUpdate();
    try {
      const { unreadCount } = await this.host.context.client.request('POST', '/api/notifications/read', { body: ids ? { ids } : {} });
      this.host.unread.set(unreadCount);
    } catch (error) {
      this.items = before;
      this.notice = errorMessage(error, this.host.language);
      this.host.requestUpdate();
    }
  }

  /**
   * Following a notification marks it read. A plain click waits (briefly) for the server before
   * leaving the page, so the count there is right; a click that opens another tab does not.
   */
  private open(n: RucheNotification, event: MouseEvent): void {
    if (n.readAt) return;
    const marking = this.markRead([n.id]);
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const href = n.link!;
    void Promise.race([marking, new Promise((resolve) => setTimeout(resolve, 1500))]).then(() => {
      this.host.close(false);
      location.assign(href);
    });
  }

  render() {
    const lang = this.host.language;
    const m = messages.in(lang);
    const items = this.items;
    const unread = items?.some((n) => !n.readAt);
    return html`<section
      id=${this.host.panelId}
      class="panel"
      part="panel"
      role="dialog"
      aria-label=${m.heading}
      tabindex="-1"
    >
      <header>
        <h2>${m.heading}</h2>
        ${unread ? html`<button class="link" @click=${() => void this.markRead()}>${m.markAll}</button>` : nothing}
      </header>
      ${this.failure
        ? failureNotice(this.failure, m.retry, () => void this.reload())
        : !items
          ? html`<p class="quiet" role="status">${m.loading}</p>`
          : items.length === 0
            ? html`<p class="quiet">${m.empty}</p>`
            : html`<ul role="list" aria-busy=${this.loadingMore}>
                ${items.map((n) => renderNotice(n, lang, m, { open: (x, e) => this.open(x, e), read: (x) => void this.markRead([x.id]) }))}
              </ul>`}
      ${this.notice ? html`<p class="alert" role="alert">${this.notice}</p>` : nothing}
      ${this.nextCursor && items
        ? html`<button class="btn more" ?disabled=${this.loadingMore} @click=${() => void this.more()}>${this.loadingMore ? m.loading : m.more}</button>`
        : nothing}
    </section>`;
  }
}
