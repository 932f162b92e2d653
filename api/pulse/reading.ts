import { createHmac, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import type { Database, Db } from '../db/database.ts';

/**
 * Reading, recorded as a daily count of distinct readers per space (and for the whole site), never as
 * a log of who read what. For the current day only, the database keeps a random key and, for each
 * person who read, a mark HMAC-SHA256(key, "<space or site>:<person id>"): the mark lets a second
 * visit on the same day count for nothing, and cannot be turned back into the person without the
 * key. When the day is over, its marks and its key are deleted (lazily here, on the first reading of
 * a new day, and by the retention job every hour); only the counts in `reading_days` remain.
 *
 * Days are UTC days. Only signed-in people are counted (an anonymous reader cannot be told from the
 * next one); whatever they opened in the space — a discussion, an idea — it is one count per day.
 */
const SITE = 'site';

export const utcDay = (now: Date = new Date()) => now.toISOString().slice(0, 10);

const dayKeys = new WeakMap<Database, { day: string; key: Buffer }>();
// Marks this process already wrote today (the same keyed hashes as in the database, gone with the
// day): a reader's second visit then costs no write.
const writtenToday = new WeakMap<Database, { day: string; marks: Set<string> }>();

/** Today's key, created by the first reading of the day; older days' marks and keys go with it. */
async function keyOf(database: Database, day: string): Promise<Buffer> {
  const cached = dayKeys.get(database);
  if (cached?.day === day) return cached.key;
  const sql = database.sql;
  await forgetPastDays(sql, day);
  await sql`insert into reading_keys (day, key) values (${day}, ${randomBytes(32)}) on conflict (day) do nothing`;
  const [row] = await sql<{ key: Buffer }[]>`select key from reading_keys where day = ${day}`;
  dayKeys.set(database, { day, key: row!.key });
  return row!.key;
}

/** Deletes the marks and the keys of the days before `today`: from then on, only their counts exist. */
export async function forgetPastDays(db: Db, today: string = utcDay()): Promise<void> {
  await db`delete from reading_marks where day < ${today}`;
  await db`delete from reading_keys where day < ${today}`;
}

/**
 * Counts the signed-in person among today's readers of the space and of the site, once each per day.
 * Reads without a person count nothing.
 */
export async function recordReading(c: Context<AppEnv>, spaceId: string, now: Date = new Date()): Promise<void> {
  const person = c.var.person;
  if (!person) return;
  const { database } = c.var.deps;
  const day = utcDay(now);
  const key = await keyOf(database, day);
  const mark = (scope: string) => createHmac('sha256', key).update(`${scope}:${person.id}`).digest();
  const spaceMark = mark(spaceId);
  let written = writtenToday.get(database);
  if (written?.day !== day) writtenToday.set(database, (written = { day, marks: new Set() }));
  const seen = spaceMark.toString('base64');
  if (written.marks.has(seen)) return;
  if (written.marks.size > 100_000) written.marks.clear();
  // One statement: the marks that are new today add one reader each to their day's count.
  await database.sql`
    with fresh as (
      insert into reading_marks (space_id, day, mark)
      values (${spaceId}::uuid, ${day}::date, ${spaceMark}), (null, ${day}::date, ${mark(SITE)})
      on conflict do nothing
      returning space_id
    )
    insert into reading_days (space_id, day, readers)
    select space_id, ${day}::date, count(*)::int from fresh group by space_id
    on conflict (space_id, day) do update set readers = reading_days.readers + excluded.readers`;
  written.marks.add(seen);
}
