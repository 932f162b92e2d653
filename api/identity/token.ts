import { sign, verify } from 'hono/jwt';
import { z } from 'zod';
import { unauthorized } from '../http/errors.ts';
import { displayName, externalId } from '../people/identity-fields.ts';
import type { IdentityClaims } from '../people/person.ts';

/**
 * Identity tokens: HS256 JWTs signed by the intranet with a secret it shares with Ruche (the usual
 * "SSO for comments" pattern). Each way a token can be wrong gets its own code and sentence.
 */
const LEEWAY_SECONDS = 30; // clocks of the intranet and of Ruche may differ a little

const shortText = z
  .string()
  .max(200)
  .transform((value) => value.replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, '').trim());

export const tokenClaimsSchema = z.looseObject({
  sub: externalId,
  name: z.string().transform(displayName).pipe(z.string().min(1, 'must not be empty or blank')),
  exp: z.number().finite(),
  nbf: z.number().finite().optional(),
  iat: z.number().finite().optional(),
  iss: z.string().optional(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  email: z.email().max(320).optional(),
  dept: shortText.optional(),
  title: shortText.optional(),
  lang: z
    .string()
    .max(35)
    .optional()
    .transform((value) => (value?.toLowerCase().startsWith('en') ? 'en' : value?.toLowerCase().startsWith('fr') ? 'fr' : undefined)),
  admin: z.boolean().optional(),
  guest: z.boolean().optional(),
});
export type TokenClaims = z.infer<typeof tokenClaimsSchema>;

export interface TokenCheck {
  secret: string;
  issuer?: string | undefined;
  audience?: string | undefined;
  /** The longest lifetime a token may claim (exp - now, seconds): a stolen token must not live for years. */
  maxAge?: number;
  now?: number;
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

function decodeHeader(token: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part, i) => SEGMENT.test(part) || (i === 2 && part === ''))) {
    throw unauthorized('token_malformed', 'The identity token is not a JWT (three base64url parts separated by dots).');
  }
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
    if (header && typeof header === 'object' && !Array.isArray(header)) return header as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw unauthorized('token_malformed', 'The identity token header is not valid JSON.');
}

export async function verifyToken(token: string, check: TokenCheck): Promise<TokenClaims> {
  const header = decodeHeader(token);
  if (header.alg !== 'HS256') {
    throw unauthorized(
      'token_algorithm_not_allowed',
      `Identity tokens must be signed with HS256; this one says "${String(header.alg)}".`,
    );
  }
  let payload: unknown;
  try {
    // Signature first; times and claims are checked below, once we know the token is genuine.
    payload = await verify(token, check.secret, { alg: 'HS256', exp: false, nbf: false, iat: false });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'JwtTokenSignatureMismatched') {
      throw unauthorized('token_signature_invalid', 'The identity token is not signed with the secret this server shares with the intranet.');
    }
    throw unauthorized('token_malformed', 'The identity token could not be read.');
  }
  const parsed = tokenClaimsSchema.safeParse(payload);
  if (!parsed.success) {
    // Each claim once, with why: "sub (must not be empty or blank)".
    const reasons = new Map<string, string>();
    for (const issue of parsed.error.issues) {
      const claim = issue.path.join('.') || 'payload';
      if (!reasons.has(claim)) reasons.set(claim, issue.message);
    }
    const list = [...reasons].map(([claim, reason]) => `${claim} (${reason})`).join(', ');
    throw unauthorized('token_claims_invalid', `The identity token lacks or has invalid claims: ${list}.`);
  }
  const claims = parsed.data;
  const now = check.now ?? Math.floor(Date.now() / 1000);
  if (claims.exp <= now - LEEWAY_SECONDS) {
    throw unauthorized('token_expired', 'The identity token has expired. Get a new one from the intranet.');
  }
  if (check.maxAge !== undefined && claims.exp - now > check.maxAge + LEEWAY_SECONDS) {
    throw unauthorized(
      'token_lifetime_too_long',
      `The identity token is valid for too long (its exp is more than ${check.maxAge} s away; RUCHE_JWT_MAX_AGE). Ask the intranet for shorter-lived tokens.`,
    );
  }
  if (claims.iat !== undefined && claims.iat > now + LEEWAY_SECONDS) {
    throw unauthorized('token_issued_in_future', 'The identity token says it was issued in the future (its iat): check the clocks of the intranet and of this server.');
  }
  if (claims.nbf !== undefined && claims.nbf > now + LEEWAY_SECONDS) {
    throw unauthorized('token_not_yet_valid', 'The identity token is not valid yet (its nbf is in the future).');
  }
  if (check.issuer && claims.iss !== check.issuer) {
    throw unauthorized('token_issuer_invalid', `The identity token was not issued by ${check.issuer}.`);
  }
  if (check.audience) {
    const audiences = claims.aud === undefined ? [] : [claims.aud].flat();
    if (!audiences.includes(check.audience)) {
      throw unauthorized('token_audience_invalid', `The identity token is not meant for ${check.audience}.`);
    }
  }
  return claims;
}

export function claimsToIdentity(claims: TokenClaims, admins: readonly string[]): IdentityClaims {
  return {
    externalId: claims.sub,
    name: claims.name,
    email: claims.email,
    dept: claims.dept || undefined,
    title: claims.title || undefined,
    lang: claims.lang,
    isAdmin: claims.admin === true || admins.includes(claims.sub),
    // No claim says nothing: the directory (SCIM, CSV) may know better, so the stored flag stays.
    isGuest: claims.guest,
  };
}

/** Signs a token as the intranet would (used by the demo picker and by tests). */
export function signToken(claims: Omit<TokenClaims, 'exp' | 'lang'> & { exp?: number; lang?: string }, secret: string, ttlSeconds = 3600) {
  const now = Math.floor(Date.now() / 1000);
  return sign({ iat: now, exp: now + ttlSeconds, ...claims }, secret, 'HS256');
}
