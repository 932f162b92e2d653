import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { isConnectionError, type Db, type Pool } from '../db/database.ts';
import type { IdeaWebhookPayload } from './schemas.ts';
import { guardedLookup, REFUSED_TARGET, webhookUrlRefusal } from './webhook-targets.ts';

/**
 * Webhooks: each status change of an idea (merges included) is POSTed to the space's webhooks.
 *
 * A delivery row is written in the transaction of the change, so a delivery exists exactly when its
 * change does; it is attempted once the transaction has committed, in the background (the request
 * never waits for another system), with a timeout and a few retries, and each attempt is recorded on
 * the row, so that stewards see failures (GET /api/ideas/webhooks/{id}/deliveries). A process that
 * stops while a delivery waits leaves it `pending`: resumePendingDeliveries, run at start and every
 * few minutes by whichever API process gets there first, takes it up again (so a receiver may get a
 * delivery twice: X-Ruche-Delivery tells it the same one).
 *
 * The receiver checks `X-Ruche-Signature: sha256=<hex>`, the HMAC-SHA256 with the shared secret of
 * `<X-Ruche-Timestamp>.<body>`, and may refuse old timestamps to defeat replays.
 */
export const webhookTiming = {
  /** Each attempt gives up after this long. */
  timeoutMs: 5_000,
  /** Waits before the retries: so many retries after the first attempt. */
  retryDelaysMs: [2_000, 15_000, 60_000] as number[],
};

export const newWebhookSecret = () => randomBytes(24).toString('base64url');

export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

interface Delivery {
  id: string;
  url: string;
  secret: string;
  event: string;
  body: string;
}

/** Records a delivery of the payload to each active webhook of the space, sent after the commit. */
export async function queueWebhooks(c: Context<AppEnv>, spaceId: string, payload: IdeaWebhookPayload): Promise<void> {
  const db: Db = c.var.db;
  const body = JSON.stringify(payload);
  const deliveries = await db<Delivery[]>`
    insert into idea_webhook_deliveries (webhook_id, event, payload)
    select w.id, ${payload.event}, ${db.json(payload as never)} from idea_webhooks w
     where w.space_id = ${spaceId} and w.active
    returning id::text as id, ${payload.event} as event,
              (select url from idea_webhooks where id = webhook_id) as url,
              (select secret from idea_webhooks where id = webhook_id) as secret`;
  if (deliveries.length === 0) return;
  const pool = c.var.deps.database.sql;
  const allowed = c.var.deps.config.webhookHosts;
  c.var.afterCommit.push(() => {
    // Not awaited: the answer goes out now, deliveries happen on their own time.
    for (const delivery of deliveries) void deliver(pool, { ...delivery, body }, allowed);
  });
}

async function deliver(pool: Pool, delivery: Delivery, allowed: readonly string[], from = 0): Promise<void> {
  const delays = webhookTiming.retryDelaysMs;
  for (let attempt = from; attempt <= delays.length; attempt++) {
    if (attempt > from) await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]).unref());
    // The URL as written (RUCHE_WEBHOOK_HOSTS may have changed), then what its name resolves to as it
    // connects (attemptDelivery): a refused target is not retried.
    const refusal = webhookUrlRefusal(delivery.url, allowed);
    const outcome = refusal ? { ok: false, statusCode: null, error: refusal, refused: true } : await attemptDelivery(delivery, allowed);
    const last = outcome.ok || outcome.refused || attempt === delays.length;
    const status = outcome.ok ? 'delivered' : last ? 'failed' : 'pending';
    try {
      await pool`
        update idea_webhook_deliveries
           set status = ${status}, attempts = attempts + 1, last_status_code = ${outcome.statusCode},
               last_error = ${outcome.error}, last_attempt_at = now()
         where id = ${delivery.id}`;
    } catch (error) {
      // The server is stopping (or the database is gone): the row stays as it was last recorded.
      if (!isConnectionError(error)) console.error('[ruche] could not record a webhook delivery', delivery.id, error);
      return;
    }
    if (last) return;
  }
}

/** A pending delivery nobody touched for this long was left by a process that stopped. */
const ABANDONED_AFTER = '2 minutes';

/**
 * Takes up the deliveries a stopped process left pending (not those another live process is still
 * retrying: it touches them at least every minute), each claimed by one process only; those over a
 * day old are given up, recorded as failed. Returns how many were taken up.
 */
export async function resumePendingDeliveries(pool: Pool, allowed: readonly string[]): Promise<number> {
  await pool`
    update idea_webhook_deliveries set status = 'failed', last_error = 'not sent: the server stopped, and it is over a day old'
     where status = 'pending' and created_at < now() - interval '1 day'`;
  const resumed = await pool<(Delivery & { attempts: number })[]>`
    update idea_webhook_deliveries d set last_attempt_at = now()
      from idea_webhooks w
     where w.id = d.webhook_id
       and d.id in (select id from idea_webhook_deliveries
                     where status = 'pending' and coalesce(last_attempt_at, created_at) < now() - ${ABANDONED_AFTER}::interval
                     for update skip locked)
    returning d.id::text as id, w.url, w.secret, d.event, d.payload::text as body, d.attempts`;
  for (const delivery of resumed) void deliver(pool, delivery, allowed, Math.min(delivery.attempts, webhookTiming.retryDelaysMs.length));
  return resumed.length;
}

interface Outcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  /** The target is one webhooks may not reach: trying again will not help. */
  refused: boolean;
}

async function attemptDelivery(delivery: Delivery, allowed: readonly string[]): Promise<Outcome> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const url = new URL(delivery.url);
  const signal = AbortSignal.timeout(webhookTiming.timeoutMs);
  try {
    // node:http rather than fetch: the connection uses the checked addresses (guardedLookup), and a
    // redirect is never followed — a redirect is a failure, the configured URL is the only place payloads go.
    const statusCode = await new Promise<number>((resolve, reject) => {
      const request = (url.protocol === 'https:' ? https : http).request(url, {
        method: 'POST',
        signal,
        lookup: guardedLookup(allowed),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(delivery.body),
          'user-agent': 'Ruche-Webhook/1',
          'x-ruche-event': delivery.event,
          'x-ruche-delivery': delivery.id,
          'x-ruche-timestamp': timestamp,
          'x-ruche-signature': signature(delivery.secret, timestamp, delivery.body),
        },
      });
      request.on('response', (response) => {
        response.resume(); // what it says is not read
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end(delivery.body);
    });
    const ok = statusCode >= 200 && statusCode < 300;
    return { ok, statusCode, error: ok ? null : `HTTP ${statusCode}`, refused: false };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (code === REFUSED_TARGET) return { ok: false, statusCode: null, error: message!, refused: true };
    const why = signal.aborted ? `no answer within ${webhookTiming.timeoutMs} ms` : (code ?? message ?? String(error));
    return { ok: false, statusCode: null, error: why.slice(0, 500), refused: false };
  }
}
