import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { requirePerson } from '../identity/authenticate.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { errors, idempotencyHeader, json, jsonBody } from '../http/openapi.ts';
import { router } from '../http/validation.ts';
import { assertCanSteward, loadSpaceAccess } from '../spaces/access.ts';
import { spaceAccessFor } from '../subjects/subjects.ts';
import { deliverySchema, newWebhookBody, spaceQuery, webhookParams, webhookSchema, type IdeaWebhook } from './schemas.ts';
import { webhookUrlRefusal } from './webhook-targets.ts';
import { deleteWebhook, insertWebhook, lastDeliveries, listWebhooks, loadWebhook, type WebhookRow } from './webhook-store.ts';
import { newWebhookSecret } from './webhooks.ts';

/** The space's webhooks, for its stewards: status changes of its ideas POSTed to another system. */
const tags = ['Ideas'];

/** The secret itself is shown once, when the webhook is created; afterwards only its end. */
const webhookView = (row: WebhookRow): IdeaWebhook => ({
  id: row.id,
  url: row.url,
  secretHint: `…${row.secret.slice(-4)}`,
  active: row.active,
  createdAt: row.createdAt.toISOString(),
  lastDelivery: row.lastStatus ? { status: row.lastStatus, at: row.lastAt!.toISOString() } : null,
});

/** A webhook, for a steward of its space; 404 for anyone who cannot see the space. */
async function webhookForSteward(c: Context<AppEnv>, id: string) {
  const person = requirePerson(c);
  const row = await loadWebhook(c.var.db, id);
  if (!row) throw notFound('This webhook');
  const access = await loadSpaceAccess(c.var.db, person, { id: row.spaceId }, c.var.deps.config.auth.anonymousRead);
  assertCanSteward(access, person);
  return row;
}

export const webhooksRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'The space’s webhooks, with their last delivery (stewards)',
      request: { query: spaceQuery },
      responses: { 200: json(z.object({ webhooks: z.array(webhookSchema) }), 'Webhooks'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const access = await spaceAccessFor(c, c.req.valid('query').space);
      assertCanSteward(access, person);
      const rows = await listWebhooks(c.var.db, access.space.id);
      return c.json({ webhooks: rows.map(webhookView) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Add a webhook (stewards): status changes are POSTed to it, signed with its secret',
      request: { headers: idempotencyHeader, body: jsonBody(newWebhookBody) },
      responses: {
        201: json(webhookSchema.extend({ secret: z.string() }), 'The webhook, with its secret (shown this once)'),
        ...errors(400, 401, 403, 404, 413, 422, 429),
      },
    }),
    async (c) => {
      const person = requirePerson(c);
      const body = c.req.valid('json');
      const access = await spaceAccessFor(c, body.space);
      assertCanSteward(access, person);
      const refusal = webhookUrlRefusal(body.url, c.var.deps.config.webhookHosts);
      if (refusal) throw new ApiError(422, 'webhook_target_refused', refusal, { url: body.url });
      const secret = body.secret ?? newWebhookSecret();
      const row = await insertWebhook(c.var.db, { spaceId: access.space.id, url: body.url, secret, createdBy: person.id });
      return c.json({ ...webhookView(row), secret }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags,
      summary: 'Remove a webhook and its delivery log (stewards)',
      request: { params: webhookParams, headers: idempotencyHeader },
      responses: { 204: { description: 'Removed' }, ...errors(400, 401, 403, 404, 429) },
    }),
    async (c) => {
      const row = await webhookForSteward(c, c.req.valid('param').id);
      await deleteWebhook(c.var.db, row.id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/deliveries',
      tags,
      summary: 'The last 50 deliveries of a webhook, newest first, with their outcome (stewards)',
      request: { params: webhookParams },
      responses: { 200: json(z.object({ deliveries: z.array(deliverySchema) }), 'Deliveries'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const row = await webhookForSteward(c, c.req.valid('param').id);
      const deliveries = await lastDeliveries(c.var.db, row.id);
      return c.json(
        {
          deliveries: deliveries.map((d) => ({
            ...d,
            createdAt: d.createdAt.toISOString(),
            lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
          })),
        },
        200,
      );
    },
  );
