import { css, html, nothing, type CSSResultOrNative, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { AskedExperts } from '../../shared/api-types.ts';
import { newKey } from '../shared/api.ts';
import type { RucheContext } from '../shared/context.ts';
import { absoluteDate, type Lang } from '../shared/i18n.ts';

/** What asking needs of <ruche-expert-finder>: the topic to begin with, where to draw, how to say a failure. */
export interface AskHost extends ReactiveControllerHost {
  readonly context: RucheContext;
  readonly language: Lang;
  readonly theme: string | null;
  readonly spaceSlug: string | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The topic being looked at: the fixed one, else the last search. */
  readonly subjectTopic: string;
  addStyles(styles: CSSResultOrNative): void;
  /** What to say of a refused request (null: the person is invited to sign in instead). */
  failed(error: unknown): Promise<string | null>;
  /** The finder's parts: the ask form takes itself off when closed, or once its question is about an old search. */
  readonly parts: { delete(name: 'ask'): unknown };
}

const messages = {
  fr: {
    title: 'Poser la question aux experts',
    topic: 'Sujet',
    question: 'Votre question',
    placeholder: 'Votre situation, ce que vous avez essayé…',
    hint: 'Les premiers experts du sujet sont prévenus ; sans réponse à temps, d’autres et les animateurs le seront.',
    cancel: 'Annuler',
    send: 'Envoyer aux experts',
    sent: 'Question envoyée.',
    notified: 'Prévenus :',
    nobody: 'Aucun expert connu sur ce sujet : les animateurs seront prévenus si personne ne répond.',
    due: 'Réponse promise d’ici le #.',
    another: 'Poser une autre question',
  },
  en: {
    title: 'Ask the experts',
    topic: 'Topic',
    question: 'Your question',
    placeholder: 'Your situation, what you tried…',
    hint: 'The first experts on the topic are told; without an answer in time, more and the stewards will be.',
    cancel: 'Cancel',
    send: 'Send to the experts',
    sent: 'Question sent.',
    notified: 'Told:',
    nobody: 'No known expert on this topic: the stewards will be told if nobody answers.',
    due: 'Answer promised by #.',
    another: 'Ask another question',
  },
};

const styles = css`
  .asking {
    display: grid;
    gap: 0.35em;
    margin-top: 1em;
    padding: 1em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    background: var(--_surface);
  }
  .asking h4 {
    margin: 0 0 0.3em;
    font-size: 1.05em;
  }
  label {
    font-size: 0.9em;
    font-weight: 600;
  }
  textarea {
    min-height: 6em;
    resize: vertical;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.86em;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5em;
    margin-top: 0.4em;
  }
  .asked {
    margin-top: 1em;
    padding: 0.8em 1em;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_success) 10%, var(--_bg));
    outline: none;
  }
  .asked b:first-child {
    color: var(--_success);
  }
  .asked + ruche-comments {
    margin-top: 1em;
  }
`;

/** Asking the experts, from the finder: a question in the topic's Q&A thread, shown with its answers as they come. */
export default class Ask implements ReactiveController {
  private asked: AskedExperts | null = null;
  private sending = false;
  private error: string | null = null;
  private key = { text: '', value: '' };
  /** What is typed: the form is not shown while a new search loads, and comes back with it. */
  private draft = '';

  constructor(private readonly host: AskHost) {
    host.addController(this);
    host.addStyles(styles);
    // Shown once the finder has it (just after this): then the question takes the focus.
    void Promise.resolve()
      .then(() => host.updateComplete)
      .then(() => host.renderRoot.querySelector<HTMLElement>('#question')?.focus());
  }

  load(): void {}

  hostDisconnected(): void {
    // Nothing to stop: a question being sent is sent anyway, the person asked it.
  }

  /** A question sent was about the last topic: « Question envoyée » goes with it (a form being written stays). */
  searched(): void {
    if (this.asked) this.close();
  }

  private close(): void {
    const { host } = this;
    host.removeController(this);
    host.parts.delete('ask');
    host.requestUpdate();
  }

  private async send(event: Event): Promise<void> {
    event.preventDefault();
    const { host } = this;
    const form = new FormData(event.target as HTMLFormElement);
    const body = { topic: String(form.get('topic')).trim(), question: String(form.get('question')).trim(), space: host.spaceSlug };
    if (!body.topic || !body.question || this.sending) return;
    // Sending the same question again after a failure must not ask it twice.
    const text = JSON.stringify(body);
    if (this.key.text !== text) this.key = { text, value: newKey() };
    this.sending = true;
    this.error = null;
    host.requestUpdate();
    try {
      this.asked = await host.context.client.request('POST', '/api/experts/questions', { body, idempotencyKey: this.key.value });
      this.draft = '';
      await import('../comments/comments.ts').then((c) => c.define());
    } catch (error) {
      this.error = await host.failed(error);
    }
    this.sending = false;
    host.requestUpdate();
    await host.updateComplete;
    host.renderRoot.querySelector<HTMLElement>(this.asked ? '.asked' : '.asking .alert')?.focus();
  }

  render() {
    const { host, asked } = this;
    const lang = host.language;
    const m = messages[lang];
    if (asked) {
      const names = asked.notified.map((p) => p.name).join(', ');
      return html`<div class="asked" role="status" tabindex="-1">
          <p>
            <b>✓ ${m.sent}</b> ${names ? html`${m.notified} <b>${names}</b>.` : m.nobody}
            ${asked.dueAt ? m.due.replace('#', absoluteDate(asked.dueAt, lang)) : nothing}
          </p>
          <button class="link" @click=${() => (this.asked = null, host.requestUpdate())}>${m.another}</button>
        </div>
        <ruche-comments mode="qa" space=${asked.subject.space} subject=${asked.subject.key} theme=${host.theme ?? nothing}></ruche-comments>`;
    }
    return html`<form class="asking" @submit=${(event: Event) => this.send(event)} aria-labelledby="ask-title">
      <h4 id="ask-title">${m.title}</h4>
      <label for="topic">${m.topic}</label>
      <input id="topic" name="topic" required maxlength="200" .value=${host.subjectTopic} />
      <label for="question">${m.question}</label>
      <textarea
        id="question"
        name="question"
        required
        maxlength="10000"
        placeholder=${m.placeholder}
        .value=${this.draft}
        @input=${(event: InputEvent) => (this.draft = (event.target as HTMLTextAreaElement).value)}
      ></textarea>
      <p class="hint">${m.hint}</p>
      ${this.error ? html`<p class="alert" role="alert" tabindex="-1">${this.error}</p>` : nothing}
      <div class="bar">
        <button type="button" class="btn" @click=${() => this.close()}>${m.cancel}</button>
        <button class="btn primary" ?disabled=${this.sending}>${m.send}</button>
      </div>
    </form>`;
  }
}
