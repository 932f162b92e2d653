import { html, nothing, type ReactiveController } from 'lit';
import type { ExpertProfile, InferredExpertise, UpdateExpertProfile } from '../../shared/api-types.ts';
import { absoluteDate, formatCount, plural } from '../shared/i18n.ts';
import { fill, safeHref } from './card.ts';
import { reasonText } from './reasons.ts';
import { MyData, type MyDataHost } from '../privacy/my-data.ts';
import { define as definePerson } from './person.ts';
import { messages, type MyProfileMessages } from './my-profile.messages.ts';
import { styles } from './my-profile.styles.ts';

type ListField = 'skills' | 'askMeAbout' | 'canMentor' | 'wantToLearn';

/** What my profile needs of <ruche-expert-finder>: what my data needs (it is shown within), and the theme of my card. */
export interface MyProfileHost extends MyDataHost {
  readonly theme: string | null;
}

/** Its words: the finder loads the English ones before it first shows the part. */
export const translations = messages;

/** "Mon profil": my skills and intents, my chat link, my privacy switches, and what Ruche infers about me. */
export default class MyProfile implements ReactiveController {
  private profile: ExpertProfile | null = null;
  private inferred: InferredExpertise | null = null;
  private error: string | null = null;
  private status = '';
  private vocabulary: string[] = [];
  private typing: ReturnType<typeof setTimeout> | undefined;
  /** Downloading my data, erasing my account. */
  private readonly myData: MyData;

  constructor(private readonly host: MyProfileHost) {
    host.addController(this);
    host.addStyles(styles);
    this.myData = new MyData(host);
    definePerson(); // my card, as colleagues see it
    void this.load();
  }

  hostDisconnected(): void {
    clearTimeout(this.typing); // no suggestions for a finder taken off the page
  }

  private get m(): MyProfileMessages {
    const lang = this.host.language;
    messages.ready(lang)?.then(() => this.host.requestUpdate()); // the person changed to English
    return messages.in(lang);
  }

  async load(): Promise<void> {
    const { client } = this.host.context;
    try {
      [this.profile, this.inferred] = await Promise.all([
        client.get('/api/experts/profile'),
        client.get('/api/experts/profile/inferred'),
      ]);
      this.error = null;
    } catch (error) {
      this.error = await this.host.failed(error);
    }
    this.host.requestUpdate();
  }

  private async save(changes: UpdateExpertProfile): Promise<boolean> {
    const { host } = this;
    this.status = '';
    try {
      this.profile = await host.context.client.request('PATCH', '/api/experts/profile', { body: changes });
      this.status = this.m.saved;
      this.error = null;
      if ('hideInferred' in changes) this.inferred = await host.context.client.get('/api/experts/profile/inferred');
      return true;
    } catch (error) {
      this.error = await host.failed(error);
      return false;
    } finally {
      host.requestUpdate();
    }
  }

  /** Skills of the shared vocabulary starting with what is typed, for the fields' suggestions. */
  private suggest(text: string): void {
    clearTimeout(this.typing);
    if (text.trim().length < 2) return;
    this.typing = setTimeout(async () => {
      const found = await this.host.context.client.get('/api/experts/skills', { q: text.trim(), limit: 8 }).catch(() => null);
      this.vocabulary = found?.skills.map((s) => s.label) ?? [];
      this.host.requestUpdate();
    }, 200);
  }

