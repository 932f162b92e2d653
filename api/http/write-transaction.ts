import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import type { Db } from '../db/database.ts';
import { requirePerson } from '../identity/authenticate.ts';
import { ApiError, badRequest } from './errors.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
/** Headers of a first answer that a replay gives back (not those every answer gets anew: CORS, secure headers, dates). */
const REPLAYED_HEADERS = ['content-type', 'location', 'content-location', 'cache-control', 'etag', 'last-modified', 'link'];

class Rollback extends Error {}

/**
 * Each write runs in one transaction, from its first query to its answer: a write that fails midway
 * (an error, a refused check, a lost connection) leaves nothing behind.
 *
 * With an Idempotency-Key header, the key is claimed in that same transaction and the answer stored
 * with it, so a retried request gets the first answer back (marked `Idempotency-Replayed: true`)
 * instead of writing twice, also when the retry arrives while the first is still running: it waits
 * on the key's row and then replays. A key reused for a different request is refused (422).
 *
 * The body is read in full before the transaction begins: a client sending it slowly holds only its
 * own request, not one of the pool's connections (the embedded database has a single one). For the
 * same reason, given `anonymousWrites` (the only paths one may write to without being signed in), any
 * other write from nobody is refused before the pool is touched. (SCIM, whose caller is the identity
 * provider, not a person, gives none.)
 */
export function writeTransaction(options: { anonymousWrites?: readonly string[]; reads?: readonly string[] } = {}): MiddlewareHandler<AppEnv> {
  const anonymousWrites = options.anonymousWrites ? new Set(options.anonymousWrites) : null;
  // Reads sent as POST (what they ask for does not fit in a URL): no transaction, anyone who may read.
  const postedReads = new Set(options.reads);
  return async (c, next) => {
    c.set('afterCommit', []);
    const pool = c.var.deps.database.sql;
    if (!WRITE_METHODS.has(c.req.method) || postedReads.has(c.req.path)) {
      c.set('db', pool);
      return next();
    }

    const key = c.req.header('idempotency-key');
    const person = c.var.person;
    if (anonymousWrites && !anonymousWrites.has(c.req.path)) requirePerson(c);
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw badRequest('invalid_idempotency_key', 'Idempotency-Key must be 1 to 200 printable ASCII characters without spaces.');
    }
    // Hono keeps what is read here for the route's validator.
    const body = await c.req.arrayBuffer();
    const fingerprint =
      key && person
        ? createHash('sha256')
            .update(`${c.req.method} ${c.req.path}${new URL(c.req.url).search}\n`)
            .update(new Uint8Array(body))
            .digest('base64url')
        : null;

    try {
      await pool.begin(async (tx) => {
        const db = tx as unknown as Db;
        c.set('db', db);
        if (key && person && fingerprint) {
          const claimed = await db`
            insert into idempotency_keys (person_id, key, fingerprint)
            values (${person.id}, ${key}, ${fingerprint})
            on conflict do nothing
            returning key`;
          if (claimed.length === 0) {
            const [first] = await db<{ fingerprint: string; status: number; body: string; headers: Record<string, string> | null }[]>`
              select fingerprint, status, body, headers from idempotency_keys where person_id = ${person.id} and key = ${key}`;
            if (!first || first.fingerprint !== fingerprint) {
              throw new ApiError(
                422,
                'idempotency_key_reused',
                'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
              );
            }
            c.res = new Response(first.body || null, {
              status: first.status,
              headers: { 'content-type': 'application/json; charset=UTF-8', ...first.headers, 'idempotency-replayed': 'true' },
            });
            return;
          }
        }

        await next();
        if (c.error || c.res.status >= 400) throw new Rollback();
        if (key && person) {
          const answer = c.res.status === 204 ? '' : await c.res.clone().text();
          const headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((name) => {
            const value = c.res.headers.get(name);
            return value === null ? [] : [[name, value]];
          }));
          await db`update idempotency_keys set status = ${c.res.status}, body = ${answer}, headers = ${db.json(headers)}
                   where person_id = ${person.id} and key = ${key}`;
        }
      });
    } catch (error) {
      if (error instanceof Rollback) return; // the error answer is already in c.res
      throw error;
    }
    for (const task of c.var.afterCommit) await task();
  };
}
