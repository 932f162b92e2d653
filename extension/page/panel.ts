import { adoptStyles, html, nothing, render, svg } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { rucheContext, type RucheContext } from '../../widgets/shared/context.ts';
import type { Hello } from '../shared/protocol.ts';
import type { Lang } from '../shared/settings.ts';
import type { Bridge } from './bridge.ts';
import { features } from './features/index.ts';
import type { PanelContext, PanelFeature } from './features/feature.ts';
import type { ExtensionIdentity } from './identity.ts';
import { panelMessages } from './messages.ts';
import { hexagon, panelStyles } from './panel.styles.ts';

interface DemoPerson {
  sub: string;
  name: string;
  guest: boolean;
  admin: boolean;
}

export interface PanelOptions {
  host: HTMLElement;
  root: ShadowRoot;
  bridge: Bridge;
  ctx: RucheContext & { identity: ExtensionIdentity };
  lang: Lang;
  /** The page's subject and topic, read at each render (a single-page app may have moved). */
  page(): { subject: string; topic: string };
}

const mark = (label?: string) =>
  html`<svg viewBox="0 0 24 24" aria-hidden=${label ? 'false' : 'true'} role=${label ? 'img' : nothing} aria-label=${label ?? nothing}>
    ${svg`<path d=${hexagon} fill="currentColor" /><path d="M12 7.6 15.8 9.8v4.4L12 16.4 8.2 14.2V9.8z" fill="#fff" fill-opacity=".85" />`}
  </svg>`;

/**
 * The launcher (a small button, bottom right) and the panel it opens, with the features that apply
 * here. The panel's content exists only while it is open: closed, no widget, no live stream, and the
 * background may sleep.
 */
export class Panel {
  private open = false;
  /** Waiting for the background's hello before showing the panel. */
  private opening = false;
  private tab: PanelFeature['tab'] = 'page';
  private hello: Hello | null = null;
  private people: DemoPerson[] | null = null;
  private defined = false;
  /** While the panel is open: the subject it shows, and the timer that notices a single-page app moving. */
  private shownSubject = '';
  private following: ReturnType<typeof setInterval> | null = null;
  /** The page got Ruche of its own: this panel is gone for good. */
  private disposed = false;
  private readonly m;

  constructor(private readonly options: PanelOptions) {
    this.m = panelMessages(options.lang);
    adoptStyles(options.root, [panelStyles]);
    options.ctx.identity.addEventListener('change', () => this.render());
    // Answer the widgets inside the panel: their context (API through the extension, identity,
    // space, language) is this one, whatever providers the page may have.
    options.root.addEventListener('context-request', (event) => {
      const request = event as Event & { context?: unknown; callback?: (value: RucheContext) => void };
      if (request.context !== rucheContext || typeof request.callback !== 'function') return;
      event.stopPropagation();
      request.callback(options.ctx);
    });
    this.render();
  }

  /**
   * Opens or closes the panel. It opens once the server has said who the person is and what it
   * offers (the launcher is busy meanwhile): shown complete, it does not move as things arrive.
   */
  private async toggle(): Promise<void> {
    if (this.opening) return;
    const open = !this.open;
    this.options.bridge.panel(open);
    if (open) {
      if (!this.defined) {
        for (const feature of features) feature.define();
        this.defined = true;
      }
      this.opening = true;
      this.render();
      try {
        this.hello = await this.options.bridge.call('hello');
        this.options.ctx.identity.update(this.hello.identity);
        if (this.hello.identity.mode === 'demo' && !this.people) {
          this.people = (await this.options.ctx.client.get('/api/demo/people')).people;
        }
      } catch {
        this.hello = { identity: { mode: null, person: null, problem: 'unreachable' }, features: { experts: false, ideas: false } };
      }
      this.opening = false;
      if (this.disposed) return;
    }
    this.open = open;
    this.follow(open);
    this.render();
    (this.options.root.querySelector(open ? '.panel' : '.launcher') as HTMLElement | null)?.focus();
  }

