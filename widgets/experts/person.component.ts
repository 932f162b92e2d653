import { html, nothing } from 'lit';
import type { ExpertProfile, ExpertResult } from '../../shared/api-types.ts';
import { ApiError } from '../shared/api.ts';
import { avatar } from '../shared/avatar.ts';
import { RucheElement } from '../shared/element.ts';
import { Reading } from '../shared/reading.ts';
import { plural } from '../shared/i18n.ts';
import { baseStyles } from '../shared/styles.ts';
import { loadOnce } from '../shared/load-once.ts';
import { loadProfile } from './batch.ts';
import { bubble, fill, icon, mail, safeHref, shownCards } from './card.ts';
import { messages } from './messages.ts';
import type { Posts } from './posts.ts';
import { styles } from './person.styles.ts';

/** How search results phrase their reasons (reasons.ts), once loaded: with the finder's first search. */
let reasons: typeof import('./reasons.ts') | null = null;
export const loadReasons = () => import('./reasons.ts').then((module) => (reasons = module));

/**
 * A person as colleagues see them: roles in spaces above the job title (roles over job titles),
 * skills with their endorsements, what to ask them, how to reach them. In the expert finder, also
 * why they were found and the posts that show it.
 *
 * Cards placed in a page by the intranet's id are loaded together, one request for the page.
 * Endorsing (endorsing.ts) and the posts (posts.ts) load when first used.
 *
 * @summary A person card.
 * @attr person - the person's id in the intranet (what its identity tokens call `sub`)
 * @attr person-id - or their Ruche id
 * @attr lang - fr or en (default: the provider's, then the signed-in person's, then the page's)
 * @attr theme - light (default), dark or auto
 * @csspart base - the card
 * @csspart avatar - the initials
 */
export class RuchePerson extends RucheElement {
  static override styles = [baseStyles, styles];
  static override translations = [messages];
  static override properties = {
    ...RucheElement.properties,
    person: {},
    personId: { attribute: 'person-id' },
    profile: { attribute: false },
    result: { attribute: false },
    failure: { state: true },
  };

  declare person: string | null;
  declare personId: string | null;
  /** The profile shown: loaded from the attributes, or given by the finder. Undefined while loading, null when unknown. */
  declare profile: ExpertProfile | null | undefined;
  /** In the finder: the search result (profile, reasons, posts). */
  declare result: ExpertResult | null;
  /** A refused endorsement, or why the card could not load. */
  declare failure: string | null;
  private loadedFor = '';
  private posts: Posts | null = null;

