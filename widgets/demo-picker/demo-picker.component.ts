import { css, html, nothing } from 'lit';
import type { DemoChoice, TokenGrant } from '../shared/identity.ts';
import { DemoIdentity } from '../shared/identity.ts';
import { RucheElement } from '../shared/element.ts';
import { baseStyles } from '../shared/styles.ts';
import { messages } from './messages.ts';

interface DemoPerson {
  sub: string;
  name: string;
  dept: string;
  title: string;
  lang: 'fr' | 'en';
  guest: boolean;
  admin: boolean;
}

/**
 * On a demo server only (GET /api/health says auth: 'demo'), lets a visitor pick the person they act
 * as. The choice is kept in localStorage and every widget of the page (and of the other tabs)
 * reloads as that person. Elsewhere it renders nothing.
 *
 * @summary Demo identity picker.
 * @csspart select - the list of people
 */
export class RucheDemoPicker extends RucheElement {
  static override translations = [messages];
  static override styles = [
    baseStyles,
    css`
      :host {
        display: inline-block;
        vertical-align: middle;
        color: inherit !important;
        font-size: var(--ruche-font-size, 12px) !important;
      }
      label {
        display: inline-flex;
        align-items: center;
        gap: 0.45em;
        white-space: nowrap;
      }
      select {
        max-width: 16em;
        height: 1.9em;
        padding: 0 1.6em 0 0.6em;
        border: 1px solid rgb(0 0 0 / 0.25);
        border-radius: 999px;
        background: #fff;
        color: #1f2933;
        font-weight: 600;
        appearance: none;
        cursor: pointer;
      }
      .select {
        position: relative;
        display: inline-flex;
        align-items: center;
      }
      .select svg {
        position: absolute;
        right: 0.6em;
        color: #445;
        pointer-events: none;
      }
      .error {
        margin-left: 0.5em;
        font-weight: 600;
      }
    `,
  ];

  static override properties = {
    ...RucheElement.properties,
    people: { state: true },
    failed: { state: true },
  };

  declare people: DemoPerson[] | null;
  declare failed: boolean;

  constructor() {
    super();
    this.people = null;
    this.failed = false;
  }

  private loadedFor: string | null = null;

  private get store(): DemoIdentity {
    return DemoIdentity.for(this.ctx!.api);
  }

  protected async contextChanged(): Promise<void> {
    const { client, api } = this.ctx!;
    this.requestUpdate(); // the person changed: show who is selected now
    if (this.loadedFor === api) return;
    this.loadedFor = api;
    if ((await client.authMode()) !== 'demo') {
      this.people = null;
      return;
    }
    try {
      this.people = (await client.get<{ people: DemoPerson[] }>('/api/demo/people')).people;
    } catch {
      this.people = null;
    }
  }

  private async choose(event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    const person = this.people?.find((p) => p.sub === select.value);
    this.failed = false;
    if (!person) {
      this.store.set(null);
      return;
    }
    try {
      const grant = await this.ctx!.client.request<TokenGrant>('POST', '/api/demo/token', { body: { sub: person.sub } });
      const choice: DemoChoice = { ...grant, sub: person.sub, name: person.name };
      this.store.set(choice);
    } catch {
      this.failed = true;
      select.value = this.store.get()?.sub ?? '';
    }
  }

  override render() {
    if (!this.people) return nothing;
    const m = messages.in(this.language);
    const current = this.store.get()?.sub ?? '';
    const option = (p: DemoPerson) =>
      html`<option value=${p.sub} ?selected=${p.sub === current} title=${`${p.title}, ${p.dept}`}>
        ${p.name}${p.guest ? ` (${m.guest})` : p.admin ? ` (${m.admin})` : ''}
      </option>`;
    return html`<label title=${m.hint}
        >${m.youAre}
        <span class="select">
          <select part="select" @change=${this.choose}>
            <option value="" ?selected=${!current}>${m.anonymous}</option>
            <optgroup label=${m.staff}>${this.people.filter((p) => !p.guest).map(option)}</optgroup>
            <optgroup label=${m.guests}>${this.people.filter((p) => p.guest).map(option)}</optgroup>
          </select>
          <svg viewBox="0 0 10 6" width="10" height="6" aria-hidden="true"><path d="m1 1 4 4 4-4" /></svg>
        </span></label
      >${this.failed ? html`<span class="error" role="alert">${m.failed}</span>` : nothing}`;
  }
}
