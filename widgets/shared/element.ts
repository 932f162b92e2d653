import { adoptStyles, LitElement, type CSSResultOrNative } from 'lit';
import { widgetSubject } from '../../shared/subject.ts';
import { createRucheContext, rucheContext, type RucheContext } from './context.ts';
import { closestAcross, errorTexts, resolveLang, supportedLang, type Lang, type Translations } from './i18n.ts';

/**
 * What every Ruche widget shares: it finds its context (the `<ruche-provider>` around it, else a
 * default one talking to the API the loader came from), its language, subject and space, and it
 * reloads its data when the context or the person changes, speaking the new person's language.
 *
 * Attributes common to all widgets: `lang`, `theme` (light, dark, auto), `space`, `subject`.
 * The language is the widget's `lang`, else the provider's, else the signed-in person's (their
 * token's `lang` claim, else their profile's), else the page's (the closest `[lang]`), else French.
 */
export abstract class RucheElement extends LitElement {
  static override properties = {
    langAttribute: { attribute: 'lang' },
    theme: { reflect: true },
    space: {},
    subject: {},
  };

  /** The widget's words (see Translations): English is loaded before an English widget renders. */
  static translations: Translations<unknown>[] = [];

  declare langAttribute: string | null;
  declare theme: string | null;
  declare space: string | null;
  declare subject: string | null;

  /** The context in use; null until it is known (a provider still upgrading). */
  ctx: RucheContext | null;
  private readonly onIdentityChange = () => {
    this.learnLang();
    this.requestUpdate(); // in the new person's language at once
    this.contextChanged();
  };
  private readonly onLang = () => this.requestUpdate();
  private readonly laterStyles: CSSResultOrNative[] = [];
  /** Given by the provider that answered: stops its updates. */
  private unsubscribe: (() => void) | undefined;
  private readonly provided = (value: RucheContext, unsubscribe?: () => void) => {
    if (unsubscribe !== this.unsubscribe) this.unsubscribe?.(); // a nearer provider now answers
    this.unsubscribe = unsubscribe;
    this.useContext(value);
  };

  constructor() {
    super();
    this.langAttribute = null;
    this.theme = null;
    this.space = null;
    this.subject = null;
    this.ctx = null;
  }

  /**
   * Asks the providers around for the context, with the community context protocol (as
   * @lit/context's ContextConsumer does, which <ruche-provider> answers); a provider answers at once,
   * and again when its value changes.
   */
  private askProvider(): void {
    const request = new Event('context-request', { bubbles: true, composed: true });
    this.dispatchEvent(Object.assign(request, { context: rucheContext, contextTarget: this, callback: this.provided, subscribe: true }));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.askProvider();
    if (this.ctx) this.listenTo(this.ctx);
    // A provider around, even one not upgraded yet (its chunk still loading)?
    else if (!closestAcross(this, 'ruche-provider')) this.useContext(createRucheContext());
    else {
      // The provider around is not upgraded yet (its chunk is loading): ask again once it is. This is
      // what @lit/context's ContextRoot does, without listening to every request of the page.
      void customElements.whenDefined('ruche-provider').then(() => {
        if (this.ctx || !this.isConnected) return;
        this.askProvider();
        // Still nothing: the provider belongs to another copy of Ruche.
        if (!this.ctx) this.useContext(createRucheContext());
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.ctx) this.stopListening(this.ctx);
  }

  private listenTo(ctx: RucheContext): void {
    ctx.identity.addEventListener('change', this.onIdentityChange);
    ctx.identity.addEventListener('lang', this.onLang);
  }

  private stopListening(ctx: RucheContext): void {
    ctx.identity.removeEventListener('change', this.onIdentityChange);
    ctx.identity.removeEventListener('lang', this.onLang);
  }

  private useContext(value: RucheContext): void {
    if (value === this.ctx) return;
    if (this.ctx) this.stopListening(this.ctx);
    this.ctx = value;
    if (this.isConnected) this.listenTo(value);
    this.learnLang();
    this.contextChanged();
  }

  /**
   * The person's language, when it matters (neither the widget nor its provider says one) and is
   * not known yet from their token: its code loads only then.
   */
  private learnLang(): void {
    const { ctx } = this;
    if (!ctx || ctx.identity.lang || !ctx.identity.maybeSignedIn || supportedLang(this.getAttribute('lang')) || supportedLang(ctx.lang)) return;
    void import('./person-lang.ts').then(({ learnPersonLang }) => learnPersonLang(ctx.client), () => {});
  }

  protected override async scheduleUpdate(): Promise<void> {
    const lang = this.language;
    const waiting = [errorTexts, ...(this.constructor as typeof RucheElement).translations].map((t) => t.ready(lang)).filter(Boolean);
    if (waiting.length) await Promise.all(waiting);
    super.scheduleUpdate();
  }

  /** Adds the styles of code loaded later (the composer, the Q&A clock, the list of people). */
  addStyles(styles: CSSResultOrNative): void {
    this.laterStyles.push(styles);
    adoptStyles(this.renderRoot as ShadowRoot, [...(this.constructor as typeof LitElement).elementStyles, ...this.laterStyles]);
  }

  /** The context or the person changed: load the data again. */
  protected abstract contextChanged(): void;

  /** The context, for what runs once it is known (a read, a click): a clear error if asked sooner. */
  get context(): RucheContext {
    if (!this.ctx) throw Error(`<${this.localName}>: no context yet`);
    return this.ctx;
  }

  get language(): Lang {
    return resolveLang(this, this.ctx?.lang, this.ctx?.identity.lang);
  }

  get subjectKey(): string {
    return widgetSubject(this);
  }

  /** The space slug to ask for; undefined for the server's default space. */
  get spaceSlug(): string | undefined {
    return this.space || this.ctx?.space || undefined;
  }
}
