import { html, nothing, svg } from 'lit';
import type { LikeState } from '../../shared/api-types.ts';
import { RucheElement } from '../shared/element.ts';
import { heart, icon } from '../shared/icons.ts';
import type { ReadFailure } from '../shared/failure.ts';
import { errorMessage, formatCount } from '../shared/i18n.ts';
import { loadOnce } from '../shared/load-once.ts';
import { Reading } from '../shared/reading.ts';
import { baseStyles } from '../shared/styles.ts';
import { loadLike } from './batch.ts';
import { styles } from './like.styles.ts';
import { messages } from './messages.ts';
import type { People } from './people.ts';

let ids = 0;

const chevron = svg`<path d="m7 10 5 5 5-5"/>`;

/**
 * A like button for a subject (the page by default), with who liked it. The list of people is in
 * people.ts, loaded the first time someone opens it: a news list shows many buttons, rarely a list.
 * Counts do not stream (the API sends no like.changed yet, and a news list would hold a connection
 * open for them); they are read again when the person changes.
 *
 * @summary Like button with count and the list of people who liked.
 * @attr subject - what is liked (default: the page's canonical address)
 * @attr space - the space slug (default: the provider's, else the server's default space)
 * @attr lang - fr or en (default: the provider's, then the signed-in person's, then the page's)
 * @attr theme - light (default), dark or auto
 * @csspart base - the pill around both buttons
 * @csspart button - the like toggle
 * @csspart people-button - the button that opens the list of people
 * @csspart popover - the list of people, and notices
 */
export class RucheLike extends RucheElement {
  static override styles = [baseStyles, styles];
  static override translations = [messages];
  static override properties = {
    ...RucheElement.properties,
    state: { state: true },
    notice: { state: true },
    refused: { state: true },
  };

  /** null while loading. */
  declare state: LikeState | null;
  /** A sign-in hint or an error, shown under the button. */
  declare notice: { text: string; error: boolean } | null;
  /** The count may not be read here (no access, not signed in): the button says so when pressed, and asks nothing. */
  declare refused: ReadFailure | null;

  readonly popoverId = `ruche-like-people-${++ids}`;
  people: People | null = null;
  /** The last state the server gave (the display may be ahead of it while a click is sent). */
  confirmed: LikeState | null = null;
  private readonly reading = new Reading(
    this,
    () => loadLike(this.context.client, this.spaceSlug, this.subjectKey),
    (state) => {
      this.state = this.confirmed = state;
      if (this.notice?.error) this.notice = null;
    },
    (failure) => {
      if (!failure.retry) {
        this.refused = failure;
        this.state = this.confirmed = null;
        return;
      }
      this.state ??= { count: 0, liked: false };
      this.notice = { text: failure.text, error: true };
    },
  );
  private readonly onOutside = (event: Event) => {
    if (!event.composedPath().includes(this)) this.close(false);
  };

  constructor() {
    super();
    this.state = null;
    this.notice = null;
    this.refused = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.onOutside);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.onOutside);
  }

  protected contextChanged(): void {
    this.people?.close(false);
    this.refused = null;
    void this.reading.run();
  }

  /**
   * The like is flipped at once; the code that tells the server loads with the first click (most
   * visitors of a news list only read the counts).
   */
  private async toggle(): Promise<void> {
    if (this.refused) return this.sayRefused();
    const before = this.state;
    if (!before) return;
    const liked = !before.liked;
    this.notice = null;
    this.state = { liked, count: Math.max(0, before.count + (liked ? 1 : -1)) };
    try {
      await (await this.liking()).toggle(before, liked);
    } catch (error) {
      this.state = before; // its code could not be loaded
      this.notice = { text: errorMessage(error, this.language), error: true };
    }
  }

  // Try again with the next click if its code could not come.
  private readonly liking = loadOnce(() => import('./liking.ts').then(({ Liking }) => new Liking(this)));

  /** Pressed where the count may not be read: says why, calmly, and asks nothing. */
  private sayRefused(): void {
    this.notice = this.notice ? null : { text: this.refused!.text, error: false };
  }

  private async openPeople(): Promise<void> {
    if (this.refused) return this.sayRefused();
    this.notice = null;
    this.people ??= await this.loadPeople();
    await this.people.toggle();
  }

  private readonly loadPeople = loadOnce(() => import('./people.ts').then(({ People }) => new People(this)));

  /** Escape, a click elsewhere, or tabbing away closes what is open under the button. */
  close(restoreFocus: boolean): void {
    if (this.notice) this.notice = null;
    this.people?.close(restoreFocus);
  }

  override render() {
    const lang = this.language;
    const m = messages.in(lang);
    const open = !!this.people?.open;
    return html`<span
        class="pill"
        part="base"
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === 'Escape' && (open || this.notice)) {
            event.stopPropagation();
            this.close(true);
          }
        }}
        @focusout=${(event: FocusEvent) => {
          const to = event.relatedTarget as Node | null;
          if (open && to && !this.renderRoot.contains(to)) this.close(false);
        }}
      >
        <button
          class="like"
          part="button"
          aria-pressed=${!!this.state?.liked}
          aria-busy=${!this.state && !this.refused}
          aria-disabled=${this.refused ? 'true' : nothing}
          @click=${this.toggle}
        >
          ${icon(heart, 16)}
          <span>${m.like}</span>
          <span class="count ${this.state ? '' : 'pending'}">${formatCount(this.state?.count ?? 0, lang)}</span>
        </button>
        <button
          class="who"
          part="people-button"
          aria-expanded=${open}
          aria-controls=${this.popoverId}
          aria-disabled=${this.refused ? 'true' : nothing}
          aria-label=${m.likers}
          title=${m.likers}
          @click=${this.openPeople}
        >
          ${icon(chevron, 14)}
        </button>
        ${this.people?.render() ?? html`<div id=${this.popoverId} hidden></div>`}
      </span>
      <div class="popover notice ${this.notice?.error ? 'error' : ''}" part="popover" role=${this.notice?.error ? 'alert' : 'status'} ?hidden=${!this.notice}>
        ${this.notice?.text ?? nothing}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ruche-like': RucheLike;
  }
}