  private async add(event: Event, field: ListField): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const label = String(new FormData(form).get('skill')).trim();
    const list = this.profile![field].map((s) => s.label);
    if (label && (await this.save({ [field]: [...list, label] }))) form.reset();
  }

  private saveChat(event: Event): void {
    event.preventDefault();
    const value = String(new FormData(event.target as HTMLFormElement).get('chat')).trim();
    if (value && !safeHref(value)) {
      this.error = this.m.badLink;
      this.host.requestUpdate();
      return;
    }
    void this.save({ chatUrl: value || null });
  }

  render() {
    const { profile, inferred, host } = this;
    const m = this.m;
    if (!profile) return this.error ? html`<p class="alert" role="alert">${this.error}</p>` : html`<p class="empty" aria-busy="true">…</p>`;
    const settings = profile.settings!;
    const list = (field: ListField, label: string) => html`<div class="field">
      <span id=${`${field}-label`} class=${field === 'skills' ? 'sr-only' : ''}>${label}</span>
      <ul class="tags" aria-labelledby=${`${field}-label`}>
        ${profile[field].map(
          (skill) => html`<li class="tag">
            ${skill.label}${'endorsementCount' in skill && skill.endorsementCount ? html` <span class="n">${skill.endorsementCount}</span>` : nothing}
            <button class="x" aria-label=${fill(m.remove, skill.label)} @click=${() => this.save({ [field]: profile[field].filter((s) => s !== skill).map((s) => s.label) })}>×</button>
          </li>`,
        )}
      </ul>
      <form class="adder" @submit=${(event: Event) => this.add(event, field)}>
        <input name="skill" list="vocabulary" autocomplete="off" maxlength="80" aria-labelledby=${`${field}-label`} @input=${(event: Event) => this.suggest((event.target as HTMLInputElement).value)} />
        <button class="btn">${m.add}</button>
      </form>
    </div>`;
    const toggle = (name: 'hideInferred' | 'hideFromGuests', hint: string) => html`<label class="switch">
      <input type="checkbox" role="switch" .checked=${settings[name]} @change=${(event: Event) => this.save({ [name]: (event.target as HTMLInputElement).checked })} />
      <b>${m[name]}</b><small>${hint}</small>
    </label>`;
    return html`<div class="mine">
      <div>
        <p class="lead">${m.lead}</p>
        <ruche-person .profile=${profile} theme=${host.theme ?? nothing}></ruche-person>
      </div>
      <div class="sr-only" role="status">${this.status}</div>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      <section>
        <h4>${m.skills}</h4>
        <p class="hint">${m.skillsHint}</p>
        ${list('skills', m.skills)}
      </section>
      <section>
        <h4>${m.intents}</h4>
        ${list('askMeAbout', m.askMeAbout)} ${list('canMentor', m.canMentor)} ${list('wantToLearn', m.wantToLearn)}
        <datalist id="vocabulary">${this.vocabulary.map((label) => html`<option value=${label}></option>`)}</datalist>
      </section>
      <section>
        <h4>${m.contact}</h4>
        ${profile.contact.email ? html`<p class="hint">${m.email} ${profile.contact.email}</p>` : nothing}
        <form class="field" @submit=${(event: Event) => this.saveChat(event)}>
          <label for="chat">${m.chat}</label>
          <div class="adder">
            <input id="chat" name="chat" type="url" maxlength="500" .value=${profile.contact.chatUrl ?? ''} placeholder="https://…" />
            <button class="btn">${m.save}</button>
          </div>
        </form>
      </section>
      <section>
        <h4>${m.privacy}</h4>
        ${toggle('hideInferred', m.hideInferredHint)} ${toggle('hideFromGuests', m.hideFromGuestsHint)}
        ${this.status ? html`<p class="saved" aria-hidden="true">✓ ${this.status}</p>` : nothing}
      </section>
      ${this.myData.render()}
      ${inferred ? this.renderInferred(inferred) : nothing}
    </div>`;
  }

  private renderInferred(inferred: InferredExpertise) {
    const lang = this.host.language;
    const m = this.m;
    const totals = (Object.keys(inferred.totals) as (keyof InferredExpertise['totals'])[])
      .filter((key) => inferred.totals[key])
      .map((key) => plural(inferred.totals[key], lang, m[`t_${key}`]));
    return html`<section class="inferred">
      <h4>${m.inferred}</h4>
      ${inferred.hidden ? html`<p class="banner">${m.hidden}</p>` : nothing}
      <p>${totals.length ? html`<b>${m.totals}</b> ${totals.join(' · ')}` : m.nothing}</p>
      ${inferred.bySkill.length
        ? html`<ul>
            ${inferred.bySkill.map(
              (s) => html`<li>
                <b>${fill(m.bySkill, s.skill.label)}</b>
                <span class="why">${s.reasons.map((r) => reasonText(r, lang)).join(' · ') || m.noReason}</span>
              </li>`,
            )}
          </ul>`
        : nothing}
      ${inferred.items.length
        ? html`<h4>${m.posts}</h4>
            <ul>
              ${inferred.items.slice(0, 10).map(
                (item) => html`<li class="post">
                  <p><b>${m.kinds[item.kind]}</b> · ${item.subject.title ?? item.space.name} · ${absoluteDate(item.createdAt, lang)}</p>
                  <blockquote>${item.excerpt}</blockquote>
                  <p>
                    ${m.weight.replace('#', formatCount(Math.round(item.weight * 100) / 100, lang))}
                    <span class="audience">${item.audience === 'employees' ? m.employees : fill(m.members, item.space.name)}</span>
                  </p>
                </li>`,
              )}
            </ul>`
        : nothing}
      <p class="fine">
        ${fill(m.never.replace('#', formatCount(inferred.neverCounted.questions, lang)), formatCount(inferred.neverCounted.anonymousIdeas, lang), formatCount(Math.round(inferred.halfLifeDays), lang))}
      </p>
    </section>`;
  }
}