  /**
   * A single-page app changes its address without loading a page: while the panel is open, it
   * checks the page's subject each second and shows the new page's comments and likes when it moves.
   */
  private follow(open: boolean): void {
    if (this.following !== null) clearInterval(this.following);
    this.following = null;
    if (!open) return;
    this.shownSubject = this.options.page().subject;
    this.following = setInterval(() => {
      if (this.options.page().subject === this.shownSubject) return;
      const root = this.options.root;
      const focused = root.activeElement !== null;
      this.render();
      // The focus was in a widget of the old page, now gone: keep it in the panel (Escape still closes it).
      if (focused && root.activeElement === null) (root.querySelector('.panel') as HTMLElement | null)?.focus();
    }, 1000);
  }

  private async choose(event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    try {
      this.options.ctx.identity.update(await this.options.bridge.call('choose', select.value));
    } catch {
      this.render();
    }
  }

  private context(): PanelContext {
    const { subject, topic } = this.options.page();
    return { subject, topic, server: this.hello?.features ?? { experts: false, ideas: false }, lang: this.options.lang };
  }

  private who() {
    const { m } = this;
    const identity = this.options.ctx.identity.state;
    if (!this.hello) return nothing;
    if (identity.mode === 'demo') {
      const current = identity.person?.sub ?? '';
      return html`<label>${m.youAre}
        <select @change=${this.choose}>
          <option value="">${m.nobody}</option>
          ${(this.people ?? []).map(
            (p) => html`<option value=${p.sub} ?selected=${p.sub === current}>${p.name}${p.guest ? ` (${m.guest})` : p.admin ? ` (${m.admin})` : ''}</option>`,
          )}
        </select></label
      >`;
    }
    if (identity.person) return html`${m.signedInAs}<strong>${identity.person.name}</strong>`;
    if (identity.problem === 'unreachable') return html`<span class="problem">${m.unreachable}</span>`;
    if (identity.problem === 'no-token-url') {
      return html`<span class="problem">${m.noTokenUrl}</span>
        <button class="link" @click=${() => void this.options.bridge.call('options')}>${m.settings}</button>`;
    }
    return html`<span class="problem">${m.signedOut}</span>`;
  }

  private panel() {
    const { m } = this;
    const context = this.context();
    this.shownSubject = context.subject;
    const shown = features.filter((feature) => feature.applies(context));
    const tabs = [...new Set(shown.map((feature) => feature.tab))];
    if (!tabs.includes(this.tab)) this.tab = 'page';
    return html`<section
      class="panel"
      id="ruche-panel"
      role="dialog"
      aria-label=${m.title}
      tabindex="-1"
      @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && void this.toggle()}
    >
      <header>
        <span class="brand">${mark()}${m.title}</span>
        <span class="who">${this.who()}</span>
        <button class="close" aria-label=${m.close} title=${m.close} @click=${this.toggle}>×</button>
      </header>
      ${tabs.length > 1
        ? html`<div role="tablist">
            ${tabs.map(
              (tab) =>
                html`<button role="tab" aria-selected=${tab === this.tab ? 'true' : 'false'} @click=${() => ((this.tab = tab), this.render())}>
                  ${m.tabs[tab]}
                </button>`,
            )}
          </div>`
        : nothing}
      <div class="body" role=${tabs.length > 1 ? 'tabpanel' : nothing} lang=${this.options.lang}>
        ${keyed(context.subject, shown.filter((feature) => feature.tab === this.tab).map((feature) => feature.render(context)))}
      </div>
    </section>`;
  }

  /** Takes the launcher and the panel away (their widgets, their live stream, the keep-alive with them). */
  dispose(): void {
    if (this.disposed) return;
    if (this.open || this.opening) this.options.bridge.panel(false);
    this.follow(false);
    this.open = false;
    render(nothing, this.options.root);
    this.disposed = true;
  }

  render(): void {
    if (this.disposed) return;
    const { m } = this;
    render(
      html`${this.open ? this.panel() : nothing}
        <button
          class="launcher"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="ruche-panel"
          aria-busy=${this.opening ? 'true' : 'false'}
          aria-label=${m.launcher}
          title=${m.launcher}
          @click=${this.toggle}
        >
          ${mark()}
        </button>`,
      this.options.root,
      { host: this },
    );
  }
}
