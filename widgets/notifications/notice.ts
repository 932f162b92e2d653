import { html, nothing } from 'lit';
import type { RucheNotification } from '../../shared/api-types.ts';
import { absoluteDate, plural, relativeDate, type Lang } from '../shared/i18n.ts';
import type { Messages } from './inbox.messages.ts';

/** What a notification is about, in a few words: the page, the idea, the skill. */
function about(n: RucheNotification, m: Messages): string {
  const { target } = n;
  if (target.kind === 'comment') return target.subject.title || m.thePage;
  return target.kind === 'idea' ? target.title : target.label;
}

/**
 * One notification's sentence, with its parts as text (never HTML): who acted, what about, how
 * many events it groups. Shared by the bell's list and the extension's popup.
 */
export function noticeSentence(n: RucheNotification, lang: Lang, m: Messages): string {
  const forms = m.kinds[n.kind];
  const values: Record<string, string> = {
    a: n.actor?.name ?? m.someone,
    t: about(n, m),
    s: n.space?.name ?? '',
    status: n.detail.status ? (m.statuses[n.detail.status as keyof Messages['statuses']] ?? n.detail.status) : '',
    into: n.detail.mergedInto?.title ?? '',
  };
  // One pass, so that a name holding "%t" stays a name.
  return plural(n.count, lang, forms).replace(/%(status|into|[ats])/g, (_, key: string) => values[key]!);
}

/** The line under the sentence: the comment's first words, the steward's reason, the promise's date. */
export function noticeDetail(n: RucheNotification, lang: Lang, m: Messages): string | null {
  if (n.reason) return m.reason.replace('%', n.reason);
  if (n.detail.dueAt) return m.due.replace('%', relativeDate(n.detail.dueAt, lang));
  return n.target.kind === 'comment' && n.target.excerpt ? n.target.excerpt : null;
}

/** A notification as the list shows it; `open` follows its link, `read` marks it read. */
export function renderNotice(
  n: RucheNotification,
  lang: Lang,
  m: Messages,
  actions: { open: (n: RucheNotification, event: MouseEvent) => void; read: (n: RucheNotification) => void },
) {
  const unread = !n.readAt;
  const detail = noticeDetail(n, lang, m);
  const body = html`<span class="sentence">${noticeSentence(n, lang, m)}</span>
    ${detail ? html`<span class="detail">${detail}</span>` : nothing}
    <span class="when"
      ><time datetime=${n.updatedAt} title=${absoluteDate(n.updatedAt, lang)}>${relativeDate(n.updatedAt, lang)}</time>${n.space
        ? html` · ${n.space.name}`
        : nothing}</span
    >`;
  return html`<li class="notice ${unread ? 'unread' : ''}" part="notice">
    ${n.link
      ? html`<a class="main" href=${n.link} @click=${(event: MouseEvent) => actions.open(n, event)}>${body}</a>`
      : html`<div class="main">${body}</div>`}
    ${unread
      ? html`<button class="mark" title=${m.markOne} aria-label=${m.markOneOf.replace('%', noticeSentence(n, lang, m))} @click=${() => actions.read(n)}>
          <span class="dot" aria-hidden="true"></span>
        </button>`
      : html`<span class="sr-only">${m.read}</span>`}
  </li>`;
}
