import { css, html, nothing } from 'lit';
import type { IdeaNews } from '../../shared/api-types.ts';
import { changeEntry } from './detail.ts';
import { messages } from './detail.messages.ts';
import type { IdeaBoxView, RucheIdeaBox } from './idea-box.component.ts';

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

export async function load(host: RucheIdeaBox): Promise<NewsView> {
  await messages.ready(host.language);
  return new NewsView(host);
}

/**
 * "News on your ideas": the stewards' decisions on the ideas the person proposed or voted for, newest
 * first, the ones not seen yet marked. Opening the view marks them as seen.
 */
export class NewsView implements IdeaBoxView {
  private news: IdeaNews | null = null;

  constructor(private readonly host: RucheIdeaBox) {
    host.addStyles(styles);
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
