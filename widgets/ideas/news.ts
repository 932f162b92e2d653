import { css, html, nothing, type CSSResultOrNative, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { IdeaNews, IdeaPage } from '../../shared/api-types.ts';
import type { RucheContext } from '../shared/context.ts';
import type { Lang } from '../shared/i18n.ts';
import { changeEntry } from './detail.ts';
import { messages } from './detail.messages.ts';
import type { IdeaBoxView, ViewName } from './parts.ts';

/** What the news need of the idea box's participation: the count of unread news they clear, the view's title, the way back. */
export interface NewsParticipation {
  unread: number;
  readonly w: { readonly news: string };
  backButton(): unknown;
}

/** What the news need of <ruche-idea-box>: the API, the space read, and opening an idea. */
export interface NewsHost extends ReactiveControllerHost {
  readonly context: RucheContext;
  readonly language: Lang;
  readonly page: IdeaPage | null;
  open(name: ViewName, id?: string): Promise<void>;
  addStyles(styles: CSSResultOrNative): void;
  readonly participation: NewsParticipation | null;
}

const styles = css`
  .news li {
    position: relative;
    padding: 0.8em 0 0.8em 1em;
    border-bottom: 1px solid var(--_border);
    color: var(--_muted);
    font-size: 0.94em;
  }
  .news .unread::before {
    content: '';
    position: absolute;
    top: 1.3em;
    left: 0;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--_accent);
  }
  .news .title {
    display: block;
    margin: 0.1em 0 0.2em;
    color: var(--_text);
  }
  .news .body {
    margin: 0.3em 0 0;
    color: var(--_text);
  }
  .fresh {
    color: var(--_accent);
    font-weight: 650;
  }
`;

export async function load(host: NewsHost): Promise<NewsView> {
  await messages.ready(host.language);
  return new NewsView(host);
}

/**
 * "News on your ideas": the stewards' decisions on the ideas the person proposed or voted for, newest
 * first, the ones not seen yet marked. Opening the view marks them as seen.
 */
export class NewsView implements IdeaBoxView, ReactiveController {
  private news: IdeaNews | null = null;

  constructor(private readonly host: NewsHost) {
    host.addController(this);
    host.addStyles(styles);
  }

  hostDisconnected(): void {
    // Nothing to stop: the news opened are marked as seen anyway, the person saw them.
  }

  async open(): Promise<void> {
    const { host } = this;
    const { client } = host.context;
    this.news = await client.get('/api/ideas/news', { space: host.page!.space.slug });
    if (this.news.unreadCount) {
      void client.request('PUT', '/api/ideas/news/seen', { body: { space: host.page!.space.slug } }).then(() => {
        host.participation!.unread = 0;
        host.requestUpdate();
      }, () => {});
    }
  }

  render() {
    const { host } = this;
    const m = messages.in(host.language);
    const items = this.news!.items;
    return html`${host.participation!.backButton()}
      <h3 tabindex="-1">${host.participation!.w.news}</h3>
      ${items.length
        ? html`<ol class="news">
            ${items.map(
              (item) => html`<li class=${item.unread ? 'unread' : ''}>
                <p>${m.reasons[item.reason]} ${item.unread ? html`· <span class="fresh">${m.newsUnread}</span>` : nothing}</p>
                <button class="title" @click=${() => host.open('idea', item.idea.id)}>${item.idea.title}</button>
                ${changeEntry(item.change, m, host.language)}
              </li>`,
            )}
          </ol>`
        : html`<p class="empty">${m.newsEmpty}</p>`}`;
  }
}
