import { css, html, nothing } from 'lit';
import type { ExpertProfile, InferredExpertise, UpdateExpertProfile } from '../../shared/api-types.ts';
import { absoluteDate, formatCount, plural } from '../shared/i18n.ts';
import { fill, safeHref } from './card.ts';
import { reasonText } from './reasons.ts';
import type { Part, RucheExpertFinder } from './expert-finder.component.ts';
import { MyData } from '../privacy/my-data.ts';
import { define as definePerson } from './person.ts';

type ListField = 'skills' | 'askMeAbout' | 'canMentor' | 'wantToLearn';

const messages = {
  fr: {
    lead: 'Ce que vos collègues voient de vous :',
    skills: 'Mes compétences',
    skillsHint: 'Vos collègues peuvent recommander chacune d’elles.',
    intents: 'Mes intentions',
    askMeAbout: 'Demandez-moi sur',
    canMentor: 'Je peux accompagner sur',
    wantToLearn: 'Je veux apprendre',
    add: 'Ajouter',
    remove: 'Retirer “%”',
    contact: 'Me contacter',
    chat: 'Lien de messagerie (Teams, Slack, XMPP, SIP, https…)',
    email: 'E-mail (annuaire de l’entreprise) :',
    save: 'Enregistrer',
    badLink: 'Lien refusé : https:, msteams:, slack:, sip:, xmpp:, im: ou tel: seulement.',
    privacy: 'Confidentialité',
    hideInferred: 'Ne pas utiliser ce que Ruche déduit de mon activité',
    hideInferredHint: 'Vos messages ne servent plus à vous classer ni de preuves : seules vos compétences déclarées comptent.',
    hideFromGuests: 'Masquer mon profil aux invités',
    hideFromGuestsHint: 'Les partenaires externes ne vous trouvent pas et ne voient pas votre fiche.',
    saved: 'Enregistré.',
    inferred: 'Ce que Ruche déduit de votre activité',
    hidden: 'Vous avez choisi de ne pas l’utiliser : rien de ceci n’est montré ni ne compte.',
    totals: 'Ce qui compte :',
    t_acceptedAnswers: ['# réponse acceptée', '# réponses acceptées'],
    t_answers: ['# réponse', '# réponses'],
    t_comments: ['# commentaire', '# commentaires'],
    t_ideas: ['# idée signée', '# idées signées'],
    t_likes: ['# j’aime reçu', '# j’aime reçus'],
    t_votes: ['# vote reçu', '# votes reçus'],
    nothing: 'Rien pour l’instant : vos réponses et vos idées signées compteront.',
    bySkill: 'Qui cherche “%” lit :',
    noReason: 'rien encore.',
    posts: 'Les messages qui pèsent le plus',
    weight: 'poids #',
    employees: 'visible par tous',
    members: 'visible des membres de « % »',
    never: 'Ne comptent jamais : vos questions (#), vos idées anonymes (%). Le poids d’un message diminue de moitié tous les & jours.',
    kinds: { accepted_answer: 'Réponse acceptée', answer: 'Réponse', comment: 'Commentaire', idea: 'Idée' },
  },
  en: {
    lead: 'What your colleagues see of you:',
    skills: 'My skills',
    skillsHint: 'Your colleagues can endorse each of them.',
    intents: 'My intents',
    askMeAbout: 'Ask me about',
    canMentor: 'I can mentor',
    wantToLearn: 'I want to learn',
    add: 'Add',
    remove: 'Remove “%”',
    contact: 'Contact me',
    chat: 'Chat link (Teams, Slack, XMPP, SIP, https…)',
    email: 'E-mail (company directory):',
    save: 'Save',
    badLink: 'Link refused: https:, msteams:, slack:, sip:, xmpp:, im: or tel: only.',
    privacy: 'Privacy',
    hideInferred: 'Do not use what Ruche infers from my activity',
    hideInferredHint: 'Your posts no longer rank you nor show as evidence: only the skills you declare count.',
    hideFromGuests: 'Hide my profile from guests',
    hideFromGuestsHint: 'External partners neither find you nor see your card.',
    saved: 'Saved.',
    inferred: 'What Ruche infers from your activity',
    hidden: 'You chose not to use it: none of this is shown or counts.',
    totals: 'What counts:',
    t_acceptedAnswers: ['# accepted answer', '# accepted answers'],
    t_answers: ['# answer', '# answers'],
    t_comments: ['# comment', '# comments'],
    t_ideas: ['# signed idea', '# signed ideas'],
    t_likes: ['# like received', '# likes received'],
    t_votes: ['# vote received', '# votes received'],
    nothing: 'Nothing yet: your answers and signed ideas will count.',
    bySkill: 'Searching “%” shows:',
    noReason: 'nothing yet.',
    posts: 'The posts that weigh most',
    weight: 'weight #',
    employees: 'visible to all',
    members: 'visible to the members of “%”',
    never: 'Never counted: your questions (#), your anonymous ideas (%). A post’s weight halves every & days.',
    kinds: { accepted_answer: 'Accepted answer', answer: 'Answer', comment: 'Comment', idea: 'Idea' },
  },
};

