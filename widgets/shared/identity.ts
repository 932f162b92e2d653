import type { Lang } from '../../shared/api-types.ts';
import { supportedLang } from './i18n.ts';
import { readJson, removeKey, writeJson } from './storage.ts';
import type { TokenEndpoint } from './token-endpoint.ts';
import { alive, type TokenGrant } from './token-grant.ts';

export type { TokenGrant };

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

/** Where the demo picker keeps its choice for one API (localStorage: every tab of the browser shares it). */
export const demoKey = (api: string) => `ruche:demo-identity:${api}`;

/** The demo picker's choice for one API, while its token lasts. */
export function demoChoice(api: string): DemoChoice | null {
  const choice = readJson<DemoChoice>(demoKey(api));
  return choice && typeof choice.token === 'string' && alive(choice) ? choice : null;
}

/**
 * Keeps (or forgets) the demo picker's choice, and tells the page: the other tabs hear the browser's
 * `storage` event, this one the same event sent here, and every widget reloads as that person.
 */
export function setDemoChoice(api: string, choice: DemoChoice | null): void {
  const key = demoKey(api);
  if (choice) writeJson(key, choice);
  else removeKey(key);
  dispatchEvent(new StorageEvent('storage', { key }));
}

/**
 * The language a token's `lang` claim gives ('en-GB' is 'en'), read without checking the token (the
 * API does; a language is only a preference); null when it says none we speak, or is no JWT.
 */
export function tokenLang(token: string): Lang | null {
  try {
    return supportedLang(JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).lang);
  } catch {
    return null;
  }
}

/**
 * Who the widgets act as, and the token that says so. Fires 'change' when the person changes, so
 * that widgets reload their data as the new person, and 'lang' when their language is learnt.
 */
export class Identity extends EventTarget {
  /**
   * The signed-in person's language, as far as known: their token's `lang` claim (known at once for
   * a page's token and the demo picker's), else their profile's (person-lang.ts); null
   * for a visitor nobody signed in, or a person whose language nothing says.
   */
  lang: Lang | null = null;
  private rejected = new Set<string>();
  /** The person erased their account (signOut): no token is sent again from this page. */
  private gone = false;
  /** `token-url`: the intranet's endpoint, whose code loads only where one is configured. */
  private endpoint: Promise<TokenEndpoint> | null = null;

  constructor(
    readonly api: string,
    readonly source: IdentitySource,
  ) {
    super();
    if (source.kind === 'token') this.lang = tokenLang(source.token);
    // The demo picker's choice changed, in this tab or another: the widgets reload as that person,
    // in their language.
    if (source.kind === 'auto') {
      const demoLang = () => (this.lang = tokenLang(demoChoice(api)?.token ?? ''));
      demoLang();
      addEventListener('storage', (event) => {
        if (event.key !== demoKey(api)) return;
        demoLang();
        this.dispatchEvent(new Event('change'));
      });
    }
  }

  /** Whether someone may be signed in (a page's token, the demo picker's choice, an intranet endpoint). */
  get maybeSignedIn(): boolean {
    const { source } = this;
    return source.kind === 'url' || (source.kind === 'token' ? !!source.token : !!demoChoice(this.api));
  }

  /** Learnt the person's language: widgets speak it from their next render. */
  setLang(lang: Lang | null): void {
    if (lang === this.lang) return;
    this.lang = lang;
    this.dispatchEvent(new Event('lang'));
  }

  /** The token to send, or null to ask anonymously. */
  async token(): Promise<string | null> {
    const { source } = this;
    if (this.gone) return null;
    if (source.kind === 'token') return this.rejected.has(source.token) ? null : source.token;
    if (source.kind === 'auto') return demoChoice(this.api)?.token ?? null;
    this.endpoint ??= import('./token-endpoint.ts').then(({ TokenEndpoint }) => new TokenEndpoint(source.url));
    return (await this.endpoint).token(this.rejected);
  }

  /**
   * The person erased their account: the widgets go on as for someone signed out (the demo picker's
   * choice is forgotten; a token, or the intranet's endpoint, would only sign a new empty person in).
   */
  signOut(): void {
    if (this.source.kind === 'auto') return setDemoChoice(this.api, null);
    this.gone = true;
    this.dispatchEvent(new Event('change'));
  }

  /** The API refused `token` (401): get another once, or fall back to anonymous. */
  async refresh(token: string): Promise<void> {
    this.rejected.add(token);
    if (this.source.kind === 'auto' && demoChoice(this.api)?.token === token) {
      console.warn('Ruche: the demo identity was refused; anonymous now.');
      setDemoChoice(this.api, null);
    }
    if (this.source.kind === 'token') console.warn('Ruche: the token of <ruche-provider> was refused; anonymous now.');
  }
}
