import { css, html, nothing, type ReactiveController } from 'lit';
import type { Idea, IdeaPage, IdeaPolicy, NewIdea, SimilarIdeas } from '../../shared/api-types.ts';
import { ApiError, newKey } from '../shared/api.ts';
import { errorMessage } from '../shared/i18n.ts';
import { fill, statusBadge, type IdeaBoxView, type NotingHost, type ViewName, type Votable } from './parts.ts';
import { messages } from './submit.messages.ts';

/** What the form needs of the idea box's participation: focus, busy buttons, and the views (closed, left, followed). */
export interface SubmitParticipation {
  focusIn(selector: string): void;
  setBusy(key: string, on: boolean): void;
  close(): void;
  back(): Promise<void>;
  follow(on: boolean): void;
  backButton(): unknown;
}

/**
 * What the form needs of <ruche-idea-box>: where the idea goes (space, campaign), the page read (its
 * policy, its counts, which a new idea changes), the list it joins, its notes, votes, and the idea's view.
 */
export interface SubmitHost extends NotingHost {
  readonly campaign: string | null;
  readonly page: IdeaPage | null;
  ideas: Idea[];
  voteButton(idea: Votable, noteKey?: string): unknown;
  open(name: ViewName, id?: string): Promise<void>;
  readonly participation: SubmitParticipation | null;
}

const SIMILAR_DELAY_MS = 250;
const MAX_TAGS = 5;

const styles = css`
  .form label,
  .legend {
    display: block;
    margin: 1.1em 0 0.35em;
    font-weight: 650;
  }
  .form input,
  textarea {
    width: 100%;
    padding: 0.35em 0.6em;
  }
  #title {
    font-size: 1.1em;
  }
  textarea {
    min-height: 5.5em;
    resize: vertical;
    field-sizing: content;
  }
  input:focus,
  textarea:focus {
    border-color: var(--_accent);
    outline: none;
    box-shadow: 0 0 0 3px var(--_accent-soft);
  }
  .hint {
    margin: -0.2em 0 0.4em;
    color: var(--_muted);
    font-size: 0.88em;
  }
  .similar:not(:empty) {
    margin-top: 0.6em;
    padding: 0.7em 0.85em;
    border-radius: var(--_radius);
    background: var(--_accent-soft);
  }
  .similar li {
    display: flex;
    align-items: center;
    gap: 0.7em;
    margin-top: 0.55em;
  }
  .similar .vote {
    height: 3em;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em;
  }
  .chips .tag {
    min-height: 1.9em;
  }
  .tag[aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .form .new-tag {
    width: 10em;
    min-height: 1.9em;
  }
  .form .check {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 24px; /* the box's target, with the box itself (WCAG 2.5.8) */
    margin-top: 1.3em;
  }
  .form .check input {
    width: 1.15em;
    height: 1.15em;
    min-height: 0;
    accent-color: var(--_accent);
  }
  .policy {
    margin-top: 0.6em;
    padding: 0.75em 1em;
    border-left: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .policy p {
    font-weight: 650;
  }
  .policy ul {
    margin: 0.3em 0 0 1.2em;
    list-style: disc;
  }
  .policy .quote {
    margin-top: 0.5em;
    font-weight: 400;
    font-style: italic;
  }
  .buttons {
    display: flex;
    justify-content: flex-end;
    gap: 0.5em;
    margin-top: 1.3em;
  }
`;

export async function load(host: SubmitHost): Promise<SubmitForm> {
  await messages.ready(host.language);
  return new SubmitForm(host);
}

/**
 * Proposing an idea, made quick: the title first, with the ideas like it offered as it is typed (a
 * vote for one of them is one click, and often better than a duplicate); a few words to explain it;
 * optional topics; and, when asked for, anonymity, with what it means in this space told before
 * anything is sent.
 */
