import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../context.ts';
import { badRequest } from '../http/errors.ts';
import { errors } from '../http/openapi.ts';
import { router } from '../http/validation.ts';
import { assertCanRead } from '../spaces/access.ts';
import { spaceAccessFor, spaceSlugParam, subjectParam } from '../subjects/subjects.ts';
import type { LiveEventRow } from './bus.ts';

const MAX_SUBJECTS = 50;
const HEARTBEAT_MS = 25_000;

const subjects = z
  .union([subjectParam, z.array(subjectParam).min(1).max(MAX_SUBJECTS)])
  .transform((value) => (Array.isArray(value) ? value : [value]));

/**
 * One stream per page for all its subjects (browsers allow few connections per server). Read with
 * fetch, not EventSource, since the identity travels in the Authorization header. A client that
 * reconnects sends Last-Event-ID and first gets what it missed — or, when that cannot be told (the
 * id is no longer kept, or too much happened), one `event: reset` per subject: read it again.
 */
export const eventsRoutes = router().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Live events'],
    summary: 'Server-Sent Events about subjects: new, edited and deleted comments, accepted answers (`reset`: read the subject again)',
    request: {
      query: z.strictObject({ space: spaceSlugParam, s: subjects }),
      headers: z.object({ 'last-event-id': z.string().regex(/^\d{1,19}$/, 'an event id').optional() }),
    },
    responses: {
      200: { description: 'text/event-stream; each event has an id and JSON data', content: { 'text/event-stream': { schema: z.string() } } },
      ...errors(400, 401, 403, 404),
    },
  }),
  async (c) => {
    const { space, s: keys } = c.req.valid('query');
    const lastEventId = c.req.valid('header')['last-event-id'];
    if (new Set(keys).size !== keys.length) throw badRequest('invalid_request', 'Each subject may be asked for once.');
    const access = await spaceAccessFor(c, space);
    assertCanRead(access, c.var.person);
    const { bus } = c.var.deps;
    const spaceId = access.space.id;

    return streamSSE(c, async (stream) => {
      const queue: LiveEventRow[] = [];
      let wake: (() => void) | null = null;
      let open = true;
      const close = () => {
        open = false;
        wake?.();
      };
      // Subscribe before reading what was missed, so nothing falls between the two.
      const unsubscribe = bus.subscribe(spaceId, keys, (event) => {
        queue.push(event);
        wake?.();
      });
      const untrack = bus.trackStream(close);
      stream.onAbort(close);
      try {
        const sent = new Set<string>();
        const send = async (event: LiveEventRow) => {
          if (sent.has(event.id)) return;
          sent.add(event.id);
          await stream.writeSSE({ id: event.id, event: 'message', data: JSON.stringify({ type: event.type, ...event.payload }) });
        };
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ subjects: keys }) });
        if (lastEventId) {
          const sql = c.var.deps.database.sql;
          const missed = await bus.since(sql, spaceId, keys, lastEventId);
          if (missed) for (const event of missed) await send(event);
          else {
            // Read after subscribing: from this id on, the stream misses nothing.
            const id = await bus.lastEventId(sql, spaceId);
            for (const subject of keys) await stream.writeSSE({ id, event: 'reset', data: JSON.stringify({ type: 'reset', subject }) });
          }
        }
        while (open) {
          while (queue.length && open) await send(queue.shift()!);
          if (!open) break;
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, HEARTBEAT_MS).unref();
          });
          wake = null;
          if (!queue.length && open) await stream.write(': keep-alive\n\n');
        }
      } finally {
        unsubscribe();
        untrack();
      }
    });
  },
);
