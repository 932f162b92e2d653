import { alive, EARLY_MS, type TokenGrant } from './token-grant.ts';

/**
 * `<ruche-provider token-url="…">`: an intranet endpoint that answers {token, expiresAt} to a visitor
 * signed in to the intranet (it knows them by its own session cookie, hence `credentials: include`),
 * the usual SSO-for-comments pattern. The token is kept until a minute before it expires.
 */
export class TokenEndpoint {
  private grant: TokenGrant | null = null;
  private fetching: Promise<TokenGrant | null> | null = null;
  /** After the endpoint said "not signed in", ask again only after a while. */
  private anonymousUntil = 0;

  constructor(private readonly url: string) {}

  async token(rejected: Set<string>): Promise<string | null> {
    if (alive(this.grant) && !rejected.has(this.grant!.token)) return this.grant!.token;
    if (Date.now() < this.anonymousUntil) return null;
    this.fetching ??= this.fetchGrant(rejected).finally(() => (this.fetching = null));
    return (await this.fetching)?.token ?? null;
  }

  private async fetchGrant(rejected: Set<string>): Promise<TokenGrant | null> {
    try {
      const response = await fetch(this.url, { credentials: 'include', headers: { Accept: 'application/json' }, cache: 'no-store' });
      const grant = response.ok ? ((await response.json()) as TokenGrant) : null;
      if (typeof grant?.token !== 'string' || rejected.has(grant.token)) {
        this.anonymousUntil = Date.now() + EARLY_MS; // not signed in to the intranet: anonymous for now
        return null;
      }
      if (!alive(grant)) grant.expiresAt = new Date(Date.now() + EARLY_MS + 30_000).toISOString();
      return (this.grant = grant);
    } catch {
      this.anonymousUntil = Date.now() + 5_000;
      return null;
    }
  }
}
