import type { Db } from '../db/database.ts';

/** The statements of a space's webhooks as their stewards manage them (./webhook-routes.ts); deliveries are ./webhooks.ts's. */
export interface WebhookRow {
  id: string;
  spaceId: string;
  url: string;
  secret: string;
  active: boolean;
  createdAt: Date;
  lastStatus: 'pending' | 'delivered' | 'failed' | null;
  lastAt: Date | null;
}

const WEBHOOK_SELECT = `
  select w.id, w.space_id, w.url, w.secret, w.active, w.created_at, d.status as last_status,
         coalesce(d.last_attempt_at, d.created_at) as last_at
    from idea_webhooks w
    left join lateral (
      select status, last_attempt_at, created_at from idea_webhook_deliveries
       where webhook_id = w.id order by id desc limit 1) d on true`;

export async function loadWebhook(db: Db, id: string): Promise<WebhookRow | null> {
  const [row] = await db.unsafe<WebhookRow[]>(`${WEBHOOK_SELECT} where w.id = $1`, [id]);
  return row ?? null;
}

export function listWebhooks(db: Db, spaceId: string): Promise<WebhookRow[]> {
  return db.unsafe<WebhookRow[]>(`${WEBHOOK_SELECT} where w.space_id = $1 order by w.created_at, w.id`, [spaceId]);
}

export async function insertWebhook(db: Db, webhook: { spaceId: string; url: string; secret: string; createdBy: string }): Promise<WebhookRow> {
  const [created] = await db<{ id: string }[]>`
    insert into idea_webhooks (space_id, url, secret, created_by) values (${webhook.spaceId}, ${webhook.url}, ${webhook.secret}, ${webhook.createdBy})
    returning id`;
  return (await loadWebhook(db, created!.id))!;
}

/** Removes a webhook and (by cascade) its delivery log. */
export async function deleteWebhook(db: Db, id: string): Promise<void> {
  await db`delete from idea_webhooks where id = ${id}`;
}

export interface DeliveryRow {
  id: string;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  payload: unknown;
}

/** A webhook's last 50 deliveries, newest first. */
export function lastDeliveries(db: Db, webhookId: string): Promise<DeliveryRow[]> {
  return db<DeliveryRow[]>`
    select id::text as id, event, status, attempts, last_status_code, last_error, created_at, last_attempt_at, payload
      from idea_webhook_deliveries where webhook_id = ${webhookId} order by id desc limit 50`;
}
