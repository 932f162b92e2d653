/** What an intranet's token endpoint, and the demo picker, hand out. */
export interface TokenGrant {
  token: string;
  /** ISO date; the token is renewed a minute before. */
  expiresAt: string;
}

/** A token is renewed this long before it expires. */
export const EARLY_MS = 60_000;
export const alive = (grant: TokenGrant | null) => grant !== null && Date.parse(grant.expiresAt) - EARLY_MS > Date.now();
