import { createHmac, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'hono';
import type { Config } from '../config.ts';
import type { AppEnv } from '../context.ts';
import type { Database, Db } from '../db/database.ts';

/**
 * Reading, recorded as a daily count of distinct readers per space (and for the whole site), never as
 * a log of who read what. For the current day only, the database keeps, for each person who read, a
 * mark HMAC-SHA256(day key, "<space or site>:<person id>"): the mark lets a second visit on the same
 * day count for nothing, and cannot be turned back into the person without the day's key. When the
 * day is over, its marks are deleted (lazily here, on the first reading of a new day, and by the
 * retention job every hour); only the counts in `reading_days` remain.
 *
 * The day's key is never in the database: it is HMAC-SHA256(secret, "reading:<day>"), the secret
 * being RUCHE_READING_SECRET or, unset, a random one written at first use to `reading-secret` in the
 * data folder. So someone who reads the database alone cannot test whether a person read a space
 * today; someone who also has the API server's secret can, for the current day only (earlier marks
 * are gone). Several API processes count each reader once as long as they share the secret (the same
 * RUCHE_READING_SECRET, or the same data folder).
 *
 * Days are UTC days. Only signed-in people are counted (an anonymous reader cannot be told from the
 * next one); whatever they opened in the space — a discussion, an idea — it is one count per day.
 */
const SITE = 'site';

export const utcDay = (now: Date = new Date()) => now.toISOString().slice(0, 10);

const secrets = new Map<string, Buffer>();

/**
 * The secret the days' keys come from: the configured one, else the data folder's (created once).
 * The server asks for it at start, so a folder it cannot write is a sentence then, not a failed read.
 */
export function readingSecret(config: Pick<Config, 'readingSecret' | 'dataDir'>): Buffer {
  if (config.readingSecret) return Buffer.from(config.readingSecret);
  let secret = secrets.get(config.dataDir);
  if (!secret) {
    const file = join(config.dataDir, 'reading-secret');
    mkdirSync(config.dataDir, { recursive: true });
    // Written whole under another name, then linked into place: of two processes starting together,
    // one links and both read the same complete secret (never an empty file being written).
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(draft, randomBytes(32).toString('hex'), { mode: 0o600 });
    try {
      linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(draft, { force: true });
    }
    secret = Buffer.from(readFileSync(file, 'utf8').trim());
    if (!secret.length) throw new Error(`${file} is empty: delete it (a new secret is made) or set RUCHE_READING_SECRET.`);
    secrets.set(config.dataDir, secret);
  }
  return secret;
}

const dayKey = (secret: Buffer, day: string) => createHmac('sha256', secret).update(`reading:${day}`).digest();

// Marks this process already wrote today (the same keyed hashes as in the database, gone with the
// day): a reader's second visit then costs no write.
const writtenToday = new WeakMap<Database, { day: string; marks: Set<string> }>();

/** Deletes the marks of the days before `today`: from then on, only their counts exist. */
export async function forgetPastDays(db: Db, today: string = utcDay()): Promise<void> {
  await db`delete from reading_marks where day < ${today}`;
}

/**
 * Counts the signed-in person among today's readers of the space and of the site, once each per day.
 * Reads without a person count nothing.
 */
export async function recordReading(c: Context<AppEnv>, spaceId: string, now: Date = new Date()): Promise<void> {
  const person = c.var.person;
  if (!person) return;
  const { database, config } = c.var.deps;
  const day = utcDay(now);
  let written = writtenToday.get(database);
  if (written?.day !== day) {
    // The first reading of a day (in this process): the days before are forgotten.
    await forgetPastDays(database.sql, day);
    writtenToday.set(database, (written = { day, marks: new Set() }));
  }
  const key = dayKey(readingSecret(config), day);
  const mark = (scope: string) => createHmac('sha256', key).update(`${scope}:${person.id}`).digest();
  const spaceMark = mark(spaceId);
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
