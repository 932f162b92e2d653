import { ContextProvider } from '@lit/context';
import { css, ReactiveElement } from 'lit';
import { createRucheContext, rucheContext } from '../shared/context.ts';

/**
 * Shares the API address, the identity, the space and the language with every Ruche widget inside
 * it, wherever they sit in the page.
 *
 * @summary Configuration for the widgets inside it.
 * @attr api - the Ruche API (default: where ruche.js was served from)
 * @attr token - an identity token the page was rendered with
 * @attr token-url - an intranet endpoint answering {token, expiresAt} to the signed-in visitor (sent with cookies)
 * @attr space - the space slug for the widgets inside
 * @attr lang - fr or en for the widgets inside
 * @slot - the page content holding the widgets
 */
export class RucheProvider extends ReactiveElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  static override properties = {
    api: {},
    token: {},
    tokenUrl: { attribute: 'token-url' },
    space: {},
    langAttribute: { attribute: 'lang' },
  };

  declare api: string | null;
  declare token: string | null;
  declare tokenUrl: string | null;
  declare space: string | null;
  declare langAttribute: string | null;

  private readonly provider: ContextProvider<typeof rucheContext>;

  constructor() {
    super();
    this.api = null;
    this.token = null;
    this.tokenUrl = null;
    this.space = null;
    this.langAttribute = null;
    this.provider = new ContextProvider(this, { context: rucheContext, initialValue: this.value() });
  }

  protected override createRenderRoot() {
    const root = super.createRenderRoot();
    root.appendChild(document.createElement('slot'));
    return root;
  }

  protected override willUpdate(): void {
    // Attributes arrived or changed: the widgets inside get the new context and reload.
    const value = this.value();
    const old = this.provider.value;
    if (old.client !== value.client || old.space !== value.space || old.lang !== value.lang) this.provider.setValue(value);
  }

  /** From the attributes (already there when an element in the page upgrades) or the properties set since. */
  private value() {
    const read = (property: string | null, attribute: string) => property ?? this.getAttribute(attribute);
    return createRucheContext({
      api: read(this.api, 'api'),
      token: read(this.token, 'token'),
      tokenUrl: read(this.tokenUrl, 'token-url'),
      space: read(this.space, 'space'),
      lang: read(this.langAttribute, 'lang'),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ruche-provider': RucheProvider;
  }
}
