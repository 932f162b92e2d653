import type { Db } from '../db/database.ts';
import { setMark } from '../db/marks.ts';

/** Every statement on the `likes` table: one like per person and subject (its primary key). */

export interface LikeState {
  count: number;
  liked: boolean;
}

/** The counts of the space's subjects among these keys, with whether this person liked each; keys never liked are absent. */
export function likeCountsByKey(db: Db, spaceId: string, keys: readonly string[], personId: string | null) {
  return db<({ key: string } & LikeState)[]>`
    select s.key, count(l.person_id)::int as count, coalesce(bool_or(l.person_id = ${personId}), false) as liked
      from subjects s left join likes l on l.subject_id = s.id
     where s.space_id = ${spaceId} and s.key = any(${keys as string[]})
     group by s.key`;
}

export async function likeState(db: Db, subjectId: string, personId: string | null): Promise<LikeState> {
  const [row] = await db<LikeState[]>`
    select count(*)::int as count, coalesce(bool_or(person_id = ${personId}), false) as liked
      from likes where subject_id = ${subjectId}`;
  return row!;
}

/** Likes or unlikes; again is a no-op. Subjects keep no count: likeState counts the rows. */
export async function setSubjectLiked(db: Db, subjectId: string, personId: string, like: boolean): Promise<void> {
  await setMark(db, { marks: 'likes', markedColumn: 'subject_id' }, subjectId, personId, like);
}

/** The latest people who liked the subject. */
export function latestLikers(db: Db, subjectId: string, max: number) {
  return db<{ id: string; name: string; dept: string | null; title: string | null }[]>`
    select p.id, p.name, p.dept, p.title from likes l join people p on p.id = l.person_id
     where l.subject_id = ${subjectId} order by l.created_at desc, p.id limit ${max}`;
}
