import { css, html, type CSSResultOrNative, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { LikePeople } from '../../shared/api-types.ts';
import { avatar } from '../shared/avatar.ts';
import type { RucheContext } from '../shared/context.ts';
import { errorMessage, plural, type Lang } from '../shared/i18n.ts';

/** What the list of people needs of <ruche-like>: what is liked, and where the list is drawn. */
export interface PeopleHost extends ReactiveControllerHost, Element {
  readonly context: RucheContext;
  readonly language: Lang;
  readonly spaceSlug: string | undefined;
  readonly subjectKey: string;
  readonly popoverId: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
  addStyles(styles: CSSResultOrNative): void;
}

const messages = {
  fr: {
    title: 'Ils aiment',
    count: ['# personne aime', '# personnes aiment'],
    nobody: 'Personne pour l’instant : soyez le premier !',
    others: ['et # autre personne', 'et # autres personnes'],
    loading: 'Chargement…',
  },
  en: {
    title: 'Liked by',
    count: ['# person likes this', '# people like this'],
    nobody: 'Nobody yet: be the first!',
    others: ['and # other person', 'and # other people'],
    loading: 'Loading…',
  },
};

const styles = css`
  .people {
    width: 17.5em;
  }
  .small {
    width: 1.9em;
    height: 1.9em;
    font-size: 0.75em;
  }
  .people p {
    margin: 0;
    color: var(--_muted);
  }
  .people .title {
    margin-bottom: 0.6em;
    color: var(--_text);
    font-weight: 600;
  }
  ul {
    display: grid;
    gap: 0.55em;
    margin: 0 0 0.4em;
    padding: 0;
    list-style: none;
  }
  li {
    display: flex;
    align-items: center;
    gap: 0.6em;
    line-height: 1.3;
  }
  li > span {
    font-weight: 600;
  }
  li span span {
    display: block;
    font-weight: 400;
    overflow: hidden;
    max-width: 13em;
    color: var(--_muted);
    font-size: 0.88em;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`;

/**
 * Who liked a subject, in a non-modal dialog under the like button: opened from the keyboard or the
 * mouse, focus goes into it, Escape closes it and gives focus back to its button.
 */
export class People implements ReactiveController {
  open = false;
  private list: LikePeople | { error: string } | null = null;

  constructor(private readonly host: PeopleHost) {
    host.addController(this);
    host.addStyles(styles);
  }

  hostDisconnected(): void {
    // Out of the page, nothing closes the list any more (no click elsewhere is heard): close it.
    this.close(false);
  }

  async toggle(): Promise<void> {
    if (this.open) return this.close(true);
    this.open = true;
    this.list = null;
    void this.reload();
    this.host.requestUpdate();
    await this.host.updateComplete;
    const popover = this.host.renderRoot.querySelector<HTMLElement>(`#${this.host.popoverId}`)!;
    // Open towards the inside of the page when the button is near its right edge.
    popover.classList.toggle('end', this.host.getBoundingClientRect().left + 280 > document.documentElement.clientWidth);
    popover.focus();
  }

  close(restoreFocus: boolean): void {
    if (!this.open) return;
    this.open = false;
    this.host.requestUpdate();
    if (restoreFocus) this.host.renderRoot.querySelector<HTMLElement>('.who')?.focus();
  }

  async reload(): Promise<void> {
    const { host } = this;
    if (!this.open) return;
    try {
      this.list = await host.context.client.get('/api/likes/people', { space: host.spaceSlug, subject: host.subjectKey, limit: 10 });
    } catch (error) {
      this.list = { error: errorMessage(error, host.language) };
    }
    host.requestUpdate();
  }

  render() {
    const lang = this.host.language;
    const m = messages[lang];
    const list = this.list;
    const others = list && 'count' in list ? list.count - list.people.length : 0;
    return html`<div id=${this.host.popoverId} class="popover people" part="popover" role="dialog" aria-label=${m.title} tabindex="-1" ?hidden=${!this.open}>
      ${!list
        ? html`<p>${m.loading}</p>`
        : 'error' in list
          ? html`<p class="error" role="alert">${list.error}</p>`
          : !list.count
            ? html`<p>${m.nobody}</p>`
            : html`<p class="title">${plural(list.count, lang, m.count)}</p>
                <ul>
                  ${list.people.map((person) => html`<li>${avatar(person, 'small')}<span>${person.name}<span>${person.dept}</span></span></li>`)}
                </ul>
                ${others > 0 ? html`<p>${plural(others, lang, m.others)}</p>` : ''}`}
    </div>`;
  }
}
