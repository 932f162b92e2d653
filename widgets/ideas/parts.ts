import { html, type CSSResultOrNative, type ReactiveControllerHost } from 'lit';
import type { Idea, IdeaLiveEvent, IdeaStatus } from '../../shared/api-types.ts';
import type { RucheContext } from '../shared/context.ts';
import { absoluteDate, relativeDate, type Lang } from '../shared/i18n.ts';
import type { Messages } from './messages.ts';

/**
 * What <ruche-idea-box> and its lazily loaded halves (participation.ts, the views, the stewards'
 * controls) both use: a few types and the small pieces of markup every view draws the same way. It
 * sits below all of them, so that a half never imports the component that loads it.
 */

/** The views shown instead of the list. */
export type ViewName = 'submit' | 'idea' | 'news';

/** What a vote button needs: an idea of the list, the idea opened, or a similar idea offered while typing. */
export interface Votable {
  id: string;
  title: string;
  voteCount: number;
  votedByMe: boolean;
}

/** A view shown instead of the list, loaded the first time it is opened (submit.ts, detail.ts, news.ts). */
export interface IdeaBoxView {
  open(id?: string): Promise<void>;
  render(): unknown;
  /** The idea shown, if any: it is kept in step with votes and live status changes. */
  idea?: Idea | null;
  /** A live status change of the idea shown. */
  changed?(event: IdeaLiveEvent): void;
}

/**
 * What the halves that write (the form, the stewards' controls) ask of <ruche-idea-box> alike: the
 * API and language, the styles they bring, the notes they leave and the buttons they keep busy. Each
 * half's own host interface extends it with what that half alone needs.
 */
export interface NotingHost extends ReactiveControllerHost {
  readonly context: RucheContext;
  readonly language: Lang;
  readonly spaceSlug: string | undefined;
  /** The list's messages (the statuses' names). */
  readonly m: Messages;
  readonly notes: Pick<Map<string, unknown>, 'delete'>;
  readonly busy: ReadonlySet<string>;
  note(key: string, text: string, error?: boolean): void;
  renderNote(key: string): unknown;
  addStyles(styles: CSSResultOrNative): void;
}

export const longDate = (iso: string, lang: Lang, utc?: boolean) =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: utc ? 'UTC' : undefined }).format(new Date(iso));

/** A date: relative, with the moment in a tooltip; or only the day, when that is all the API tells (anonymous ideas). */
export const when = (iso: string, lang: Lang, dayOnly?: boolean) =>
  dayOnly
    ? html`<time datetime=${iso.slice(0, 10)}>${longDate(iso, lang, true)}</time>`
    : html`<time datetime=${iso} title=${absoluteDate(iso, lang)}>${relativeDate(iso, lang)}</time>`;

/** A message with its '#' replaced by `value`, taken literally (a title may hold '$&'). */
export const fill = (text: string, value: string) => text.replace('#', () => value);

export const statusBadge = (status: IdeaStatus, m: Messages) => html`<span class="status s-${status}">${m.status[status]}</span>`;

/** Who proposed an idea, as this viewer may know it. */
export const authorName = (idea: Idea, m: Messages) =>
  idea.anonymous && idea.mine ? m.youAnonymous : !idea.author ? m.anonymous : idea.author.name + (idea.anonymous ? ` (${m.anonymousTag})` : '');
