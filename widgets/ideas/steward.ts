import { css, html, nothing, type ReactiveController } from 'lit';
import type { IdeaDetail, IdeaRef, SimilarIdeas } from '../../shared/api-types.ts';
import { errorMessage } from '../shared/i18n.ts';
import type { BodyOf } from '../shared/routes.ts';
import { IDEA_STATUSES } from '../shared/idea-statuses.ts';
import type { DetailMessages } from './detail.messages.ts';
import { fill, statusBadge, type NotingHost } from './parts.ts';

/** What the stewards' controls need of the idea box's participation: focus, and a button's busy state. */
export interface StewardParticipation {
  focusIn(selector: string): void;
  setBusy(key: string, on: boolean): void;
}

/** What the stewards' controls need of <ruche-idea-box>: besides the API and its notes, reading the list again. */
export interface StewardHost extends NotingHost {
  /** Reads the list again (its counts and order change with a decision). */
  load(): Promise<void>;
  readonly participation: StewardParticipation | null;
}

/** The idea's view the controls sit in: the idea shown, its messages, and how a decision replaces the idea. */
export interface StewardedIdea {
  readonly idea: IdeaDetail | null;
  readonly m: DetailMessages;
  replace(idea: IdeaDetail): void;
}

const styles = css`
  .steward {
    margin: 1.2em 0;
    padding: 0.8em 1em 1em;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .steward h4 {
    margin: 0 0 0.6em;
  }
  .steward label {
    display: block;
    margin: 0.6em 0 0.3em;
    font-weight: 600;
  }
  .steward textarea,
  .steward input {
    width: 100%;
    padding: 0.35em 0.6em;
  }
  .steward textarea {
    min-height: 3.6em;
    field-sizing: content;
  }
  .steward .btn {
    margin-top: 0.6em;
  }
  .steward summary {
    margin-top: 0.9em;
    color: var(--_muted);
    cursor: pointer;
  }
  .steward li {
    display: flex;
    align-items: center;
    gap: 0.5em;
    margin-top: 0.3em;
  }
  .steward [aria-pressed='true'] {
    background: var(--_accent-soft);
    color: var(--_accent);
  }
  .hint {
    color: var(--_muted);
    font-size: 0.88em;
  }
  .danger {
    border-color: var(--_danger);
    background: var(--_danger);
    color: var(--_on-accent);
  }
`;

/**
 * The stewards' controls on an idea: its status with a word to everyone (required to decline), and
 * merging a duplicate into the original. Loaded only for the space's stewards.
 */
export class Stewarding implements ReactiveController {
  private ideaId = '';
  /** What a steward may set (merging is its own move). */
  private status: BodyOf<'POST', '/api/ideas/:id/status'>['status'] = 'new';
  private reason = '';
  private matches: SimilarIdeas['ideas'] | null = null;
  private into: IdeaRef | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: StewardHost,
    private readonly detail: StewardedIdea,
  ) {
    host.addController(this);
    host.addStyles(styles);
  }

  hostDisconnected(): void {
    // Out of the page, no list of matches is wanted any more.
    clearTimeout(this.timer);
  }

  private async decide(): Promise<void> {
    const { host } = this;
    const m = this.detail.m;
    const reason = this.reason.trim();
    if (this.status === 'declined' && !reason) {
      host.note('steward', m.needReason);
      return host.participation!.focusIn('#reason');
    }
    const body = { status: this.status, reason: reason || undefined };
    await this.send('steward', (idea) => this.host.context.client.request('POST', '/api/ideas/:id/status', { query: idea, body }), m.saved);
    this.reason = '';
  }

  private async merge(): Promise<void> {
    // Once merged, these controls are gone: the word goes above the idea.
    const body = { into: this.into!.id };
    await this.send('merge', (idea) => this.host.context.client.request('POST', '/api/ideas/:id/merge', { query: idea, body }), this.detail.m.saved, 'detail');
  }

  private async send(key: string, decide: (idea: { id: string }) => Promise<IdeaDetail>, done: string, doneKey = key): Promise<void> {
    const { host } = this;
    host.notes.delete(key);
    host.participation!.setBusy(key, true);
    try {
      this.detail.replace(await decide({ id: this.ideaId }));
      host.note(doneKey, done, false);
      void host.load(); // counts and order change
    } catch (error) {
      host.note(key, errorMessage(error, host.language, this.detail.m.refusals));
    } finally {
      host.participation!.setBusy(key, false);
    }
  }

  private search(q: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(async () => {
      const { host } = this;
      const found = q.trim().length < 2 ? null : await host.context.client.get('/api/ideas/similar', { space: host.spaceSlug, q, limit: 6 }).catch(() => null);
      this.matches = found?.ideas.filter((idea) => idea.id !== this.ideaId) ?? null;
      host.requestUpdate();
    }, 250);
  }

  render() {
    const { host } = this;
    const idea = this.detail.idea!;
    if (idea.status === 'merged') return nothing; // a merge is final
    if (idea.id !== this.ideaId) Object.assign(this, { ideaId: idea.id, status: idea.status, reason: '', matches: null, into: null });
    const m = this.detail.m;
    const lm = host.m;
    const declined = this.status === 'declined';
    return html`<section class="steward" aria-labelledby="steward">
      <h4 id="steward">${m.steward}</h4>
      <form
        novalidate
        @submit=${(event: Event) => {
          event.preventDefault();
          void this.decide();
        }}
      >
        <label for="status">${m.newStatus}</label>
        <select
          id="status"
          @change=${(event: Event) => {
            this.status = (event.target as HTMLSelectElement).value as typeof this.status;
            host.requestUpdate();
          }}
        >
          ${IDEA_STATUSES.filter((s) => s !== 'merged').map((s) => html`<option value=${s} ?selected=${s === this.status}>${lm.status[s]}</option>`)}
        </select>
        <label for="reason">${declined ? m.reasonDeclined : m.reason}</label>
        <textarea
          id="reason"
          maxlength="2000"
          ?required=${declined}
          .value=${this.reason}
          @input=${(event: InputEvent) => (this.reason = (event.target as HTMLTextAreaElement).value)}
        ></textarea>
        <button class="btn primary" ?disabled=${host.busy.has('steward')}>${m.save}</button>
        ${host.renderNote('steward')}
      </form>
      <details>
        <summary>${m.merge}</summary>
        <label for="merge-search">${m.mergeSearch}</label>
        <input id="merge-search" autocomplete="off" aria-describedby="merge-hint" @input=${(event: InputEvent) => this.search((event.target as HTMLInputElement).value)} />
        <p class="hint" id="merge-hint">${m.mergeHint}</p>
        ${this.matches
          ? this.matches.length
            ? html`<ul>
                ${this.matches.map(
                  (match) => html`<li>
                    <button
                      type="button"
                      class="link"
                      aria-pressed=${this.into?.id === match.id ? 'true' : 'false'}
                      @click=${() => {
                        this.into = match;
                        host.requestUpdate();
                      }}
                    >
                      ${match.title}
                    </button>
                    ${statusBadge(match.status, lm)}
                  </li>`,
                )}
              </ul>`
            : html`<p class="hint">${m.noMatch}</p>`
          : nothing}
        ${this.into
          ? html`<p class="hint">${m.mergeFinal}</p>
              <button class="btn danger" ?disabled=${host.busy.has('merge')} @click=${() => this.merge()}>${fill(m.mergeInto, this.into.title)}</button>`
          : nothing}
        ${host.renderNote('merge')}
      </details>
    </section>`;
  }
}
