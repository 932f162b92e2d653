import { createHmac, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { IdeaWebhookPayload } from '../../shared/api-types.ts';
import type { AppEnv } from '../context.ts';
import { isConnectionError, type Db, type Pool } from '../db/database.ts';
import { webhookDeliveryRefusal } from './webhook-targets.ts';

/**
 * Webhooks: each status change of an idea (merges included) is POSTed to the space's webhooks.
 *
 * A delivery row is written in the transaction of the change, so a delivery exists exactly when its
 * change does; it is attempted once the transaction has committed, in the background (the request
 * never waits for another system), with a timeout and a few retries, and each attempt is recorded on
 * the row, so that stewards see failures (GET /api/ideas/webhooks/{id}/deliveries). A process that
 * stops while a delivery waits for its next retry leaves it `pending`.
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

async function deliver(pool: Pool, delivery: Delivery, allowed: readonly string[]): Promise<void> {
  const delays = webhookTiming.retryDelaysMs;
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]).unref());
    // Checked at each attempt: a name may resolve elsewhere by now; a refused target is not retried.
    const refusal = await webhookDeliveryRefusal(delivery.url, allowed);
    const outcome = refusal ? { ok: false, statusCode: null, error: refusal } : await attemptDelivery(delivery);
    const last = outcome.ok || refusal !== null || attempt === delays.length;
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

async function attemptDelivery(delivery: Delivery): Promise<{ ok: boolean; statusCode: number | null; error: string | null }> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      // A redirect is a failure: the URL stewards configured is the only place payloads go.
      redirect: 'manual',
      signal: AbortSignal.timeout(webhookTiming.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Ruche-Webhook/1',
        'x-ruche-event': delivery.event,
        'x-ruche-delivery': delivery.id,
        'x-ruche-timestamp': timestamp,
        'x-ruche-signature': signature(delivery.secret, timestamp, delivery.body),
      },
      body: delivery.body,
    });
    await response.body?.cancel().catch(() => {});
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    const name = (error as Error).name;
    const message = name === 'TimeoutError' ? `no answer within ${webhookTiming.timeoutMs} ms` : describe(error);
    return { ok: false, statusCode: null, error: message.slice(0, 500) };
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}
