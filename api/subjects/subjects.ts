import type { Context } from 'hono';
import { subjectKey } from '../../shared/subject.ts';
import type { AppEnv } from '../context.ts';
import type { Db } from '../db/database.ts';
import { slugLike, z } from '../http/validation.ts';
import { loadSpaceAccess, type SpaceAccess } from '../spaces/access.ts';

/**
 * Subjects are what widgets attach to: a page (its canonical URL) or an explicit key, inside a space.
 * A subject row is created by the first write about it; reads of an unknown subject see it empty.
 */
export interface SubjectRow {
  id: string;
  spaceId: string;
  key: string;
  /** Decided by the first top-level comment; null until then (a like or an idea's page decides nothing). */
  mode: 'discussion' | 'qa' | null;
  title: string | null;
  url: string | null;
}

/** A subject key as sent by a widget: normalised exactly as the widgets and the extension do. */
export const subjectParam = z
  .string()
  .min(1)
  .max(2000)
  .transform((raw, ctx) => {
    const key = subjectKey(raw);
    if (!key) {
      ctx.addIssue({ code: 'custom', message: 'must be a page URL or a key of at most 500 characters' });
      return z.NEVER;
    }
    return key;
  })
  .openapi({ description: 'A page URL (normalised as shared/subject.ts says: one key per page, however its link was written) or an explicit key', example: 'https://intranet.example.com/actualites/42' });

export const spaceSlugParam = slugLike('must be a space slug')
  .optional()
  .openapi({ description: 'The space (slug); the default space when omitted', example: 'general' });

/** The space a request is about: the one named, or the default space. */
export function spaceAccessFor(c: Context<AppEnv>, slug: string | undefined): Promise<SpaceAccess> {
  return loadSpaceAccess(c.var.db, c.var.person, slug ? { slug } : { default: true }, c.var.deps.config.auth.anonymousRead);
}

export async function findSubject(db: Db, spaceId: string, key: string): Promise<SubjectRow | null> {
  const [row] = await db<SubjectRow[]>`
    select id, space_id, key, mode, title, url from subjects where space_id = ${spaceId} and key = ${key}`;
  return row ?? null;
}

/**
 * Finds or creates the subject. `mode` is given by a top-level post only (a comment, a question to the
 * experts): it decides the subject's mode while the subject has no top-level comment yet, whoever
 * created the subject (a like, a reply cannot) — so a Q&A page liked before its first question is
 * still a Q&A page. The upsert locks the subject's row, so two first posts take turns.
 */
export async function ensureSubject(
  db: Db,
  spaceId: string,
  key: string,
  details: { mode?: 'discussion' | 'qa' | undefined; title?: string | undefined; url?: string | undefined } = {},
): Promise<SubjectRow> {
  const [row] = await db<SubjectRow[]>`
    insert into subjects (space_id, key, mode, title, url)
    values (${spaceId}, ${key}, ${details.mode ?? null}, ${details.title ?? null}, ${details.url ?? null})
    on conflict (space_id, key) do update
      set title = coalesce(subjects.title, excluded.title), url = coalesce(subjects.url, excluded.url)
    returning id, space_id, key, mode, title, url`;
  if (!details.mode || row!.mode === details.mode) return row!;
  const [decided] = await db<SubjectRow[]>`
    update subjects s set mode = ${details.mode}
     where s.id = ${row!.id} and not exists (select 1 from comments c where c.subject_id = s.id and c.parent_id is null)
    returning id, space_id, key, mode, title, url`;
  return decided ?? row!;
}

/** The key of a subject known by its id (a comment's, an idea's). */
export async function subjectKeyOf(db: Db, subjectId: string): Promise<string> {
  const [row] = await db<{ key: string }[]>`select key from subjects where id = ${subjectId}`;
  return row!.key;
}

/** A subject's title follows its idea's. */
export async function setSubjectTitle(db: Db, subjectId: string, title: string): Promise<void> {
  await db`update subjects set title = ${title} where id = ${subjectId}`;
}
