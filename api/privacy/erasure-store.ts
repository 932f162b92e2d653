import type { Context } from 'hono';
import { loadComment, publishComment, settleQuestionOf } from '../comments/store.ts';
import type { AppEnv } from '../context.ts';
import type { Db } from '../db/database.ts';
import { conflict } from '../http/errors.ts';
import type { Person } from '../people/person.ts';

/**
 * Erasing one's account (DELETE /api/me). The person's row is deleted, and with it everything that
 * hangs on it: memberships, likes and votes (the counts go down with them), endorsements given and
 * received, skills, settings, notifications, idempotency keys. A later sign-in with the same
 * identity creates a new, empty person: nothing of the old one can be reached again.
 *
 * Posts, as the person chooses:
 * - keep_as_former_colleague: comments and ideas stay, without an author (shown as a former
 *   colleague's). Anonymous ideas stay anonymous: no one ever learns they were theirs.
 * - delete_posts: comments are deleted as one deletes a comment (their place stays where others
 *   replied, without words or author); ideas are deleted with their votes and discussion, except
 *   those others took part in (voted for, discussed, or merged into): those stay, without an author,
 *   since deleting them would delete other people's votes and words. Anonymous ideas stay too,
 *   without an author: deleting them with the signed posts would show which were the person's.
 *
 * GET /api/me/erasure lists beforehand the ideas that stay whatever the choice, and why.
 *
 * A space may keep posts on erasure (its stewards' setting `keepPostsOnErasure`). Asked to delete
 * posts there, Ruche refuses (409 posts_must_stay) unless told `whereDeletionForbidden: "keep"`.
 * The last steward of a space cannot erase their account before naming another (409 last_steward).
 */
export type PostsChoice = 'keep_as_former_colleague' | 'delete_posts';

interface SpaceRef {
  slug: string;
  name: string;
}

/** An idea that stays after erasure, without an author, even if deletion is asked. */
export interface StayingIdea {
  id: string;
  title: string;
  space: SpaceRef;
  /** anonymous: never deleted (it would tell it was theirs); others_took_part: voted for, discussed or merged into. */
  why: 'anonymous' | 'others_took_part';
}

export interface ErasurePreview {
  posts: { comments: number; ideas: number; anonymousIdeas: number };
  ideasThatStay: StayingIdea[];
  spacesKeepingPosts: (SpaceRef & { comments: number; ideas: number })[];
  lastStewardOf: SpaceRef[];
  canErase: boolean;
}

export async function erasurePreview(db: Db, personId: string): Promise<ErasurePreview> {
  const [posts] = await db<{ comments: number; ideas: number; anonymousIdeas: number }[]>`
    select (select count(*) from comments where author_id = ${personId} and status <> 'deleted')::int as comments,
           (select count(*) from ideas where author_id = ${personId})::int as ideas,
           (select count(*) from ideas where author_id = ${personId} and anonymous)::int as anonymous_ideas`;
  const keeping = await db<(SpaceRef & { comments: number; ideas: number })[]>`
    select s.slug, s.name,
           (select count(*) from comments c where c.space_id = s.id and c.author_id = ${personId} and c.status <> 'deleted')::int as comments,
           (select count(*) from ideas i where i.space_id = s.id and i.author_id = ${personId})::int as ideas
      from spaces s join space_moderation sm on sm.space_id = s.id and sm.keep_posts_on_erasure
     order by s.slug`;
  const staying = await db<{ id: string; title: string; slug: string; name: string; anonymous: boolean }[]>`
    select i.id, i.title, s.slug, s.name, i.anonymous from ideas i join spaces s on s.id = i.space_id
     where i.author_id = ${personId} and (i.anonymous or ${db.unsafe(OTHERS_TOOK_PART)})
     order by s.slug, i.created_at, i.id`;
  const lastSteward = await lastStewardOf(db, personId);
  return {
    posts: posts!,
    ideasThatStay: staying.map((i) => ({
      id: i.id,
      title: i.title,
      space: { slug: i.slug, name: i.name },
      why: i.anonymous ? 'anonymous' : 'others_took_part',
    })),
    spacesKeepingPosts: keeping.filter((s) => s.comments + s.ideas > 0),
    lastStewardOf: lastSteward,
    canErase: lastSteward.length === 0,
  };
}

async function lastStewardOf(db: Db, personId: string): Promise<SpaceRef[]> {
  return db<SpaceRef[]>`
    select s.slug, s.name from memberships m join spaces s on s.id = m.space_id
     where m.person_id = ${personId} and m.role = 'steward' and m.status = 'active'
       and not exists (select 1 from memberships o where o.space_id = m.space_id and o.person_id <> m.person_id
                        and o.role = 'steward' and o.status = 'active')
     order by s.slug`;
}

export interface ErasureResult {
  erased: true;
  posts: PostsChoice;
  comments: { deleted: number; kept: number };
  ideas: { deleted: number; kept: number };
  /** Spaces whose posts were kept although deletion was asked (the space keeps posts on erasure). */
  keptBySpace: SpaceRef[];
}

