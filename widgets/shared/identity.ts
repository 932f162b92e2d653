import { readJson, removeKey, writeJson } from './storage.ts';

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

const EARLY_MS = 60_000;
const alive = (grant: TokenGrant | null) => grant !== null && Date.parse(grant.expiresAt) - EARLY_MS > Date.now();

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
  private grant: TokenGrant | null = null;
  private fetching: Promise<TokenGrant | null> | null = null;
  private rejected = new Set<string>();
  private demo: DemoIdentity | null = null;
  /** After the token endpoint said "not signed in", ask again only after a while. */
  private anonymousUntil = 0;

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
    if (alive(this.grant)) return this.grant!.token;
    if (Date.now() < this.anonymousUntil) return null;
    this.fetching ??= this.fetchGrant(source.url).finally(() => (this.fetching = null));
    return (await this.fetching)?.token ?? null;
  }

  /** The API refused `token` (401): get another once, or fall back to anonymous. */
  async refresh(token: string): Promise<void> {
    this.rejected.add(token);
    if (this.source.kind === 'url' && this.grant?.token === token) this.grant = null;
    if (this.source.kind === 'auto' && this.demo!.get()?.token === token) {
      console.warn('Ruche: the demo identity was refused by the server; continuing anonymously.');
      this.demo!.set(null);
    }
    if (this.source.kind === 'token') console.warn('Ruche: the token given to <ruche-provider> was refused; continuing anonymously.');
  }

  private async fetchGrant(url: string): Promise<TokenGrant | null> {
    try {
      // The intranet knows the visitor by its own session cookie.
      const response = await fetch(url, { credentials: 'include', headers: { Accept: 'application/json' }, cache: 'no-store' });
      const grant = response.ok ? ((await response.json()) as TokenGrant) : null;
      if (typeof grant?.token !== 'string' || this.rejected.has(grant.token)) {
        this.anonymousUntil = Date.now() + EARLY_MS; // not signed in to the intranet: anonymous for now
        return null;
      }
      if (!alive(grant)) grant.expiresAt = new Date(Date.now() + EARLY_MS + 30_000).toISOString();
      this.grant = grant;
      return grant;
    } catch {
      this.anonymousUntil = Date.now() + 5_000;
      return null;
    }
  }
}
