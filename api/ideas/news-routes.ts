import { createRoute, z } from '@hono/zod-openapi';
import { requirePerson } from '../identity/authenticate.ts';
import { serialKeyCursor } from '../http/cursor.ts';
import { errors, idempotencyHeader, json, jsonBody } from '../http/openapi.ts';
import { router } from '../http/validation.ts';
import { assertCanRead } from '../spaces/access.ts';
import { spaceAccessFor } from '../subjects/subjects.ts';
import { newsQuery, newsSchema, newsSeenBody, type IdeaNewsItem } from './schemas.ts';
import { markNewsSeen, newsPage, newsSeenAt, readableSpaces, unreadNewsCount } from './news-store.ts';
import { changeView } from './store.ts';

/**
 * "News on your ideas": the status changes of the ideas a person follows, newest first. One follows
 * the ideas one wrote, the ideas one voted for (from the vote on), and the originals one's own ideas
 * were merged into. One's own decisions (as a steward) are not news; ideas in spaces the person can
 * no longer read drop out, and so do hidden or waiting ideas, but for their author. Unread: later
 * than what the person last marked as seen — in all spaces, or in the change's own space (a widget
 * shows one space's news, and marks only those seen).
 */
const tags = ['Ideas'];

export const newsRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'News on my ideas: status changes on ideas I wrote or voted for, newest first',
      request: { query: newsQuery },
      responses: { 200: json(newsSchema, 'A page of news, with the unread count'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const query = c.req.valid('query');
      const before = serialKeyCursor.decode(query.cursor)?.last ?? null;
      const db = c.var.db;
      let spaces: string[];
      let spaceId: string | null = null;
      if (query.space) {
        const access = await spaceAccessFor(c, query.space);
        assertCanRead(access, person);
        spaces = [(spaceId = access.space.id)];
      } else {
        spaces = await readableSpaces(db, person, c.var.deps.config.auth.anonymousRead);
      }
      const seenAt = await newsSeenAt(db, person.id, spaceId);

      const page = serialKeyCursor.page(await newsPage(db, person.id, spaces, before, query.limit + 1), query.limit, (last) => ({ last: last.id }));
      const unreadCount = await unreadNewsCount(db, person.id, spaces);
      const items: IdeaNewsItem[] = page.rows.map((row) => ({
        id: row.id,
        idea: {
          id: row.ideaId,
          title: row.ideaTitle,
          status: row.ideaStatus,
          spaceSlug: row.spaceSlug,
          campaignId: row.campaignId,
          subjectKey: row.subjectKey,
        },
        reason: row.why,
        change: changeView(row),
        unread: row.seenAt === null || row.createdAt > row.seenAt,
      }));
      c.header('Cache-Control', 'private, no-store');
      return c.json(
        {
          items,
          unreadCount,
          seenAt: seenAt?.toISOString() ?? null,
          nextCursor: page.nextCursor,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/seen',
      tags,
      summary: 'Mark my news as seen, up to now or to a given moment — in one space, or in all',
      request: { headers: idempotencyHeader, body: jsonBody(newsSeenBody) },
      responses: { 200: json(z.object({ seenAt: z.string() }), 'What is now seen'), ...errors(400, 401, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const { until, space } = c.req.valid('json');
      if (space) {
        const access = await spaceAccessFor(c, space);
        assertCanRead(access, person);
        const seenAt = await markNewsSeen(c.var.db, person.id, access.space.id, until ?? null);
        return c.json({ seenAt: seenAt.toISOString() }, 200);
      }
      const seenAt = await markNewsSeen(c.var.db, person.id, null, until ?? null);
      return c.json({ seenAt: seenAt.toISOString() }, 200);
    },
  );
