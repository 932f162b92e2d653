import { css, html, nothing, type CSSResultOrNative, type ReactiveControllerHost } from 'lit';
import type { EraseAccount, ErasurePreview, Lang } from '../../shared/api-types.ts';
import type { RucheContext } from '../shared/context.ts';
import { errorMessage, plural } from '../shared/i18n.ts';

/**
 * What my data needs of the widget showing it (<ruche-expert-finder>, in "Mon profil"): the
 * person's context, where to draw the dialog, and what to do once the account is erased.
 */
export interface MyDataHost extends ReactiveControllerHost {
  /** The context in use; null until it is known. */
  readonly ctx: RucheContext | null;
  readonly context: RucheContext;
  readonly language: Lang;
  readonly renderRoot: HTMLElement | DocumentFragment;
  addStyles(styles: CSSResultOrNative): void;
  /** What to say of a refused request (null: the person is invited to sign in instead). */
  failed(error: unknown): Promise<string | null>;
  /** The person erased their account: the widget says `text`, and goes on as for someone signed out. */
  farewell(text: string): void;
}

const messages = {
  fr: {
    title: 'Mes données',
    lead: 'Tout ce que Ruche garde de vous, dans un fichier que vous pouvez lire ou emporter ; ou votre compte effacé.',
    download: 'Télécharger mes données',
    downloading: 'Préparation du fichier…',
    downloaded: 'Fichier téléchargé : %.',
    file: 'ruche-mes-donnees',
    erase: 'Supprimer mon compte',
    inExtension: 'Vos données se téléchargent, et votre compte se supprime, depuis une page de l’intranet qui intègre Ruche.',
    dialogTitle: 'Supprimer votre compte Ruche ?',
    final: 'C’est définitif : rien de ce qui est supprimé ne pourra être retrouvé.',
    loading: 'Ce que cela changerait…',
    goes: 'Ce qui est supprimé',
    stays: 'Ce qui reste',
    goProfile: 'Votre profil : compétences, intentions, lien de contact, réglages',
    goVotes: 'Vos votes et vos « j’aime » (les compteurs baissent d’autant)',
    goEndorsements: 'Les recommandations que vous avez données et reçues',
    goNews: 'Vos abonnements et vos notifications',
    counts: '# et &',
    comments: ['# commentaire', '# commentaires'],
    ideas: ['# idée', '# idées'],
    choice: 'Vos messages',
    keep: 'Les garder, signés « Ancien membre » au lieu de votre nom',
    delete: 'Les supprimer',
    keptPosts: 'Vos messages, signés « Ancien membre » : personne ne saura plus qu’ils étaient de vous',
    deletedPosts: 'Vos commentaires et vos idées signées',
    anonymous: ['Votre idée anonyme reste anonyme : personne ne saura qu’elle était de vous', 'Vos # idées anonymes restent anonymes : personne ne saura qu’elles étaient de vous'],
    othersReplies: 'Les réponses des autres gardent leur place : un commentaire supprimé laisse la sienne, sans texte ni auteur',
    othersTookPart: 'Ces idées restent, sans votre nom, car d’autres y ont voté ou en ont discuté : %',
    spaceKeeps: '« % » garde les messages de ceux qui partent : les vôtres y restent, sans votre nom',
    lastSteward: 'Vous êtes le dernier animateur de % : nommez d’abord quelqu’un d’autre. Votre compte ne peut pas être supprimé avant.',
    understand: 'Je comprends que c’est définitif',
    cancel: 'Annuler',
    confirm: 'Supprimer définitivement mon compte',
    erasing: 'Suppression…',
    erased: 'Votre compte Ruche est supprimé, avec votre profil, vos votes et vos « j’aime ». Cette page ne sait plus qui vous êtes.',
    refusals: {
      last_steward: 'Vous êtes devenu le dernier animateur d’un espace : nommez d’abord quelqu’un d’autre.',
      posts_must_stay: 'Un espace garde les messages de ceux qui partent : rouvrez cette fenêtre pour voir lesquels.',
    } as Record<string, string>,
  },
  en: {
    title: 'My data',
    lead: 'Everything Ruche keeps about you, in a file you can read or take away; or your account erased.',
    download: 'Download my data',
    downloading: 'Preparing the file…',
    downloaded: 'File downloaded: %.',
    file: 'ruche-my-data',
    erase: 'Delete my account',
    inExtension: 'Your data is downloaded, and your account deleted, from an intranet page that embeds Ruche.',
    dialogTitle: 'Delete your Ruche account?',
    final: 'This is final: nothing deleted can be brought back.',
    loading: 'What it would change…',
    goes: 'What is deleted',
    stays: 'What stays',
    goProfile: 'Your profile: skills, intents, contact link, settings',
    goVotes: 'Your votes and likes (the counts go down with them)',
    goEndorsements: 'The endorsements you gave and received',
    goNews: 'What you follow and your notifications',
    counts: '# and &',
    comments: ['# comment', '# comments'],
    ideas: ['# idea', '# ideas'],
    choice: 'Your posts',
    keep: 'Keep them, signed “Former member” instead of your name',
    delete: 'Delete them',
    keptPosts: 'Your posts, signed “Former member”: nobody will know any more they were yours',
    deletedPosts: 'Your comments and signed ideas',
    anonymous: ['Your anonymous idea stays anonymous: nobody will know it was yours', 'Your # anonymous ideas stay anonymous: nobody will know they were yours'],
    othersReplies: 'Others’ replies keep their place: a deleted comment leaves its own, without words or author',
    othersTookPart: 'These ideas stay, without your name, because others voted for or discussed them: %',
    spaceKeeps: '“%” keeps the posts of people who leave: yours stay there, without your name',
    lastSteward: 'You are the last steward of %: name someone else first. Your account cannot be deleted before.',
    understand: 'I understand this is final',
    cancel: 'Cancel',
    confirm: 'Delete my account for good',
    erasing: 'Deleting…',
    erased: 'Your Ruche account is deleted, with your profile, your votes and your likes. This page no longer knows who you are.',
    refusals: {
      last_steward: 'You have become the last steward of a space: name someone else first.',
      posts_must_stay: 'A space keeps the posts of people who leave: open this window again to see which.',
    } as Record<string, string>,
  },
};

