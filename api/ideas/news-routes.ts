import { createRoute, z } from '@hono/zod-openapi';
import type { Db } from '../db/database.ts';
import { requirePerson } from '../identity/authenticate.ts';
import { badRequest } from '../http/errors.ts';
import { errors, idempotencyHeader, json, jsonBody } from '../http/openapi.ts';
import { router } from '../http/validation.ts';
import type { Person } from '../people/person.ts';
import { assertCanRead, decideAccess, SPACE_COLUMNS, type Role, type Space } from '../spaces/access.ts';
import { spaceAccessFor } from '../subjects/subjects.ts';
import { newsQuery, newsSchema, newsSeenBody, type IdeaNewsItem, type IdeaStatus } from './schemas.ts';
import { CHANGE_COLUMNS, CHANGE_JOINS, changeView } from './store.ts';

/**
 * "News on your ideas": the status changes of the ideas a person follows, newest first. One follows
 * the ideas one wrote, the ideas one voted for (from the vote on), and the originals one's own ideas
 * were merged into. One's own decisions (as a steward) are not news; ideas in spaces the person can
 * no longer read drop out, and so do hidden or waiting ideas, but for their author. Unread: later
 * than what the person last marked as seen — in all spaces, or in the change's own space (a widget
 * shows one space's news, and marks only those seen).
 */
const tags = ['Ideas'];

const FOLLOWED = `
  followed as (
    select idea_id, min(why) as why, min(since) as since from (
      select i.id as idea_id, 'author' as why, i.created_at as since from ideas i where i.author_id = $1
      union all
      select d.merged_into, 'merged', d.created_at from ideas d where d.author_id = $1 and d.merged_into is not null
      union all
      select v.idea_id, 'voter', v.created_at from idea_votes v where v.person_id = $1
    ) f
    group by idea_id
  )`;

/** When the person last saw the news of the change `sc`'s space: there, or everywhere. */
const SEEN_AT = `greatest((select g.seen_at from idea_news_seen g where g.person_id = $1),
                          (select ps.seen_at from idea_news_seen_spaces ps where ps.person_id = $1 and ps.space_id = sc.space_id))`;

// A hidden or waiting idea is news only for its author (who is told why by the moderation notices).
const NEWS_WHERE = `
  sc.created_at >= f.since and sc.changed_by is distinct from $1 and sc.space_id = any($2::uuid[])
  and exists (select 1 from ideas shown where shown.id = sc.idea_id and (shown.moderation = 'published' or shown.author_id = $1))`;

/** The spaces of the followed ideas that the person may still read. */
async function readableSpaces(db: Db, person: Person, anonymousRead: boolean): Promise<string[]> {
  const rows = await db.unsafe<(Space & { role: Role | null; status: 'active' | 'requested' | null })[]>(
    `with ${FOLLOWED}
     select ${SPACE_COLUMNS}, m.role, m.status
       from spaces s left join memberships m on m.space_id = s.id and m.person_id = $1
      where s.id in (select i.space_id from ideas i join followed f on f.idea_id = i.id)`,
    [person.id],
  );
  return rows.flatMap(({ role, status, ...space }) => {
    const access = decideAccess(space, person, role && status ? { role, status } : null, anonymousRead);
    return access?.canRead ? [space.id] : [];
  });
}

type NewsRow = Parameters<typeof changeView>[0] & {
  why: IdeaNewsItem['reason'];
  ideaId: string;
  ideaTitle: string;
  ideaStatus: IdeaStatus;
  spaceSlug: string;
  campaignId: string | null;
  subjectKey: string;
  seenAt: Date | null;
};

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
      let before: string | null = null;
      if (query.cursor) {
        before = Buffer.from(query.cursor, 'base64url').toString();
        if (!/^\d{1,19}$/.test(before)) throw badRequest('invalid_request', 'The cursor is not one this API returned.');
      }
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
      const [seen] = await db<{ seenAt: Date | null }[]>`
        select greatest((select seen_at from idea_news_seen where person_id = ${person.id}),
                        (select seen_at from idea_news_seen_spaces where person_id = ${person.id} and space_id = ${spaceId}::uuid)) as seen_at`;
      const seenAt = seen?.seenAt ?? null;

      const rows = await db.unsafe<NewsRow[]>(
        `with ${FOLLOWED}
         select ${CHANGE_COLUMNS}, f.why, i.id as idea_id, i.title as idea_title, i.status as idea_status,
                sp.slug as space_slug, i.campaign_id, s.key as subject_key, ${SEEN_AT} as seen_at
           from idea_status_changes sc
           join followed f on f.idea_id = sc.idea_id
           join ideas i on i.id = sc.idea_id
           join spaces sp on sp.id = i.space_id
           join subjects s on s.id = i.subject_id
           ${CHANGE_JOINS}
          where ${NEWS_WHERE} and ($3::bigint is null or sc.id < $3::bigint)
          order by sc.id desc
          limit $4`,
        [person.id, spaces, before, query.limit + 1] as never[],
      );
      const [unread] = await db.unsafe<{ count: number }[]>(
        `with ${FOLLOWED}
         select count(*)::int as count from idea_status_changes sc join followed f on f.idea_id = sc.idea_id
          where ${NEWS_WHERE} and sc.created_at > coalesce(${SEEN_AT}, '-infinity'::timestamptz)`,
        [person.id, spaces] as never[],
      );
      const page = rows.slice(0, query.limit);
      const items: IdeaNewsItem[] = page.map((row) => ({
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
      const last = page[page.length - 1];
      c.header('Cache-Control', 'private, no-store');
      return c.json(
        {
          items,
          unreadCount: unread?.count ?? 0,
          seenAt: seenAt?.toISOString() ?? null,
          nextCursor: rows.length > query.limit && last ? Buffer.from(last.id).toString('base64url') : null,
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
        const [row] = await c.var.db<{ seenAt: Date }[]>`
          insert into idea_news_seen_spaces (person_id, space_id, seen_at)
          values (${person.id}, ${access.space.id}, least(coalesce(${until ?? null}::timestamptz, now()), now()))
          on conflict (person_id, space_id) do update set seen_at = greatest(idea_news_seen_spaces.seen_at, excluded.seen_at)
          returning seen_at`;
        return c.json({ seenAt: row!.seenAt.toISOString() }, 200);
      }
      // Never later than now, never earlier than what was already seen.
      const [row] = await c.var.db<{ seenAt: Date }[]>`
        insert into idea_news_seen (person_id, seen_at) values (${person.id}, least(coalesce(${until ?? null}::timestamptz, now()), now()))
        on conflict (person_id) do update set seen_at = greatest(idea_news_seen.seen_at, excluded.seen_at)
        returning seen_at`;
      return c.json({ seenAt: row!.seenAt.toISOString() }, 200);
    },
  );