  constructor() {
    super();
    this.person = this.personId = this.result = this.failure = null;
    this.profile = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    shownCards.add(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    shownCards.delete(this);
  }

  protected contextChanged(): void {
    this.loadedFor = '';
    // Someone else looks: what the card showed was for the one before (their endorsements, their rights).
    if (this.person || this.personId) this.profile = undefined;
    this.requestUpdate();
  }

  protected override willUpdate(): void {
    if (this.result) this.profile = this.result.profile;
    const ref = this.personId ? { id: this.personId } : this.person ? { externalId: this.person } : null;
    const key = `${this.ctx?.api} ${this.personId} ${this.person}`;
    if (!ref || !this.ctx || key === this.loadedFor) return;
    this.loadedFor = key;
    void this.reading.run();
  }

  /** The card's profile: null when unknown or hidden; a card not signed in says it is for colleagues. */
  private readonly reading = new Reading(
    this,
    async () => {
      const ref = this.personId ? { id: this.personId } : { externalId: this.person! };
      const { client, identity } = this.context;
      try {
        // Not signed in (and no SSO proxy to sign requests in): nothing to ask the API.
        if (!(await identity.token()) && (await client.authMode()) !== 'header') throw new ApiError(401, '', '');
        return { profile: await loadProfile(client, ref) };
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    (read) => {
      if (!read) return void (this.failure = messages.in(this.language).hidden);
      this.profile = read.profile;
      this.failure = null;
    },
    (failure) => (this.failure = failure.text),
  );

  private async openPosts(event: Event): Promise<void> {
    if (!(event.target as HTMLDetailsElement).open || this.posts) return;
    const { Posts } = await import('./posts.ts');
    this.posts ??= new Posts(this);
    this.requestUpdate();
  }

  // Try again with the next click if its code could not come.
  private readonly endorsing = loadOnce(() => import('./endorsing.ts').then(({ Endorsing }) => new Endorsing(this)));

  override render() {
    const lang = this.language;
    const m = messages.in(lang);
    const p = this.profile;
    if (!p) {
      const text = p === null ? m.unknown : this.failure;
      return html`<div class="card empty" part="base" aria-busy=${text ? 'false' : 'true'}>${text ?? html`<span class="avatar big"></span>`}</div>`;
    }
    const { person, contact } = p;
    // One does not write to oneself: one's own card has no contact buttons.
    const email = !p.isMe && contact.email && /^[^\s@?&#]+@[^\s@?&#]+$/.test(contact.email) ? `mailto:${contact.email}` : null;
    const chat = p.isMe ? null : safeHref(contact.chatUrl);
    const job = [person.title, person.dept].filter(Boolean).join(' · ');
    const result = this.result;
    const hits = new Set(result?.reasons.map((r) => ('skill' in r ? r.skill : '')));
    const skills = [...p.skills].sort((a, b) => Number(hits.has(b.label)) - Number(hits.has(a.label)));
    const intent = (label: string, list: { label: string }[]) => (list.length ? html`<p class="intent"><b>${label}</b> ${list.map((s) => s.label).join(' · ')}</p>` : nothing);
    const posts = result?.evidence ?? [];
    return html`<article class="card" part="base" aria-labelledby="name">
      ${avatar(person, 'big')}
      <div class="main">
        <h4 id="name">${person.name}${p.isMe ? html` <span>(${m.you})</span>` : nothing}</h4>
        <ul class="roles">${p.roles.slice(0, 3).map((r) => html`<li class=${r.role}><b>${r.role === 'steward' ? m.steward : m.member}</b> ${r.space.name}</li>`)}</ul>
        <p class="job" title=${job}>${job}</p>
        ${result && reasons ? html`<ul class="why">${result.reasons.slice(0, 3).map((r) => html`<li>${reasons!.reasonText(r, lang)}</li>`)}</ul>` : nothing}
        <ul class="skills">
          ${skills.map((s) => {
            const count = plural(s.endorsementCount, lang, m.endorsed);
            const inner = html`${s.label}${s.endorsementCount ? html`<span class="n" aria-hidden="true">${s.endorsementCount}</span>` : nothing}`;
            return html`<li>
              ${p.isMe
                ? html`<span class="skill" title=${count}>${inner}</span>`
                : html`<button
                    class="skill ${hits.has(s.label) ? 'hit' : ''}"
                    aria-pressed=${s.endorsedByMe ? 'true' : 'false'}
                    title=${fill(m.endorse, person.name, s.label)}
                    @click=${() => this.endorsing().then((endorsing) => endorsing.endorse(s))}
                  >
                    ${inner}<span class="sr-only"> (${count}) · ${fill(m.endorse, person.name, s.label)}</span
                    ><span class="plus" aria-hidden="true">${s.endorsedByMe ? '✓' : '+'}</span>
                  </button>`}
            </li>`;
          })}
        </ul>
        ${intent(m.askMe, p.askMeAbout)} ${intent(m.mentor, p.canMentor)} ${intent(m.learn, p.wantToLearn)}
        ${this.failure ? html`<p class="note" role="alert">${this.failure}</p>` : nothing}
        ${posts.length
          ? html`<details class="posts" @toggle=${this.openPosts}>
              <summary>${plural(posts.length, lang, m.posts)}</summary>
              ${this.posts?.render(posts)}
            </details>`
          : nothing}
      </div>
      <div class="contact">${email ? html`<a class="btn" href=${email}>${icon(mail)}${m.write}</a>` : nothing}${chat
          ? html`<a class="btn" href=${chat} target="_blank" rel="noopener noreferrer">${icon(bubble)}${m.chat}</a>`
          : nothing}</div>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ruche-person': RuchePerson;
  }
}
