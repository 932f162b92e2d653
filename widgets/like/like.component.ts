import { html, nothing, svg } from 'lit';
import type { LikePeople, LikeState, LiveEvent } from '../../shared/api-types.ts';
import { ApiError } from '../shared/api.ts';
import { avatar } from '../shared/avatar.ts';
import { RucheElement } from '../shared/element.ts';
import { errorMessage, formatCount, plural } from '../shared/i18n.ts';
import { baseStyles } from '../shared/styles.ts';
import { loadLike } from './batch.ts';
import { styles } from './like.styles.ts';
import { messages } from './messages.ts';

let ids = 0;

const heart = svg`<path d="M12 20.5s-7.5-4.6-7.5-10.2A4.3 4.3 0 0 1 12 7.6a4.3 4.3 0 0 1 7.5 2.7c0 5.6-7.5 10.2-7.5 10.2Z"/>`;
const chevron = svg`<path d="m7 10 5 5 5-5"/>`;

/**
 * A like button for a subject (the page by default), with who liked it.
 *
 * @summary Like button with count and the list of people who liked.
 * @attr subject - what is liked (default: the page's canonical address)
 * @attr space - the space slug (default: the provider's, else the server's default space)
 * @attr lang - fr or en (default: provider, then the page's language)
 * @attr theme - light (default), dark or auto
 * @csspart base - the pill around both buttons
 * @csspart button - the like toggle
 * @csspart people-button - the button that opens the list of people
 * @csspart popover - the list of people, and notices
 */
