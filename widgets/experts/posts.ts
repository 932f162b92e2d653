import { css, html, nothing } from 'lit';
import type { ExpertEvidence } from '../../shared/api-types.ts';
import { fill, safeHref } from './card.ts';
import type { RuchePerson } from './person.component.ts';

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

export const styles = css`
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
export function renderPosts(host: RuchePerson, posts: ExpertEvidence[]) {
  const m = messages[host.language];
  return html`<ul>
    ${posts.map((e) => {
      const url = safeHref(e.subject.url);
      const where = e.subject.title ?? e.space.name;
      const open = host.thread === e.id;
      return html`<li>
        <p class="kind ${e.kind}">${m[e.kind]}${e.inReplyTo ? html` <span>${fill(m.inReplyTo, e.inReplyTo)}</span>` : nothing}</p>
        <blockquote>${e.excerpt}</blockquote>
        <p class="where">
          ${url && /^https?:/i.test(url)
            ? html`<a href=${url}>${where}</a>`
            : html`<button class="link" aria-expanded=${open ? 'true' : 'false'} @click=${() => toggleThread(host, e.id)}>${open ? m.close : m.open}</button> · ${where}`}
        </p>
        ${open ? html`<ruche-comments subject=${e.subject.key} space=${e.space.slug} theme=${host.theme ?? nothing}></ruche-comments>` : nothing}
      </li>`;
    })}
  </ul>`;
}

async function toggleThread(host: RuchePerson, id: string): Promise<void> {
  if (host.thread !== id) await import('../comments/comments.ts').then((c) => c.define());
  host.thread = host.thread === id ? null : id;
}
