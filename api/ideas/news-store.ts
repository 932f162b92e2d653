import type { IdeaNewsItem, IdeaStatus } from './schemas.ts';
import type { Db } from '../db/database.ts';
import type { Person } from '../people/person.ts';
import { decideAccess, SPACE_COLUMNS, type Role, type Space } from '../spaces/access.ts';
import { CHANGE_COLUMNS, CHANGE_JOINS, changeView } from './store.ts';

/**
 * The statements of "news on your ideas" (./news-routes.ts): which ideas a person follows, their
 * status changes, and what the person has marked as seen (idea_news_seen, idea_news_seen_spaces).
 */
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
export async function readableSpaces(db: Db, person: Person, anonymousRead: boolean): Promise<string[]> {
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

export type NewsRow = Parameters<typeof changeView>[0] & {
  why: IdeaNewsItem['reason'];
  ideaId: string;
  ideaTitle: string;
  ideaStatus: IdeaStatus;
  spaceSlug: string;
  campaignId: string | null;
  subjectKey: string;
  seenAt: Date | null;
};

/** When the person last marked their news seen: everywhere, or in this space (the later of both). */
export async function newsSeenAt(db: Db, personId: string, spaceId: string | null): Promise<Date | null> {
  const [seen] = await db<{ seenAt: Date | null }[]>`
    select greatest((select seen_at from idea_news_seen where person_id = ${personId}),
                    (select seen_at from idea_news_seen_spaces where person_id = ${personId} and space_id = ${spaceId}::uuid)) as seen_at`;
  return seen?.seenAt ?? null;
}

/** A page of news in these spaces, newest first, from before the change `before` (a bigint as text). */
export function newsPage(db: Db, personId: string, spaces: string[], before: string | null, limit: number): Promise<NewsRow[]> {
  return db.unsafe<NewsRow[]>(
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
    [personId, spaces, before, limit] as never[],
  );
}

/** How many changes in these spaces the person has not marked seen. */
export async function unreadNewsCount(db: Db, personId: string, spaces: string[]): Promise<number> {
  const [unread] = await db.unsafe<{ count: number }[]>(
    `with ${FOLLOWED}
     select count(*)::int as count from idea_status_changes sc join followed f on f.idea_id = sc.idea_id
      where ${NEWS_WHERE} and sc.created_at > coalesce(${SEEN_AT}, '-infinity'::timestamptz)`,
    [personId, spaces] as never[],
  );
  return unread?.count ?? 0;
}

/**
 * Marks the news seen up to `until` (now when null) in one space, or everywhere: never later than
 * now, never earlier than what was already seen. Returns what is now seen.
 */
export async function markNewsSeen(db: Db, personId: string, spaceId: string | null, until: Date | null): Promise<Date> {
  if (spaceId) {
    const [row] = await db<{ seenAt: Date }[]>`
      insert into idea_news_seen_spaces (person_id, space_id, seen_at)
      values (${personId}, ${spaceId}, least(coalesce(${until}::timestamptz, now()), now()))
      on conflict (person_id, space_id) do update set seen_at = greatest(idea_news_seen_spaces.seen_at, excluded.seen_at)
      returning seen_at`;
    return row!.seenAt;
  }
  const [row] = await db<{ seenAt: Date }[]>`
    insert into idea_news_seen (person_id, seen_at) values (${personId}, least(coalesce(${until}::timestamptz, now()), now()))
    on conflict (person_id) do update set seen_at = greatest(idea_news_seen.seen_at, excluded.seen_at)
    returning seen_at`;
  return row!.seenAt;
}
