import { css, html, nothing } from 'lit';
import { demoChoice, setDemoChoice } from '../shared/identity.ts';
import { RucheElement } from '../shared/element.ts';
import { baseStyles } from '../shared/styles.ts';
import { messages } from './messages.ts';

interface DemoPerson {
  sub: string;
  name: string;
  guest: boolean;
  admin: boolean;
  steward: boolean;
}

/**
 * On a demo server only (GET /api/health says auth: 'demo'), lets a visitor pick the person they act
 * as. The choice is kept in localStorage and every widget of the page (and of the other tabs)
 * reloads as that person. Elsewhere it renders nothing.
 *
 * It keeps one size from the start (the room a page keeps for it, see the README), and does not
 * make the line it sits in taller: a banner of a 2008 intranet does not move when it appears.
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
        /* One box from the start, the room a page keeps for it (252 × 12 px): it does not make the
           banner's line taller, the list overflows it, centred. */
        display: inline-block;
        width: 21em;
        height: 1em;
        vertical-align: middle;
        color: inherit !important;
        font-size: var(--ruche-font-size, 12px) !important;
      }
      label {
        display: flex;
        align-items: center;
        gap: 0.45em;
        margin-top: -0.45em;
        white-space: nowrap;
      }
      select {
        flex: 1;
        min-width: 0;
        height: max(24px, 1.9em); /* WCAG 2.5.8's minimum target */
        padding: 0 0.5em;
        border: 1px solid #0004;
        border-radius: var(--_radius);
        background: #fff;
        color: #1f2933;
        font-weight: 600;
        cursor: pointer;
      }
    `,
  ];

  static override properties = {
    ...RucheElement.properties,
    people: { state: true },
  };

  declare people: DemoPerson[] | null;
  private loadedFor: string | null = null;

  constructor() {
    super();
    this.people = null;
  }

  protected async contextChanged(): Promise<void> {
    const { client, api } = this.context;
    this.requestUpdate(); // the person changed: show who is selected now
    if (this.loadedFor === api) return;
    this.loadedFor = api;
    const demo = (await client.authMode()) === 'demo';
    this.people = demo ? ((await client.get('/api/demo/people').catch(() => null))?.people ?? null) : null;
    this.hidden = !demo;
  }

  private async choose(event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    const { api, client } = this.context;
    const person = this.people?.find((p) => p.sub === select.value);
    if (!person) return setDemoChoice(api, null);
    try {
      const grant = await client.request('POST', '/api/demo/token', { body: { sub: person.sub } });
      setDemoChoice(api, { ...grant, sub: person.sub, name: person.name });
    } catch {
      select.value = demoChoice(api)?.sub ?? '';
    }
  }

  override render() {
    if (!this.people) return nothing;
    const m = messages.in(this.language);
    const current = demoChoice(this.context.api)?.sub ?? '';
    return html`<label title=${m.hint}
      >${m.youAre}
      <select part="select" @change=${this.choose}>
        <option value="">${m.anonymous}</option>
        ${this.people.map(
          (p) => {
            // What the person may do beyond writing: a partner, an administrator, a steward.
            const roles = [p.guest && m.guest, p.admin && m.admin, p.steward && m.steward].filter(Boolean);
            return html`<option value=${p.sub} ?selected=${p.sub === current}>${p.name}${roles.length ? ` (${roles.join(', ')})` : ''}</option>`;
          },
        )}
      </select></label
    >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ruche-demo-picker': RucheDemoPicker;
  }
}
