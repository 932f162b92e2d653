import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import type { Db } from '../db/database.ts';
import { ApiError, badRequest } from './errors.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

class Rollback extends Error {}

/**
 * Each write runs in one transaction, from its first query to its answer: a write that fails midway
 * (an error, a refused check, a lost connection) leaves nothing behind.
 *
 * With an Idempotency-Key header, the key is claimed in that same transaction and the answer stored
 * with it, so a retried request gets the first answer back (marked `Idempotency-Replayed: true`)
 * instead of writing twice, also when the retry arrives while the first is still running: it waits
 * on the key's row and then replays. A key reused for a different request is refused (422).
 */
export function writeTransaction(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('afterCommit', []);
    const pool = c.var.deps.database.sql;
    if (!WRITE_METHODS.has(c.req.method)) {
      c.set('db', pool);
      return next();
    }

    const key = c.req.header('idempotency-key');
    const person = c.var.person;
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw badRequest('invalid_idempotency_key', 'Idempotency-Key must be 1 to 200 printable ASCII characters without spaces.');
    }
    const fingerprint =
      key && person
        ? createHash('sha256')
            .update(`${c.req.method} ${c.req.path}\n`)
            .update(await c.req.text())
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
            const [first] = await db<{ fingerprint: string; status: number; body: string }[]>`
              select fingerprint, status, body from idempotency_keys where person_id = ${person.id} and key = ${key}`;
            if (!first || first.fingerprint !== fingerprint) {
              throw new ApiError(
                422,
                'idempotency_key_reused',
                'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
              );
            }
            c.res = new Response(first.body || null, {
              status: first.status,
              headers: { 'content-type': 'application/json; charset=UTF-8', 'idempotency-replayed': 'true' },
            });
            return;
          }
        }

        await next();
        if (c.error || c.res.status >= 400) throw new Rollback();
        if (key && person) {
          const body = c.res.status === 204 ? '' : await c.res.clone().text();
          await db`update idempotency_keys set status = ${c.res.status}, body = ${body}
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
