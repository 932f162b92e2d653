import { html, nothing, type TemplateResult } from 'lit';
import type { RucheNotification } from '../../shared/api-types.ts';
import { en } from '../../widgets/notifications/inbox.messages.en.ts';
import { fr } from '../../widgets/notifications/inbox.messages.fr.ts';
import { renderNotice } from '../../widgets/notifications/notice.ts';
import browser from '../shared/browser.ts';
import type { Lang } from '../shared/settings.ts';

type Page = { items: RucheNotification[]; unreadCount: number; nextCursor: string | null };

/**
 * The person's notifications in the toolbar popup, in the same words as the intranet's bell
 * (widgets/notifications/notice.ts): the background reads them with the person's token.
 * Following one opens its page in a new tab and marks it read.
 */
export class PopupInbox {
  items: RucheNotification[] | null = null;
  nextCursor: string | null = null;
  signedOut = false;
  failed = false;

  constructor(
    private readonly lang: Lang,
    private readonly redraw: () => void,
  ) {}

  async load(more = false): Promise<void> {
    const answer = (await browser.runtime.sendMessage({ type: 'inbox', cursor: more ? this.nextCursor : null }).catch((error: unknown) => ({ error }))) as
      | Page
      | { error: unknown };
    if ('error' in answer) {
      this.signedOut = answer.error === 'signed-out' || answer.error === 401;
      this.failed = !this.signedOut;
    } else {
      this.items = more ? [...(this.items ?? []), ...answer.items] : answer.items;
      this.nextCursor = answer.nextCursor;
    }
    this.redraw();
  }

  private async read(ids?: string[]): Promise<void> {
    const now = new Date().toISOString();
    this.items = (this.items ?? []).map((n) => (!n.readAt && (!ids || ids.includes(n.id)) ? { ...n, readAt: now } : n));
    this.redraw();
    const answer = (await browser.runtime.sendMessage({ type: 'inbox-read', ids }).catch((error: unknown) => ({ error }))) as { error?: unknown };
    // Refused or unreachable: the list is read again as the server has it.
    if (answer.error !== undefined) await this.load();
  }

  private open(n: RucheNotification, event: MouseEvent): void {
    event.preventDefault();
    if (!n.readAt) void this.read([n.id]);
    void browser.tabs.create({ url: n.link! }).then(() => window.close());
  }

  render(): TemplateResult | typeof nothing {
    if (!this.items && !this.failed && !this.signedOut) return nothing;
    const m = this.lang === 'en' ? en : fr;
    const items = this.items ?? [];
    return html`<div class="inbox" aria-labelledby="inbox-heading">
      <div class="inbox-head">
        <h2 id="inbox-heading">${m.heading}</h2>
        ${items.some((n) => !n.readAt) ? html`<button class="link" @click=${() => void this.read()}>${m.markAll}</button>` : nothing}
      </div>
      ${this.signedOut
        ? html`<p class="help">${m.signIn}</p>`
        : this.failed
        ? html`<p class="help">${m.unreachable}</p>
            <button @click=${() => ((this.failed = false), void this.load())}>${m.retry}</button>`
        : items.length
          ? html`<ul role="list">
              ${items.map((n) => renderNotice(n, this.lang, m, { open: (x, e) => this.open(x, e), read: (x) => void this.read([x.id]) }))}
            </ul>`
          : html`<p class="help">${m.empty}</p>`}
      ${this.nextCursor ? html`<button @click=${() => void this.load(true)}>${m.more}</button>` : nothing}
    </div>`;
  }
}