export async function erasePerson(
  c: Context<AppEnv>,
  person: Person,
  choice: { posts: PostsChoice; whereDeletionForbidden: 'refuse' | 'keep' },
): Promise<ErasureResult> {
  const db = c.var.db;
  // Once erased, the person's token must not find the old row in the sign-in cache.
  c.var.afterCommit.push(() => c.var.identityCache.forgetAll());
  await db`select id from people where id = ${person.id} for update`;
  const lastSteward = await lastStewardOf(db, person.id);
  if (lastSteward.length) {
    throw conflict(
      'last_steward',
      `You are the last steward of ${lastSteward.map((s) => `"${s.name}"`).join(', ')}: name another steward there before erasing your account.`,
      { spaces: lastSteward },
    );
  }

  let keptBySpace: SpaceRef[] = [];
  let commentsDeleted = 0;
  let ideasDeleted = 0;
  if (choice.posts === 'delete_posts') {
    const preview = await erasurePreview(db, person.id);
    keptBySpace = preview.spacesKeepingPosts.map(({ slug, name }) => ({ slug, name }));
    if (keptBySpace.length && choice.whereDeletionForbidden === 'refuse') {
      throw conflict(
        'posts_must_stay',
        `${keptBySpace.map((s) => `"${s.name}"`).join(', ')} keep the posts of people who leave. ` +
          'Ask again with whereDeletionForbidden: "keep" to keep those and delete the rest, or keep all your posts.',
        { spaces: keptBySpace },
      );
    }
    commentsDeleted = await deleteComments(c, person.id);
    ideasDeleted = await deleteIdeas(db, person.id);
  }

  // Likes and votes go with the person: their counts are recounted once the rows are gone.
  const liked = await db<{ commentId: string }[]>`select comment_id from comment_likes where person_id = ${person.id}`;
  const voted = await db<{ ideaId: string }[]>`select idea_id from idea_votes where person_id = ${person.id}`;
  const [remaining] = await db<{ comments: number; ideas: number }[]>`
    select (select count(*) from comments where author_id = ${person.id} and status <> 'deleted')::int as comments,
           (select count(*) from ideas where author_id = ${person.id})::int as ideas`;
  await db`delete from people where id = ${person.id}`;
  if (liked.length) {
    await db`update comments c set like_count = (select count(*) from comment_likes l where l.comment_id = c.id)
              where c.id = any(${liked.map((l) => l.commentId)}::uuid[])`;
  }
  if (voted.length) {
    await db`update ideas i set vote_count = (select count(*) from idea_votes v where v.idea_id = i.id)
              where i.id = any(${voted.map((v) => v.ideaId)}::uuid[])`;
  }
  return {
    erased: true,
    posts: choice.posts,
    comments: { deleted: commentsDeleted, kept: remaining!.comments },
    ideas: { deleted: ideasDeleted, kept: remaining!.ideas },
    keptBySpace: choice.posts === 'delete_posts' ? keptBySpace : [],
  };
}

/** Deletes the person's comments outside the spaces that keep posts, as the comments API deletes one. */
async function deleteComments(c: Context<AppEnv>, personId: string): Promise<number> {
  const db = c.var.db;
  const rows = await db<{ id: string; status: string; subjectKey: string }[]>`
    select c.id, c.status, sb.key as subject_key from comments c join subjects sb on sb.id = c.subject_id
     where c.author_id = ${personId} and c.status <> 'deleted'
       and not exists (select 1 from space_moderation sm where sm.space_id = c.space_id and sm.keep_posts_on_erasure)
       for update of c`;
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => r.id);
  await db`update comments set status = 'deleted', body = '', tree = '[]'::jsonb, deleted_at = now() where id = any(${ids}::uuid[])`;
  // Others saw the published and hidden ones (as placeholders): their streams are told. The questions
  // they answered lose them as accepted answers, and their answer clocks keep step.
  for (const row of rows) {
    if (row.status !== 'pending') await publishComment(db, c.var.deps.bus, c.var.afterCommit, 'comment.deleted', (await loadComment(db, row.id))!, row.subjectKey);
    await settleQuestionOf(db, c.var.deps.bus, c.var.afterCommit, row.id, row.subjectKey);
  }
  return rows.length;
}

/** Others voted for the idea `i` (of the person `i.author_id`), discussed it, or merged theirs into it. */
const OTHERS_TOOK_PART = `(
  exists (select 1 from idea_votes v where v.idea_id = i.id and v.person_id <> i.author_id)
  or exists (select 1 from comments cm where cm.subject_id = i.subject_id and cm.author_id is distinct from i.author_id
              and cm.status <> 'deleted')
  or exists (select 1 from ideas m where m.merged_into = i.id))`;

/**
 * Deletes the person's signed ideas outside the spaces that keep posts, with their subject (votes,
 * history, discussion) — but not those others took part in. Anonymous ideas are never deleted here.
 */
async function deleteIdeas(db: Db, personId: string): Promise<number> {
  const rows = await db<{ subjectId: string }[]>`
    select i.subject_id from ideas i
     where i.author_id = ${personId} and not i.anonymous
       and not exists (select 1 from space_moderation sm where sm.space_id = i.space_id and sm.keep_posts_on_erasure)
       and not ${db.unsafe(OTHERS_TOOK_PART)}
     for update of i`;
  if (rows.length === 0) return 0;
  await db`delete from subjects where id = any(${rows.map((r) => r.subjectId)}::uuid[])`;
  return rows.length;
}
