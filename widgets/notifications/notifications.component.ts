import { html, nothing, svg } from 'lit';
import { RucheElement } from '../shared/element.ts';
import { formatCount, plural } from '../shared/i18n.ts';
import { icon } from '../shared/icons.ts';
import { loadOnce } from '../shared/load-once.ts';
import { baseStyles } from '../shared/styles.ts';
import type { Inbox } from './inbox.ts';
import { messages } from './messages.ts';
import { styles } from './notifications.styles.ts';
import { UnreadCount, type Unread } from './unread.ts';

let ids = 0;

const bell = svg`<path d="M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 2H4.5Z"/><path d="M10 20.5a2 2 0 0 0 4 0"/>`;

/**
 * The bell for an intranet's header: the signed-in person's unread count, live, and their
 * notifications in a panel under it (newest first, by pages; one or all marked read). The count is
 * all a page carries: the list's code and words load when the panel first opens. Nobody signed in:
 * nothing shows.
 *
 * @summary Notification bell with the unread count and the person's inbox.
 * @attr lang - fr or en (default: the provider's, then the signed-in person's, then the page's)
 * @attr theme - light (default), dark or auto
 * @csspart button - the bell
 * @csspart count - the unread count on the bell
 * @csspart panel - the list of notifications
 */
export class RucheNotificationBell extends RucheElement {
  static override styles = [baseStyles, styles];
  static override translations = [messages];
  static override properties = {
    ...RucheElement.properties,
    count: { state: true },
    open: { state: true },
  };

  /** Unread notifications; null for nobody signed in, undefined until known. */
  declare count: Unread;
  declare open: boolean;
  readonly panelId = `ruche-inbox-${++ids}`;
  inbox: Inbox | null = null;
  private stopCounting: (() => void) | null = null;
  private readonly onOutside = (event: Event) => {
    if (this.open && !event.composedPath().includes(this)) this.close(false);
  };

  constructor() {
    super();
    this.count = undefined;
    this.open = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.onOutside);
    if (this.ctx && !this.stopCounting) this.countUnread(); // moved in the page: counting again
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.onOutside);
    this.stopCounting?.();
    this.stopCounting = null;
  }

  protected contextChanged(): void {
    this.close(false);
    this.inbox?.forget();
    if (this.isConnected) this.countUnread();
  }

  private countUnread(): void {
    this.stopCounting?.();
    this.stopCounting = this.unread.subscribe((count) => this.countChanged(count));
  }


  /** The one count of the page, which the list also moves when it marks notifications read. */
  get unread(): UnreadCount {
    return UnreadCount.for(this.context.client);
  }

  private countChanged(count: Unread): void {
    const before = this.count;
    this.count = count;
    if (typeof count !== 'number') this.close(false);
    // Something new while the list is open: it shows it.
    else if (this.open && typeof before === 'number' && count > before) void this.inbox?.reload();
  }

  private readonly loadInbox = loadOnce(() => import('./inbox.ts').then(({ Inbox }) => new Inbox(this)));

  private async toggle(): Promise<void> {
    if (this.open) return this.close(true);
    this.inbox ??= await this.loadInbox();
    this.open = true;
    await this.inbox.opened();
  }

  /** Escape, a click elsewhere or tabbing away closes the panel; Escape gives the focus back to the bell. */
  close(restoreFocus: boolean): void {
    if (!this.open) return;
    this.open = false;
    if (restoreFocus) this.renderRoot.querySelector<HTMLElement>('.bell')?.focus();
  }

  override render() {
    // Nothing to show yet (busy: the count is on its way), or nobody to show it to; the room stays.
    if (typeof this.count !== 'number' && !this.open) return html`<div class="wrap" aria-busy=${this.count === undefined}></div>`;
    const lang = this.language;
    const m = messages.in(lang);
    const count = this.count ?? 0;
    return html`<div
      class="wrap"
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape' && this.open) {
          event.stopPropagation();
          this.close(true);
        }
      }}
      @focusout=${(event: FocusEvent) => {
        const to = event.relatedTarget as Node | null;
        if (this.open && to && !this.renderRoot.contains(to)) this.close(false);
      }}
    >
      <button
        class="bell"
        part="button"
        aria-expanded=${this.open}
        aria-controls=${this.panelId}
        aria-label=${count ? plural(count, lang, m.unread) : m.noneUnread}
        title=${m.title}
        @click=${this.toggle}
      >
        ${icon(bell, 20)}
        ${count ? html`<span class="count" part="count" aria-hidden="true">${count > 99 ? '99+' : formatCount(count, lang)}</span>` : nothing}
      </button>
      ${this.open && this.inbox ? this.inbox.render() : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ruche-notifications': RucheNotificationBell;
  }
}