export class SubmitForm implements IdeaBoxView, ReactiveController {
  private title = '';
  private description = '';
  private tags: string[] = [];
  private anonymous = false;
  private suggestedTags: string[] = [];
  private similar: SimilarIdeas['ideas'] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private searched = '';
  /** The Idempotency-Key of what was last sent, kept while the same idea is sent again (a retry after a failure). */
  private sent: { body: string; key: string } | null = null;

  constructor(private readonly host: SubmitHost) {
    host.addController(this);
    host.addStyles(styles);
  }

  hostDisconnected(): void {
    // Out of the page, no ideas like the title are wanted any more.
    clearTimeout(this.timer);
  }

  private get m() {
    return messages.in(this.host.language);
  }

  async open(): Promise<void> {
    const { host } = this;
    host.notes.delete('submit');
    const { tags } = await host.context.client.get('/api/ideas/tags', { space: host.spaceSlug, campaign: host.campaign }).catch(() => ({ tags: [] }));
    this.suggestedTags = tags.slice(0, 8).map((t) => t.tag);
  }

  private onTitle(title: string): void {
    this.title = title;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.findSimilar(), SIMILAR_DELAY_MS);
  }

  /** Ideas like the title typed so far (from 2 characters), best first. */
  private async findSimilar(): Promise<void> {
    const { host } = this;
    const q = this.title.trim();
    if (q === this.searched) return;
    this.searched = q;
    const found =
      q.length < 2
        ? { ideas: [] }
        : await host.context.client.get('/api/ideas/similar', { space: host.spaceSlug, q, limit: 4 }).catch(() => null);
    if (found && this.searched === q) {
      this.similar = found.ideas;
      host.requestUpdate();
    }
  }

  private toggleTag(tag: string): void {
    this.tags = this.tags.includes(tag) ? this.tags.filter((t) => t !== tag) : [...this.tags, tag].slice(0, MAX_TAGS);
    this.host.requestUpdate();
  }

  private addTag(event: KeyboardEvent): void {
    const input = event.target as HTMLInputElement;
    if (event.key !== 'Enter' && event.key !== ',') return;
    event.preventDefault();
    const tag = input.value.trim().toLocaleLowerCase();
    if (tag && !this.tags.includes(tag) && this.tags.length < MAX_TAGS) this.toggleTag(tag);
    input.value = '';
  }

  private async submit(): Promise<void> {
    const { host } = this;
    const m = this.m;
    const title = this.title.trim();
    const description = this.description.trim();
    if (!title || !description) {
      host.note('submit', title ? m.needDescription : m.needTitle);
      return host.participation!.focusIn(title ? '#description' : '#title');
    }
    const policy = host.page!.policy;
    const body: NewIdea = { title, description, tags: this.tags };
    if (host.spaceSlug) body.space = host.spaceSlug;
    if (host.campaign) body.campaign = host.campaign;
    if (this.anonymous) Object.assign(body, { anonymous: true, policyVersion: policy.version });
    const json = JSON.stringify(body);
    if (this.sent?.body !== json) this.sent = { body: json, key: newKey() };
    host.notes.delete('submit');
    host.participation!.setBusy('submit', true);
    try {
      const idea = await host.context.client.request('POST', '/api/ideas', { body, idempotencyKey: this.sent.key });
      this.reset();
      host.ideas = [idea, ...host.ideas.filter((i) => i.id !== idea.id)];
      const page = host.page!;
      page.total++;
      page.statusCounts.new = (page.statusCounts.new ?? 0) + 1;
      host.participation!.close();
      await host.open('idea', idea.id);
      host.note('detail', idea.moderation?.state === 'pending' ? m.held : m.published, false);
      host.participation!.follow(true);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'policy_changed') {
        // Told again, in its new words, before the idea goes anywhere.
        host.page!.policy = (error.details as { policy: IdeaPolicy }).policy;
        host.note('submit', m.policyChanged);
      } else {
        host.note('submit', errorMessage(error, host.language, { campaign_closed: m.closed }));
      }
    } finally {
      host.participation!.setBusy('submit', false);
    }
  }

  private reset(): void {
    Object.assign(this, { title: '', description: '', tags: [], anonymous: false, similar: [], searched: '', sent: null });
  }

  render() {
    const { host } = this;
    const m = this.m;
    const page = host.page!;
    const policy = page.policy;
    const chips = [...new Set([...this.suggestedTags, ...this.tags])];
    return html`${host.participation!.backButton()}
      <h3 tabindex="-1">${m.heading}</h3>
      ${page.campaign ? html`<p class="intro">${page.campaign.question}</p>` : nothing}
      <form
        class="form"
        novalidate
        @submit=${(event: Event) => {
          event.preventDefault();
          void this.submit();
        }}
      >
        <label for="title">${m.titleLabel}</label>
        <input
          id="title"
          maxlength="140"
          autocomplete="off"
          placeholder=${m.titlePlaceholder}
          aria-describedby="similar"
          .value=${this.title}
          @input=${(event: InputEvent) => this.onTitle((event.target as HTMLInputElement).value)}
          @keydown=${(event: KeyboardEvent) => {
            // Enter goes on to the explanation rather than sending half an idea.
            if (event.key === 'Enter') {
              event.preventDefault();
              host.participation!.focusIn('#description');
            }
          }}
        />
        <div id="similar" class="similar" aria-live="polite">
          ${this.similar.length
            ? html`<p>${m.similar}</p>
                <ul>
                  ${this.similar.map(
                    (idea) => html`<li>
                      ${host.voteButton(idea, `s:${idea.id}`)}
                      <div class="main">
                        <button type="button" class="title" @click=${() => host.open('idea', idea.id)}>${idea.title}</button>
                        <p class="meta">${statusBadge(idea.status, host.m)}</p>
                        ${host.renderNote(`s:${idea.id}`)}
                      </div>
                    </li>`,
                  )}
                </ul>`
            : nothing}
        </div>
        <label for="description">${m.descriptionLabel}</label>
        <p class="hint" id="description-hint">${m.descriptionHint}</p>
        <textarea
          id="description"
          rows="4"
          maxlength="10000"
          aria-describedby="description-hint"
          .value=${this.description}
          @input=${(event: InputEvent) => (this.description = (event.target as HTMLTextAreaElement).value)}
        ></textarea>
        <div role="group" aria-labelledby="tags-label">
          <p class="legend" id="tags-label">${m.tagsLabel}</p>
          <div class="chips">
            ${chips.map((tag) => {
              const on = this.tags.includes(tag);
              return html`<button type="button" class="tag" aria-pressed=${on ? 'true' : 'false'} ?disabled=${!on && this.tags.length >= MAX_TAGS} @click=${() => this.toggleTag(tag)}>${tag}</button>`;
            })}
            <input class="new-tag" maxlength="32" aria-label=${m.newTag} placeholder=${m.newTag} @keydown=${this.addTag.bind(this)} />
          </div>
        </div>
        <label class="check">
          <input
            type="checkbox"
            .checked=${this.anonymous}
            @change=${(event: Event) => {
              this.anonymous = (event.target as HTMLInputElement).checked;
              host.requestUpdate();
            }}
          />
          ${m.anonymous}
        </label>
        ${this.anonymous
          ? html`<div class="policy" id="policy">
              <p>${m.policyTitle}</p>
              <ul>
                <li>${m.hiddenFromColleagues}</li>
                <li>${policy.stewardsSeeAuthors ? m.stewardsSee : m.stewardsDontSee}</li>
                <li>${m.stillSigned}</li>
              </ul>
              ${policy.note ? html`<p class="quote">${fill(m.stewardsNote, policy.note)}</p>` : nothing}
            </div>`
          : nothing}
        ${host.renderNote('submit')}
        <div class="buttons">
          <button type="button" class="btn" @click=${() => host.participation!.back()}>${m.cancel}</button>
          <button class="btn primary" ?disabled=${host.busy.has('submit')}>${m.submit}</button>
        </div>
      </form>`;
  }
}