type Messages = (typeof messages)['fr'];

export const styles = css`
  /* In the finder, once erased (focused for screen readers: the dialog and its button are gone). */
  .farewell {
    border-left: 3px solid var(--_success);
    color: var(--_text);
    outline: none;
  }
  .my-data .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin-top: 0.6em;
  }
  .btn.danger-line {
    border-color: color-mix(in srgb, var(--_danger) 60%, var(--_border));
    color: var(--_danger);
  }
  .btn.danger {
    border-color: var(--_danger);
    background: var(--_danger);
    color: var(--_on-accent);
  }
  dialog {
    width: min(36em, calc(100vw - 2em));
    max-height: calc(100vh - 2em);
    padding: 1.2em 1.4em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 4px);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
    line-height: 1.5;
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.3);
  }
  dialog::backdrop {
    background: rgb(15 20 30 / 0.55);
  }
  dialog h4 {
    margin: 0 0 0.4em;
    font-size: 1.15em;
  }
  dialog h5 {
    margin: 1em 0 0.3em;
    font-size: 0.95em;
  }
  dialog ul {
    margin: 0;
    padding-left: 1.2em;
    list-style: disc;
  }
  dialog li {
    margin: 0.2em 0;
  }
  dialog fieldset {
    margin: 1em 0 0;
    padding: 0.6em 0.9em 0.7em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  dialog legend {
    padding: 0 0.3em;
    font-weight: 600;
  }
  dialog label {
    display: flex;
    align-items: flex-start;
    gap: 0.5em;
    margin: 0.3em 0;
    cursor: pointer;
  }
  dialog input[type] {
    flex: none;
    width: 1.15em;
    min-height: 0;
    height: 1.15em;
    margin: 0.2em 0 0;
    padding: 0;
    accent-color: var(--_danger);
  }
  .understand {
    margin-top: 1em;
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5em;
    margin-top: 1.2em;
  }
`;

