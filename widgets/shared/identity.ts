import { readJson, removeKey, writeJson } from './storage.ts';
import type { TokenEndpoint } from './token-endpoint.ts';

/** What an intranet's token endpoint, and the demo picker, hand out. */
export interface TokenGrant {
  token: string;
  /** ISO date; the token is renewed a minute before. */
  expiresAt: string;
}

/** The demo identity a visitor picked, kept per API in localStorage. */
export interface DemoChoice extends TokenGrant {
  sub: string;
  name: string;
}

export type IdentitySource =
  /** `<ruche-provider token="…">`: the page was rendered with a token. */
  | { kind: 'token'; token: string }
  /** `<ruche-provider token-url="…">`: an intranet endpoint that answers {token, expiresAt} to a signed-in visitor. */
  | { kind: 'url'; url: string }
  /** Nothing configured: the demo picker's choice if there is one, else anonymous. */
  | { kind: 'auto' };

export const EARLY_MS = 60_000;
export const alive = (grant: TokenGrant | null) => grant !== null && Date.parse(grant.expiresAt) - EARLY_MS > Date.now();

/**
 * The demo picker's choice for one API, shared by every widget of the page and by the other tabs
 * (through the `storage` event). A change fires 'change' so that each widget reloads as that person.
 */
export class DemoIdentity extends EventTarget {
  private static stores = new Map<string, DemoIdentity>();

  static for(api: string): DemoIdentity {
    let store = DemoIdentity.stores.get(api);
    if (!store) DemoIdentity.stores.set(api, (store = new DemoIdentity(api)));
    return store;
  }

  readonly key: string;

  private constructor(api: string) {
    super();
    this.key = `ruche:demo-identity:${api}`;
    addEventListener('storage', (event) => {
      if (event.key === this.key) this.dispatchEvent(new Event('change'));
    });
  }

  get(): DemoChoice | null {
    const choice = readJson<DemoChoice>(this.key);
    return choice && typeof choice.token === 'string' && alive(choice) ? choice : null;
  }

  set(choice: DemoChoice | null): void {
    if (choice) writeJson(this.key, choice);
    else removeKey(this.key);
    this.dispatchEvent(new Event('change'));
  }
}

/**
 * Who the widgets act as, and the token that says so. Fires 'change' when the person changes, so
 * that widgets reload their data as the new person.
 */
export class Identity extends EventTarget {
  private rejected = new Set<string>();
  private demo: DemoIdentity | null = null;
  /** `token-url`: the intranet's endpoint, whose code loads only where one is configured. */
  private endpoint: Promise<TokenEndpoint> | null = null;

  constructor(
    readonly api: string,
    readonly source: IdentitySource,
  ) {
    super();
    if (source.kind === 'auto') {
      this.demo = DemoIdentity.for(api);
      this.demo.addEventListener('change', () => this.dispatchEvent(new Event('change')));
    }
  }

  /** The token to send, or null to ask anonymously. */
  async token(): Promise<string | null> {
    const { source } = this;
    if (source.kind === 'token') return this.rejected.has(source.token) ? null : source.token;
    if (source.kind === 'auto') return this.demo!.get()?.token ?? null;
    this.endpoint ??= import('./token-endpoint.ts').then(({ TokenEndpoint }) => new TokenEndpoint(source.url));
    return (await this.endpoint).token(this.rejected);
  }

  /** The API refused `token` (401): get another once, or fall back to anonymous. */
  async refresh(token: string): Promise<void> {
    this.rejected.add(token);
    if (this.demo?.get()?.token === token) {
      console.warn('Ruche: the demo identity was refused by the server; continuing anonymously.');
      this.demo.set(null);
    }
    if (this.source.kind === 'token') console.warn('Ruche: the token given to <ruche-provider> was refused; continuing anonymously.');
  }
}