export class RucheLike extends RucheElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...RucheElement.properties,
    state: { state: true },
    open: { state: true },
    people: { state: true },
    notice: { state: true },
  };

  /** null while loading. */
  declare state: LikeState | null;
  declare open: boolean;
  declare people: LikePeople | 'loading' | { error: string } | null;
  /** A sign-in hint or an error, shown under the button. */
  declare notice: { text: string; error: boolean } | null;

  private readonly popoverId = `ruche-like-people-${++ids}`;
  /** The liked state the person asked for, while the server has not confirmed it. */
  private wanted: boolean | null = null;
  private confirmed: LikeState | null = null;
  private generation = 0;
  private stopLive: (() => void) | null = null;
  private readonly onOutside = (event: Event) => {
    if (!event.composedPath().includes(this)) this.close(false);
  };

  constructor() {
    super();
    this.state = null;
    this.open = false;
    this.people = null;
    this.notice = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.onOutside);
    if (this.ctx && !this.stopLive && this.state) this.listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.onOutside);
    this.stopLive?.();
    this.stopLive = null;
  }

  protected contextChanged(): void {
    const generation = ++this.generation;
    const { client } = this.ctx!;
    this.people = null;
    loadLike(client, this.spaceSlug, this.subjectKey).then(
      (state) => {
        if (generation !== this.generation) return;
        this.state = this.confirmed = state;
        this.listen();
      },
      (error) => {
        if (generation !== this.generation) return;
        this.state ??= { count: 0, liked: false };
        this.notice = { text: errorMessage(error, this.language), error: true };
      },
    );
  }

  /** Follow the count live, once the page has settled (the like chunk stays small without it). */
  private listen(): void {
    this.stopLive?.();
    const { client } = this.ctx!;
    const subject = this.subjectKey;
    const space = this.spaceSlug;
    let stopped = false;
    this.stopLive = () => (stopped = true);
    void import('../shared/live.ts').then(({ LiveEvents }) => {
      if (stopped || !this.isConnected) return;
      this.stopLive = LiveEvents.for(client).subscribe(space, subject, (event: LiveEvent) => {
        if (event.type !== 'like.changed' || this.wanted !== null || !this.state) return;
        this.state = this.confirmed = { ...this.state, count: event.count };
      });
    });
  }

  private async toggle(): Promise<void> {
    if (!this.state) return;
    const { client, identity } = this.ctx!;
    this.notice = null;
    const before = this.state;
    const liked = !before.liked;
    this.state = { liked, count: Math.max(0, before.count + (liked ? 1 : -1)) }; // at once; the server confirms
    if (!(await identity.token())) {
      const mode = await client.authMode();
      // In header mode the SSO proxy signs requests in; elsewhere no token means nobody.
      if (mode !== 'header') {
        this.state = before;
        return this.showSignIn(mode);
      }
    }
    const syncing = this.wanted !== null;
    this.wanted = liked;
    if (!syncing) await this.sync();
  }

  /** Sends the wanted state until the server has it: quick double clicks end where the person left them. */
  private async sync(): Promise<void> {
    const { client } = this.ctx!;
    const space = this.spaceSlug;
    const subject = this.subjectKey;
    try {
      while (this.wanted !== null && this.wanted !== this.confirmed?.liked) {
        this.confirmed = this.wanted
          ? await client.request<LikeState>('PUT', '/api/likes', { body: space ? { space, subject } : { subject } })
          : await client.request<LikeState>('DELETE', '/api/likes', { query: { space, subject } });
      }
      this.state = this.confirmed;
      if (this.open) this.loadPeople();
    } catch (error) {
      this.state = this.confirmed; // roll back
      if (error instanceof ApiError && error.status === 401) this.showSignIn(await client.authMode());
      else this.notice = { text: errorMessage(error, this.language), error: true };
    } finally {
      this.wanted = null;
    }
  }

  private showSignIn(mode: string | null): void {
    const m = messages[this.language];
    this.open = false;
    this.notice = { text: mode === 'demo' ? m.signInDemo : m.signIn, error: false };
  }

  private async loadPeople(): Promise<void> {
    const generation = this.generation;
    this.people ??= 'loading';
    try {
      const people = await this.ctx!.client.get<LikePeople>('/api/likes/people', { space: this.spaceSlug, subject: this.subjectKey, limit: 12 });
      if (generation === this.generation) this.people = people;
    } catch (error) {
      if (generation === this.generation) this.people = { error: errorMessage(error, this.language) };
    }
  }

  private async toggleOpen(): Promise<void> {
    if (this.open) return this.close(true);
    this.notice = null;
    this.open = true;
    this.people = null;
    void this.loadPeople();
    await this.updateComplete;
    // Open towards the page's inside when the button is near the right edge.
    const popover = this.renderRoot.querySelector<HTMLElement>('.popover')!;
    popover.classList.toggle('end', this.getBoundingClientRect().left + 280 > document.documentElement.clientWidth);
    popover.focus();
  }

  private close(restoreFocus: boolean): void {
    if (!this.open && !this.notice) return;
    this.open = false;
    this.notice = null;
    if (restoreFocus) this.renderRoot.querySelector<HTMLElement>('.who')?.focus();
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && (this.open || this.notice)) {
      event.stopPropagation();
      this.close(true);
    }
  }

  private onFocusOut(event: FocusEvent): void {
    // Tabbing away from the widget closes the list, as a disclosure would.
    const to = event.relatedTarget as Node | null;
    if (this.open && to && !this.renderRoot.contains(to)) this.open = false;
  }

  override render() {
    const lang = this.language;
    const m = messages[lang];
    const count = this.state?.count ?? 0;
    const loaded = this.state !== null;
    return html`<span class="pill" part="base" @keydown=${this.onKeydown} @focusout=${this.onFocusOut}>
        <button
          class="like"
          part="button"
          aria-pressed=${this.state?.liked ? 'true' : 'false'}
          aria-busy=${loaded ? 'false' : 'true'}
          @click=${this.toggle}
        >
          <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">${heart}</svg>
          <span class="label">${m.like}</span>
          <span class="count ${loaded ? '' : 'pending'}">${formatCount(count, lang)}</span>
        </button>
        <button
          class="who"
          part="people-button"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls=${this.popoverId}
          aria-label=${m.likers}
          title=${m.likers}
          @click=${this.toggleOpen}
        >
          <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">${chevron}</svg>
        </button>
      </span>
      <div
        id=${this.popoverId}
        class="popover"
        part="popover"
        role="dialog"
        aria-label=${m.likersTitle}
        tabindex="-1"
        ?hidden=${!this.open}
        @keydown=${this.onKeydown}
      >
        ${this.open ? this.renderPeople() : nothing}
      </div>
      <div class="popover notice ${this.notice?.error ? 'error' : ''}" role=${this.notice?.error ? 'alert' : 'status'} ?hidden=${!this.notice}>
        ${this.notice?.text}
      </div>`;
  }

  private renderPeople() {
    const lang = this.language;
    const m = messages[lang];
    const people = this.people;
    if (people === null || people === 'loading') return html`<p class="muted">${m.loading}</p>`;
    if ('error' in people) return html`<p class="error" role="alert">${people.error}</p>`;
    if (!people.count) return html`<p class="muted">${m.nobody}</p>`;
    const others = people.count - people.people.length;
    return html`<p class="title">${plural(people.count, lang, m.count)}</p>
      <ul>
        ${people.people.map(
          (person) => html`<li>
            ${avatar(person, 'small')}
            <span class="who-name"><span class="name">${person.name}</span>${person.dept ? html`<span class="dept">${person.dept}</span>` : nothing}</span>
          </li>`,
        )}
      </ul>
      ${others > 0 ? html`<p class="muted">${plural(others, lang, m.others)}</p>` : nothing}`;
  }
}
