import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import { ApiError } from './errors.ts';

/**
 * Per-person write limit: a token bucket that refills `perMinute` tokens a minute up to `burst`.
 * Kept in each process's memory: behind N processes a person gets at most N times the rate, which
 * is what a limit against floods and runaway scripts needs, without a round trip per write.
 */
export function writeRateLimit(options: { perMinute: number; burst: number }, { reads = [] as readonly string[] } = {}): MiddlewareHandler<AppEnv> {
  const postedReads = new Set(reads); // reads sent as POST (they do not fit in a URL) cost nothing
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = options.perMinute / 60_000;

  return async (c, next) => {
    const person = c.var.person;
    if (!person || c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS' || postedReads.has(c.req.path)) return next();

    const now = Date.now();
    const bucket = buckets.get(person.id) ?? { tokens: options.burst, at: now };
    bucket.tokens = Math.min(options.burst, bucket.tokens + (now - bucket.at) * refillPerMs);
    bucket.at = now;
    if (bucket.tokens < 1) {
      const retryAfter = Math.ceil((1 - bucket.tokens) / refillPerMs / 1000);
      throw new ApiError(
        429,
        'rate_limited',
        `Too many changes in a short time. Wait ${retryAfter} s and try again.`,
        { retryAfterSeconds: retryAfter },
        { 'Retry-After': String(retryAfter) },
      );
    }
    bucket.tokens -= 1;
    buckets.set(person.id, bucket);
    if (buckets.size > 50_000) {
      // Forget people whose bucket is full again: they are back at the default.
      for (const [id, b] of buckets) if (b.tokens + (now - b.at) * refillPerMs >= options.burst) buckets.delete(id);
    }
    return next();
  };
}
