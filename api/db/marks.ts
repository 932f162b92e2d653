import type { Db } from './database.ts';

/**
 * A person's mark on something — a like, a vote: one row per (thing, person) in its own table, and
 * a count of those rows kept on the thing's row. Tables and columns are identifiers fixed in code.
 */
export interface CountedMark {
  /** The table of marks, e.g. `comment_likes`, with a `person_id` column. */
  marks: string;
  /** Its column naming the thing marked, e.g. `comment_id`. */
  markedColumn: string;
  /** The table of the things marked, keyed by `id`, and its counter column. */
  things: string;
  countColumn: string;
}

/**
 * Sets or clears a person's mark; true when that changed something (marking twice, or clearing
 * twice, is a no-op).
 */
export async function setMark(db: Db, mark: Pick<CountedMark, 'marks' | 'markedColumn'>, thingId: string, personId: string, on: boolean): Promise<boolean> {
  const changed = on
    ? await db`insert into ${db(mark.marks)} (${db(mark.markedColumn)}, person_id) values (${thingId}, ${personId}) on conflict do nothing returning 1`
    : await db`delete from ${db(mark.marks)} where ${db(mark.markedColumn)} = ${thingId} and person_id = ${personId} returning 1`;
  return changed.length > 0;
}

/**
 * Sets or clears a person's mark and returns the thing's new count, or null when nothing changed.
 * The caller holds the thing's row lock, so the count moves one mark at a time.
 */
export async function setCountedMark(db: Db, mark: CountedMark, thingId: string, personId: string, on: boolean): Promise<number | null> {
  if (!(await setMark(db, mark, thingId, personId, on))) return null;
  const [updated] = await db<{ count: number }[]>`
    update ${db(mark.things)} set ${db(mark.countColumn)} = ${db(mark.countColumn)} + ${on ? 1 : -1}
     where id = ${thingId} returning ${db(mark.countColumn)} as count`;
  return updated!.count;
}
