import { css, html, nothing, type CSSResultOrNative, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ExpertEvidence } from '../../shared/api-types.ts';
import type { Lang } from '../shared/i18n.ts';
import { fill, safeHref } from './card.ts';

/** What the posts need of <ruche-person>: the card's language and theme, and its styles to add to. */
export interface PostsHost extends ReactiveControllerHost {
  readonly language: Lang;
  readonly theme: string | null;
  addStyles(styles: CSSResultOrNative): void;
}

const messages = {
  fr: {
    accepted_answer: 'Réponse acceptée',
    answer: 'Réponse',
    comment: 'Commentaire',
    idea: 'Idée',
    inReplyTo: 'à « % »',
    open: 'Voir la discussion',
    close: 'Fermer la discussion',
  },
  en: {
    accepted_answer: 'Accepted answer',
    answer: 'Answer',
    comment: 'Comment',
    idea: 'Idea',
    inReplyTo: 'to “%”',
    open: 'See the discussion',
    close: 'Close the discussion',
  },
};

const styles = css`
  .posts ul {
    display: grid;
    gap: 0.9em;
    margin-top: 0.6em;
  }
  .kind {
    font-size: 0.82em;
    font-weight: 650;
  }
  .kind span,
  .where {
    color: var(--_muted);
    font-weight: 400;
  }
  .accepted_answer {
    color: var(--_success);
  }
  blockquote {
    margin: 0.2em 0;
    padding-left: 0.75em;
    border-left: 3px solid var(--_border);
    font-size: 0.92em;
    overflow-wrap: anywhere;
  }
  .where {
    font-size: 0.85em;
  }
  .where .link {
    padding: 0;
    color: var(--_accent);
  }
  ruche-comments {
    margin-top: 0.8em;
  }
`;

/**
 * The posts that show why someone was found, under their card in the finder (loaded when someone
 * opens them). A post links to its page; a post without one opens its discussion in place.
 */
export class Posts implements ReactiveController {
  /** The post whose discussion is open below it. */
  private thread: string | null = null;

  constructor(private readonly host: PostsHost) {
    host.addController(this);
    host.addStyles(styles);
  }

  hostDisconnected(): void {
    // Nothing to stop: a discussion open stays open, should the card come back.
  }

  render(posts: ExpertEvidence[]) {
    const { host } = this;
    const m = messages[host.language];
    return html`<ul>
      ${posts.map((e) => {
        const url = safeHref(e.subject.url);
        const where = e.subject.title ?? e.space.name;
        const open = this.thread === e.id;
        return html`<li>
          <p class="kind ${e.kind}">${m[e.kind]}${e.inReplyTo ? html` <span>${fill(m.inReplyTo, e.inReplyTo)}</span>` : nothing}</p>
          <blockquote>${e.excerpt}</blockquote>
          <p class="where">
            ${url && /^https?:/i.test(url)
              ? html`<a href=${url}>${where}</a>`
              : html`<button class="link" aria-expanded=${open ? 'true' : 'false'} @click=${() => this.toggle(e.id)}>${open ? m.close : m.open}</button> · ${where}`}
          </p>
          ${open ? html`<ruche-comments subject=${e.subject.key} space=${e.space.slug} theme=${host.theme ?? nothing}></ruche-comments>` : nothing}
        </li>`;
      })}
    </ul>`;
  }

  private async toggle(id: string): Promise<void> {
    if (this.thread !== id) await import('../comments/comments.ts').then((c) => c.define());
    this.thread = this.thread === id ? null : id;
    this.host.requestUpdate();
  }
}
