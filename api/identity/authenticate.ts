import { createHash } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import { ApiError, forbidden, unauthorized } from '../http/errors.ts';
import { displayName, externalIdProblem } from '../people/identity-fields.ts';
import { upsertPerson, type IdentityClaims, type Person } from '../people/person.ts';
import type { IdentityCache } from './identity-cache.ts';
import { claimsToIdentity, verifyToken } from './token.ts';

/**
 * Resolves who is asking, from a bearer token (token and demo modes) or the SSO proxy's header
 * (header mode). A person is created on first sight and kept in step with what the intranet says.
 */
export function authenticate(cache: IdentityCache): MiddlewareHandler<AppEnv> {
  let proxies: BlockList | null = null;

  async function personFor(c: Context<AppEnv>, identity: IdentityClaims): Promise<Person> {
    const key = createHash('sha256').update(JSON.stringify(identity)).digest('base64url');
    const cached = cache.get(key);
    if (cached) return cached;
    const person = await upsertPerson(c.var.deps.database.sql, identity);
    cache.set(key, person);
    return person;
  }

  return async (c, next) => {
    const { config, demoSecret } = c.var.deps;
    const { auth } = config;
    let identity: IdentityClaims | null = null;

    const authorization = c.req.header('authorization');
    if (authorization !== undefined && auth.mode !== 'header') {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) throw unauthorized('token_malformed', 'The Authorization header must be "Bearer <token>".');
      const secret = auth.mode === 'demo' ? demoSecret! : auth.jwtSecret!;
      const claims = await verifyToken(match[1]!, {
        secret,
        issuer: auth.jwtIssuer,
        audience: auth.jwtAudience,
        maxAge: auth.jwtMaxAge,
      });
      identity = claimsToIdentity(claims, auth.admins);
    } else if (auth.mode === 'header') {
      const value = c.req.header(auth.trustedHeader!);
      if (value !== undefined) {
        proxies ??= trustedProxyList(auth.trustedProxies);
        const address = remoteAddress(c);
        if (!address || !proxies.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4')) {
          throw unauthorized(
            'untrusted_proxy',
            `The ${auth.trustedHeader} header is only accepted from the SSO proxy, and ${address ?? 'this address'} is not one.`,
          );
        }
        identity = headerIdentity(c, auth.trustedHeader!, value, auth.admins);
      }
    }

    let person: Person | null = null;
    if (identity) {
      person = await personFor(c, identity);
      if (!person.active) throw forbidden('account_disabled', 'This account has been deactivated by the directory.');
    }
    c.set('person', person);
    await next();
  };
}

function headerIdentity(c: Context, header: string, value: string, admins: readonly string[]): IdentityClaims {
  const problem = externalIdProblem(value);
  if (problem) throw new ApiError(401, 'identity_invalid', `The ${header} header set by the SSO proxy is not a person's id: it ${problem}.`);
  const externalId = value.trim();
  const optional = (name: string) => {
    const value = c.req.header(name)?.replace(/[\u0000-\u001F\u007F]/g, '').trim();
    return value ? value.slice(0, 200) : undefined;
  };
  const email = optional('x-remote-email');
  const guest = optional('x-remote-guest');
  return {
    externalId,
    name: displayName(c.req.header('x-remote-name') ?? '') || displayName(externalId),
    email: email && /^[^\s@]+@[^\s@]+$/.test(email) ? email : undefined,
    dept: optional('x-remote-dept'),
    title: optional('x-remote-title'),
    isAdmin: admins.includes(externalId),
    // No header says nothing: the stored flag (which the directory may have set) stays.
    isGuest: guest === undefined ? undefined : guest.toLowerCase() === 'true',
  };
}

/** RUCHE_TRUSTED_PROXIES, checked at start by config.ts (proxyEntryProblem). */
function trustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const type = isIP(address!) === 6 ? 'ipv6' : 'ipv4';
    if (bits !== undefined) list.addSubnet(address!, Number(bits), type);
    else list.addAddress(address!, type);
  }
  return list;
}

function remoteAddress(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const address = incoming?.socket?.remoteAddress;
  return address?.startsWith('::ffff:') ? address.slice(7) : address;
}

/** For routes that need someone: a 401 that says how to sign in. */
export function requirePerson(c: Context<AppEnv>): Person {
  const person = c.var.person;
  if (!person) {
    throw unauthorized(
      'authentication_required',
      'Sign in first: send the token your intranet gives you as "Authorization: Bearer <token>".',
    );
  }
  return person;
}