/** "my-name", for a file name: letters and digits of the name, accents taken off. */
const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * A person's own data, in their profile (the finder's "Mon profil"): their export as a file, and
 * erasing their account, in a dialog that says beforehand, from GET /api/me/erasure, what goes and
 * what stays for them. Once erased, the finder says so and the page goes on as signed out.
 */
export class MyData {
  private preview: ErasurePreview | null = null;
  private posts: EraseAccount['posts'] = 'keep_as_former_colleague';
  private failure: string | null = null;
  /** Why the dialog could not learn what erasing would do, or could not erase. */
  private refusal: string | null = null;
  private busy: 'download' | 'erase' | null = null;
  private status = '';

  constructor(private readonly host: MyDataHost) {
    host.addStyles(styles);
  }

  private get m(): Messages {
    return messages[this.host.language as Lang];
  }

  private get dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector('dialog.erase');
  }

  /** The export, as a file: the widget holds the token, so it fetches and hands over a Blob. */
  private async download(): Promise<void> {
    const { host } = this;
    const m = this.m;
    this.busy = 'download';
    this.failure = null;
    this.status = m.downloading;
    host.requestUpdate();
    try {
      const data = await host.context.client.get('/api/me/export');
      const day = (data.generatedAt ?? new Date().toISOString()).slice(0, 10);
      const name = [m.file, slug(data.person?.name ?? ''), day].filter(Boolean).join('-') + '.json';
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      // A link of the shadow root's own: the page's click handlers and its CSS never see it.
      const link = Object.assign(document.createElement('a'), { href: url, download: name, hidden: true });
      host.renderRoot.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
      this.status = m.downloaded.replace('%', name);
    } catch (error) {
      this.status = '';
      this.failure = await host.failed(error);
    } finally {
      this.busy = null;
      host.requestUpdate();
    }
  }

  /** Opens the dialog, and learns what erasing would do for this person. */
  private async open(): Promise<void> {
    const { host } = this;
    this.preview = null;
    this.refusal = null;
    this.posts = 'keep_as_former_colleague';
    host.requestUpdate();
    await host.updateComplete;
    this.dialog?.showModal();
    try {
      this.preview = await host.context.client.get('/api/me/erasure');
    } catch (error) {
      this.refusal = await host.failed(error);
    }
    host.requestUpdate();
  }

  private close(): void {
    this.dialog?.close();
  }

  private async erase(event: Event): Promise<void> {
    event.preventDefault();
    const { host } = this;
    if (this.busy || !this.preview?.canErase) return;
    this.busy = 'erase';
    this.refusal = null;
    host.requestUpdate();
    try {
      // Where a space keeps the posts of people who leave, they stay there: the dialog said so.
      const body: EraseAccount = { posts: this.posts, whereDeletionForbidden: 'keep', confirm: true };
      await host.context.client.request('DELETE', '/api/me', { body });
      this.close();
      host.farewell(this.m.erased);
    } catch (error) {
      this.refusal = errorMessage(error, host.language, this.m.refusals);
    } finally {
      this.busy = null;
      host.requestUpdate();
    }
  }

  render() {
    const m = this.m;
    // In the browser extension, requests go through it, and it never relays these (a page script
    // could ask): nothing to offer there but where to do it.
    if (this.host.ctx?.client.transport) {
      return html`<section class="my-data" aria-labelledby="my-data-title">
        <h4 id="my-data-title">${m.title}</h4>
        <p class="hint">${m.inExtension}</p>
      </section>`;
    }
    return html`<section class="my-data" aria-labelledby="my-data-title">
      <h4 id="my-data-title">${m.title}</h4>
      <p class="hint">${m.lead}</p>
      <div class="row">
        <button class="btn" ?disabled=${this.busy === 'download'} @click=${() => this.download()}>${m.download}</button>
        <button class="btn danger-line" aria-haspopup="dialog" @click=${() => this.open()}>${m.erase}</button>
      </div>
      <p class="sr-only" role="status">${this.status}</p>
      ${this.status && !this.busy ? html`<p class="saved" aria-hidden="true">✓ ${this.status}</p>` : nothing}
      ${this.failure ? html`<p class="alert" role="alert">${this.failure}</p>` : nothing}
      <dialog class="erase" aria-labelledby="erase-title" aria-describedby="erase-final">
        <form @submit=${(event: Event) => this.erase(event)}>
          <h4 id="erase-title">${m.dialogTitle}</h4>
          <p id="erase-final">${m.final}</p>
          ${this.renderPreview(m)}
          ${this.refusal ? html`<p class="alert" role="alert">${this.refusal}</p>` : nothing}
          <div class="actions">
            <button type="button" class="btn" @click=${() => this.close()}>${m.cancel}</button>
            ${this.preview?.canErase
              ? html`<button class="btn danger" ?disabled=${this.busy === 'erase'}>${this.busy === 'erase' ? m.erasing : m.confirm}</button>`
              : nothing}
          </div>
        </form>
      </dialog>
    </section>`;
  }

  private renderPreview(m: Messages) {
    const preview = this.preview;
    if (!preview) return this.refusal ? nothing : html`<p class="hint" aria-busy="true">${m.loading}</p>`;
    const lang = this.host.language as Lang;
    const { comments, ideas, anonymousIdeas } = preview.posts;
    const signed = ideas - anonymousIdeas;
    const hasPosts = comments + signed > 0;
    const deleting = this.posts === 'delete_posts' && hasPosts;
    const counts = m.counts.replace('#', plural(comments, lang, m.comments)).replace('&', plural(signed, lang, m.ideas));
    const othersTookPart = preview.ideasThatStay.filter((i) => i.why === 'others_took_part');
    const quoted = (names: string[]) => names.map((name) => (lang === 'fr' ? `« ${name} »` : `“${name}”`)).join(', ');
    if (preview.lastStewardOf.length) {
      return html`<p class="alert" role="alert">${m.lastSteward.replace('%', quoted(preview.lastStewardOf.map((s) => s.name)))}</p>`;
    }
    return html`<h5>${m.goes}</h5>
      <ul>
        <li>${m.goProfile}</li>
        <li>${m.goVotes}</li>
        <li>${m.goEndorsements}</li>
        <li>${m.goNews}</li>
        ${deleting ? html`<li>${m.deletedPosts} (${counts})</li>` : nothing}
      </ul>
      ${hasPosts
        ? html`<fieldset>
            <legend>${m.choice} (${counts})</legend>
            ${(['keep_as_former_colleague', 'delete_posts'] as const).map(
              (choice) => html`<label>
                <input
                  type="radio"
                  name="posts"
                  value=${choice}
                  .checked=${this.posts === choice}
                  @change=${() => {
                    this.posts = choice;
                    this.host.requestUpdate();
                  }}
                />
                ${choice === 'delete_posts' ? m.delete : m.keep}
              </label>`,
            )}
          </fieldset>`
        : nothing}
      <h5>${m.stays}</h5>
      <ul>
        ${hasPosts && !deleting ? html`<li>${m.keptPosts}</li>` : nothing}
        ${anonymousIdeas ? html`<li>${plural(anonymousIdeas, lang, m.anonymous)}</li>` : nothing}
        ${deleting && othersTookPart.length ? html`<li>${m.othersTookPart.replace('%', quoted(othersTookPart.map((i) => i.title)))}</li>` : nothing}
        ${deleting ? preview.spacesKeepingPosts.map((s) => html`<li>${m.spaceKeeps.replace('%', s.name)}</li>`) : nothing}
        <li>${m.othersReplies}</li>
      </ul>
      <label class="understand"><input type="checkbox" name="understand" required />${m.understand}</label>`;
  }
}
