import type { MiddlewareHandler } from 'hono';
import { isLoopback } from '../config.ts';
import type { AppEnv } from '../context.ts';
import { forbidden } from './errors.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip'];

/**
 * Demo mode lets anyone act as anyone, so it is for this machine only. Listening on loopback is not
 * enough: a reverse proxy on the same machine (or a DNS name rebound to 127.0.0.1) would carry the
 * world's requests to it. So a request that came through a proxy, or that names a host other than a
 * loopback one, is refused.
 */
export function demoLoopbackOnly(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const proxied = PROXY_HEADERS.find((name) => c.req.header(name) !== undefined);
    if (proxied) {
      throw forbidden(
        'demo_local_only',
        `Demo identities are for this machine only, and this request came through a proxy (it carries ${proxied}). ` +
          'To serve Ruche to others, configure RUCHE_JWT_SECRET or RUCHE_TRUSTED_HEADER.',
      );
    }
    // The URL's host is the request's Host header (or localhost for in-process requests).
    const host = new URL(c.req.url).hostname;
    if (!isLoopback(host)) {
      throw forbidden(
        'demo_local_only',
        `Demo identities are for this machine only: open Ruche as localhost or 127.0.0.1, not as ${host}.`,
      );
    }
    await next();
  };
}

/**
 * In trusted-header mode the person rides on the SSO proxy's cookie, which a browser also sends with
 * a form another site posts here. So a write must come from this server's own origin, its public
 * URL's, or an intranet origin in RUCHE_ORIGINS; a write without an Origin header is refused when the
 * browser says it is cross-site (Sec-Fetch-Site). The Ruche browser extension's background writes
 * with its own origin (chrome-extension://…, moz-extension://…), which no web page can send: it is
 * let through (what the extension may ask for is its own allow-list's business). Token and demo
 * modes need no such check: their identity is a header that no other site can make a browser send.
 */
export function sameOriginWrites(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { config } = c.var.deps;
    if (config.auth.mode !== 'header' || !WRITE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined ? !allowedOrigin(origin, c.req.url, config.origins, config.publicUrl) : c.req.header('sec-fetch-site') === 'cross-site') {
      throw forbidden(
        'cross_origin_write',
        `Changes are only accepted from this server's pages or from the intranet origins in RUCHE_ORIGINS, and this one came from ${origin ?? 'another site'}.`,
      );
    }
    await next();
  };
}

const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/[a-z0-9-]+$/i;

function allowedOrigin(origin: string, requestUrl: string, origins: readonly string[], publicUrl: string | undefined): boolean {
  if (origins.includes(origin) || EXTENSION_ORIGIN.test(origin)) return true;
  let host: string;
  try {
    const url = new URL(origin);
    if (url.origin !== origin) return false; // "null", or something with a path: not an origin
    host = url.host;
  } catch {
    return false;
  }
  // Behind a TLS proxy the browser's origin is https while this server sees http: compare hosts.
  if (host === new URL(requestUrl).host) return true;
  return publicUrl !== undefined && new URL(publicUrl).origin === origin;
}
