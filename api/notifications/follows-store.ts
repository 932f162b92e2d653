import type { Db } from '../db/database.ts';

/**
 * What a person follows: a thread (its top-level comment, a question), an idea or a space. Writing
 * in a thread follows it; a muted thread tells its follower nothing, replies to them included.
 */
export type FollowRef = { thread: string } | { idea: string } | { space: string };
export type FollowStatus = 'following' | 'muted' | 'none';

/** The column a reference is kept in (a constant per kind: never a value from a request). */
function columnOf(ref: FollowRef): { column: 'thread_id' | 'idea_id' | 'space_id'; id: string } {
  if ('thread' in ref) return { column: 'thread_id', id: ref.thread };
  if ('idea' in ref) return { column: 'idea_id', id: ref.idea };
  return { column: 'space_id', id: ref.space };
}

export async function followStatus(db: Db, personId: string, ref: FollowRef): Promise<FollowStatus> {
  const { column, id } = columnOf(ref);
  const [row] = await db.unsafe<{ muted: boolean }[]>(`select muted from follows where person_id = $1 and ${column} = $2`, [personId, id]);
  return !row ? 'none' : row.muted ? 'muted' : 'following';
}

export async function setFollowStatus(db: Db, personId: string, ref: FollowRef, status: FollowStatus): Promise<void> {
  const { column, id } = columnOf(ref);
  if (status === 'none') {
    await db.unsafe(`delete from follows where person_id = $1 and ${column} = $2`, [personId, id]);
    return;
  }
  await db.unsafe(
    `insert into follows (person_id, ${column}, muted) values ($1, $2, $3)
     on conflict (${column}, person_id) where ${column} is not null do update set muted = excluded.muted`,
    [personId, id, status === 'muted'],
  );
}

/** Writing in a thread follows it, unless the writer already follows or muted it. */
export async function followByWriting(db: Db, personId: string, ref: { thread: string } | { idea: string }): Promise<void> {
  const { column, id } = columnOf(ref);
  await db.unsafe(`insert into follows (person_id, ${column}) values ($1, $2) on conflict (${column}, person_id) where ${column} is not null do nothing`, [
    personId,
    id,
  ]);
}

/** Who follows it and did not mute it. */
export async function followersOf(db: Db, ref: FollowRef): Promise<string[]> {
  const { column, id } = columnOf(ref);
  const rows = await db.unsafe<{ personId: string }[]>(`select person_id from follows where ${column} = $1 and not muted`, [id]);
  return rows.map((row) => row.personId);
}

/**
 * The space of what is to be followed, as its follower may see it: a thread by any of its comments
 * (its top-level one is followed), shown or their own; an idea shown or their own. Null: no such thing.
 */
export async function followableIn(
  db: Db,
  personId: string,
  ref: { thread: string } | { idea: string },
): Promise<{ spaceId: string; ref: { thread: string } | { idea: string } } | null> {
  if ('thread' in ref) {
    const [row] = await db<{ spaceId: string; rootId: string }[]>`
      select c.space_id, c.root_id from comments c join comments root on root.id = c.root_id
       where c.id = ${ref.thread} and (root.status = 'published' or root.author_id = ${personId})`;
    return row ? { spaceId: row.spaceId, ref: { thread: row.rootId } } : null;
  }
  const [row] = await db<{ spaceId: string }[]>`
    select space_id from ideas where id = ${ref.idea} and (moderation = 'published' or author_id = ${personId})`;
  return row ? { spaceId: row.spaceId, ref } : null;
}
