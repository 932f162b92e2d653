import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../context.ts';
import { notFound } from '../http/errors.ts';
import { errors, idempotencyHeader, json, jsonBody } from '../http/openapi.ts';
import { router } from '../http/validation.ts';
import { requirePerson } from '../identity/authenticate.ts';
import type { Person } from '../people/person.ts';
import { assertCanRead, loadSpaceAccess } from '../spaces/access.ts';
import { spaceAccessFor } from '../subjects/subjects.ts';
import { followableIn, followStatus, setFollowStatus, type FollowRef } from './follows-store.ts';
import {
  followBody,
  followQuery,
  followStateSchema,
  markReadBody,
  notificationPageSchema,
  notificationsQuery,
  unreadCountSchema,
  type FollowTarget,
} from './schemas.ts';
import { listNotifications, markRead, unreadNotifications } from './store.ts';

const tags = ['Notifications'];
const HEARTBEAT_MS = 25_000;

/** A person's inbox: everything that concerns them, newest first, grouped while unread. */
export const notificationsRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'My notifications, newest first, with the unread count',
      description: 'Only what I may read now: a notice about a post since hidden, or in a space I left, is neither listed nor counted.',
      request: { query: notificationsQuery },
      responses: { 200: json(notificationPageSchema, 'A page of notifications with the unread count'), ...errors(400, 401) },
    }),
    async (c) => {
      const person = requirePerson(c);
      c.header('Cache-Control', 'private, no-store');
      return c.json(await listNotifications(c.var.db, person.id, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/unread',
      tags,
      summary: 'How many of my notifications are unread (the bell’s and the badge’s figure)',
      responses: { 200: json(unreadCountSchema, 'The unread count'), ...errors(400, 401) },
    }),
    async (c) => {
      const person = requirePerson(c);
      c.header('Cache-Control', 'private, no-store');
      return c.json({ unreadCount: await unreadNotifications(c.var.db, person.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/live',
      tags,
      summary: 'Server-Sent Events: my unread count, at once and whenever it changes (`event: unread`)',
      description: 'Read with fetch (the identity travels in the Authorization header). A client that reconnects gets the count again.',
      responses: {
        200: { description: 'text/event-stream of `unread` events, data `{"unreadCount": n}`', content: { 'text/event-stream': { schema: z.string() } } },
        ...errors(401),
      },
    }),
    async (c) => {
      const person = requirePerson(c);
      const { bus, database } = c.var.deps;
      return streamSSE(c, async (stream) => {
        let changed = true;
        let wake: (() => void) | null = null;
        let open = true;
        const close = () => {
          open = false;
          wake?.();
        };
        // Subscribed before the first count is read, so no change falls between the two.
        const unsubscribe = bus.subscribeInbox(person.id, () => {
          changed = true;
          wake?.();
        });
        const untrack = bus.trackStream(close);
        stream.onAbort(close);
        try {
          let sent: number | null = null;
          while (open) {
            if (changed) {
              changed = false;
              const count = await unreadNotifications(database.sql, person.id);
              if (count !== sent) await stream.writeSSE({ event: 'unread', data: JSON.stringify({ unreadCount: count }) });
              sent = count;
            }
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, HEARTBEAT_MS).unref();
            });
            wake = null;
            if (!changed && open) await stream.write(': keep-alive\n\n');
          }
        } finally {
          unsubscribe();
          untrack();
        }
      });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/read',
      tags,
      summary: 'Mark my notifications as read (these, or all)',
      request: { headers: idempotencyHeader, body: jsonBody(markReadBody) },
      responses: { 200: json(unreadCountSchema, 'What remains unread'), ...errors(400, 401, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const { ids } = c.req.valid('json');
      await markRead(c.var.db, person.id, ids);
      // The person's other bells (another tab, the extension's badge) follow.
      await c.var.deps.bus.pokeInboxes(c.var.db, c.var.afterCommit, [person.id]);
      return c.json({ unreadCount: await unreadNotifications(c.var.db, person.id) }, 200);
    },
  );

/** The thing to follow, found as the person may see it (404 otherwise), with its space checked. */
async function followRef(
  c: Context<AppEnv>,
  person: Person,
  target: { target: FollowTarget; id?: string | undefined; space?: string | undefined },
): Promise<FollowRef> {
  if (target.target === 'space') {
    const access = await spaceAccessFor(c, target.space);
    assertCanRead(access, person);
    return { space: access.space.id };
  }
  const found = await followableIn(c.var.db, person.id, target.target === 'thread' ? { thread: target.id! } : { idea: target.id! });
  if (!found) throw notFound(target.target === 'thread' ? 'This thread' : 'This idea');
  assertCanRead(await loadSpaceAccess(c.var.db, person, { id: found.spaceId }, false), person);
  return found.ref;
}

/** Following a thread, an idea or a space; muting a thread. */
export const followsRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'Whether I follow a thread, an idea or a space (or muted the thread)',
      request: { query: followQuery },
      responses: { 200: json(followStateSchema, 'Following, muted or none'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const query = c.req.valid('query');
      const ref = await followRef(c, person, query);
      c.header('Cache-Control', 'private, no-store');
      return c.json({ target: query.target, state: await followStatus(c.var.db, person.id, ref) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/',
      tags,
      summary: 'Follow, mute (a thread) or stop following',
      description: 'Writing in a thread follows it already; muting a thread silences it, replies to me included.',
      request: { headers: idempotencyHeader, body: jsonBody(followBody) },
      responses: { 200: json(followStateSchema, 'The state now'), ...errors(400, 401, 403, 404, 413, 422, 429) },
    }),
    async (c) => {
      const { state, ...target } = c.req.valid('json');
      const person = requirePerson(c);
      await setFollowStatus(c.var.db, person.id, await followRef(c, person, target), state);
      return c.json({ target: target.target, state }, 200);
    },
  );
