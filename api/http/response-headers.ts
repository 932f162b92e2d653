import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';

/**
 * Headers of the API's answers that only count in some requests: sent there, and not on every
 * other answer of every page, where each costs its bytes for nothing.
 */

/**
 * HSTS, except to a host that is an IP address: browsers never keep it for one (RFC 6797 §8.1: an
 * IP-literal host is never noted as a Known HSTS Host), as for the demo at 127.0.0.1.
 */
export function strictTransportSecurity(value = 'max-age=15552000; includeSubDomains'): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const host = new URL(c.req.url).hostname.replace(/^\[(.*)\]$/, '$1');
    if (!isIP(host)) c.res.headers.set('Strict-Transport-Security', value);
  };
}

/**
 * Access-Control-Expose-Headers on the answers CORS let a page of another origin read: a page of
 * Ruche's own origin (the demo, the docs) reads every header without it.
 */
export function exposeToCors(names: readonly string[]): MiddlewareHandler {
  const value = names.join(',');
  return async (c, next) => {
    await next();
    if (c.res.headers.has('Access-Control-Allow-Origin')) c.res.headers.set('Access-Control-Expose-Headers', value);
  };
}
