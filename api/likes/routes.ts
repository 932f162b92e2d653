import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { requirePerson } from '../identity/authenticate.ts';
import { errors, idempotencyHeader, json, jsonBody } from '../http/openapi.ts';
import { limit, router } from '../http/validation.ts';
import { likeStateSchema } from '../comments/schemas.ts';
import { assertCanRead, assertCanWrite } from '../spaces/access.ts';
import { ensureSubject, findSubject, spaceAccessFor, spaceSlugParam, subjectParam } from '../subjects/subjects.ts';
import { latestLikers, likeCountsByKey, likeState, setSubjectLiked } from './store.ts';
import { likeBatchSchema, likePeopleSchema, likeQueryBody, MAX_QUERY } from './schemas.ts';

/**
 * Likes on subjects (a news item, a page). A whole news list asks for its counts in one request —
 * GET while its keys fit in a URL, POST /query beyond; liking is a set operation (PUT likes, DELETE
 * unlikes), so a retried request changes nothing more, and one like per person and subject is the
 * table's primary key, so concurrent likes cannot double.
 */
const tags = ['Likes'];
/** Keys in a URL: servers and proxies refuse long ones (8 KB is common). */
const MAX_BATCH = 200;

const subjects = z
  .union([subjectParam, z.array(subjectParam).min(1).max(MAX_BATCH)])
  .transform((value) => (Array.isArray(value) ? value : [value]))
  .openapi({ description: `Subject keys, repeated: ?s=a&s=b (up to ${MAX_BATCH}; more with POST /api/likes/query)` });

/** One entry per key asked for: a subject nobody liked (or never written about) counts 0. */
async function likeCounts(c: Context<AppEnv>, space: string | undefined, keys: readonly string[]) {
  const access = await spaceAccessFor(c, space);
  assertCanRead(access, c.var.person);
  const rows = await likeCountsByKey(c.var.db, access.space.id, keys, c.var.person?.id ?? null);
  const likes: Record<string, { count: number; liked: boolean }> = {};
  for (const key of keys) likes[key] = { count: 0, liked: false };
  for (const row of rows) likes[row.key] = { count: row.count, liked: row.liked };
  c.header('Cache-Control', 'private, no-store');
  return c.json({ likes }, 200);
}

async function setLike(c: Context<AppEnv>, spaceSlug: string | undefined, key: string, like: boolean) {
  const person = requirePerson(c);
  const access = await spaceAccessFor(c, spaceSlug);
  assertCanWrite(access, person);
  const db = c.var.db;
  if (like) {
    const subject = await ensureSubject(db, access.space.id, key);
    await setSubjectLiked(db, subject.id, person.id, true);
    return c.json(await likeState(db, subject.id, person.id), 200);
  }
  const subject = await findSubject(db, access.space.id, key);
  if (!subject) return c.json({ count: 0, liked: false }, 200);
  await setSubjectLiked(db, subject.id, person.id, false);
  return c.json(await likeState(db, subject.id, person.id), 200);
}

export const likesRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'Like counts of many subjects at once, and whether this person liked each',
      request: { query: z.strictObject({ space: spaceSlugParam, s: subjects }) },
      responses: { 200: json(likeBatchSchema, 'One entry per subject asked for'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { space, s: keys } = c.req.valid('query');
      return likeCounts(c, space, keys);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/query',
      tags,
      summary: `Like counts of up to ${MAX_QUERY} subjects at once (a read: for lists whose keys do not fit in a URL)`,
      description: 'Changes nothing: sent again, it answers again; no Idempotency-Key is needed.',
      request: { body: jsonBody(likeQueryBody) },
      responses: { 200: json(likeBatchSchema, 'One entry per subject asked for'), ...errors(400, 401, 403, 404, 413) },
    }),
    async (c) => {
      const { space, subjects: keys } = c.req.valid('json');
      return likeCounts(c, space, [...new Set(keys)]);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/',
      tags,
      summary: 'Like a subject (again is a no-op)',
      request: { headers: idempotencyHeader, body: jsonBody(z.strictObject({ space: spaceSlugParam, subject: subjectParam }).openapi('Like')) },
      responses: { 200: json(likeStateSchema, 'The subject’s likes'), ...errors(400, 401, 403, 404, 429) },
    }),
    async (c) => {
      const { space, subject } = c.req.valid('json');
      return setLike(c, space, subject, true);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/',
      tags,
      summary: 'Take one’s like back (again is a no-op)',
      request: { headers: idempotencyHeader, query: z.strictObject({ space: spaceSlugParam, subject: subjectParam }) },
      responses: { 200: json(likeStateSchema, 'The subject’s likes'), ...errors(400, 401, 403, 404, 429) },
    }),
    async (c) => {
      const { space, subject } = c.req.valid('query');
      return setLike(c, space, subject, false);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/people',
      tags,
      summary: 'Who liked a subject, most recent first',
      request: { query: z.strictObject({ space: spaceSlugParam, subject: subjectParam, limit: limit(100, 20) }) },
      responses: {
        200: json(likePeopleSchema, 'The count and the first people'),
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { space, subject: key, limit: max } = c.req.valid('query');
      const access = await spaceAccessFor(c, space);
      assertCanRead(access, c.var.person);
      const db = c.var.db;
      const subject = await findSubject(db, access.space.id, key);
      if (!subject) return c.json({ count: 0, people: [] }, 200);
      const people = await latestLikers(db, subject.id, max);
      const { count } = await likeState(db, subject.id, null);
      return c.json({ count, people }, 200);
    },
  );