const styles = css`
  .mine {
    display: grid;
    gap: 1.1em;
  }
  .mine h4 {
    margin: 0 0 0.45em;
    font-size: 1em;
  }
  .mine section {
    padding-top: 1em;
    border-top: 1px solid var(--_border);
  }
  .field {
    margin-top: 0.7em;
  }
  .field > span,
  .field label {
    display: block;
    margin-bottom: 0.3em;
    font-size: 0.9em;
    font-weight: 600;
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
  }
  .tag {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    min-height: 2em;
    padding: 0 0.2em 0 0.75em;
    border-radius: 999px;
    background: var(--_accent-soft);
    font-size: 0.88em;
    font-weight: 500;
  }
  .x {
    width: 1.6em;
    height: 1.6em;
    border-radius: 50%;
    color: var(--_muted);
    font-size: 1.1em;
    line-height: 1;
  }
  .x:hover {
    background: var(--_bg);
    color: var(--_danger);
  }
  .n {
    color: var(--_muted);
    font-weight: 700;
  }
  .adder {
    display: flex;
    gap: 0.4em;
    margin-top: 0.45em;
    max-width: 26em;
  }
  .adder input {
    min-height: 2.2em;
  }
  .hint,
  .switch small,
  .fine {
    color: var(--_muted);
    font-size: 0.86em;
  }
  .switch {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 0.6em;
    margin-top: 0.6em;
    cursor: pointer;
  }
  .switch input {
    width: 1.15em;
    min-height: 0;
    height: 1.15em;
    margin: 0.2em 0 0;
    accent-color: var(--_accent);
  }
  .switch b {
    font-weight: 600;
  }
  .switch small {
    grid-column: 2;
  }
  .saved {
    color: var(--_success);
    font-weight: 600;
  }
  .banner {
    margin-bottom: 0.7em;
    padding: 0.6em 0.8em;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_warning) 12%, var(--_bg));
    color: var(--_warning);
  }
  .inferred ul {
    display: grid;
    gap: 0.55em;
    margin: 0.4em 0 0.9em;
  }
  .inferred li {
    line-height: 1.45;
  }
  .inferred .why {
    display: block;
    color: var(--_muted);
    font-size: 0.92em;
  }
  .post blockquote {
    margin: 0.15em 0;
    padding-left: 0.75em;
    border-left: 3px solid var(--_border);
    overflow-wrap: anywhere;
  }
  .post p {
    font-size: 0.85em;
    color: var(--_muted);
  }
  .post b {
    color: var(--_text);
  }
  .audience {
    margin-left: 0.3em;
    padding: 0 0.5em;
    border-radius: 999px;
    background: var(--_surface);
  }
`;

/** "Mon profil": my skills and intents, my chat link, my privacy switches, and what Ruche infers about me. */
export default class MyProfile implements Part {
  private profile: ExpertProfile | null = null;
  private inferred: InferredExpertise | null = null;
  private error: string | null = null;
  private status = '';
  private vocabulary: string[] = [];
  private typing: ReturnType<typeof setTimeout> | undefined;
  /** Downloading my data, erasing my account. */
  private readonly myData: MyData;

  constructor(private readonly host: RucheExpertFinder) {
    host.addStyles(styles);
    this.myData = new MyData(host);
    definePerson(); // my card, as colleagues see it
    void this.load();
  }

  private get m() {
    return messages[this.host.language];
  }

  async load(): Promise<void> {
    const { client } = this.host.ctx!;
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
      this.profile = await host.ctx!.client.request('PATCH', '/api/experts/profile', { body: changes });
      this.status = this.m.saved;
      this.error = null;
      if ('hideInferred' in changes) this.inferred = await host.ctx!.client.get('/api/experts/profile/inferred');
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
      const found = await this.host.ctx!.client.get('/api/experts/skills', { q: text.trim(), limit: 8 }).catch(() => null);
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
