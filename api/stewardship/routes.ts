import { createRoute, z } from '@hono/zod-openapi';
import { requirePerson } from '../identity/authenticate.ts';
import { serialKeyCursor } from '../http/cursor.ts';
import { errors, idempotencyHeader, json, jsonBody } from '../http/openapi.ts';
import { router } from '../http/validation.ts';
import { ideaInContext, viewerOf } from '../ideas/access.ts';
import { holdFor, loadModerationSettings, lockModerationSettings, saveModerationSettings } from '../moderation/settings-store.ts';
import { auditLogPage, recordModerationAction, reportIdea } from '../moderation/store.ts';
import { cleanWordList } from '../moderation/words.ts';
import { personCard } from '../people/person.ts';
import { assertCanRead, assertCanSteward, type SpaceAccess } from '../spaces/access.ts';
import { spaceAccessFor } from '../subjects/subjects.ts';
import { moderateComment, moderateIdea } from './actions.ts';
import { loadQueue } from './store.ts';
import {
  actionBody,
  actionParams,
  actionResultSchema,
  ideaReportParams,
  logQuery,
  logSchema,
  queueQuery,
  queueSchema,
  reportBody,
  settingsBody,
  settingsQuery,
  settingsSchema,
} from './schemas.ts';

/**
 * Stewardship: a space's stewards moderate it — a queue of what waits or was reported, actions on
 * posts with a reason, an audit log of every action, pre-moderation and a word list. Every route
 * but the settings' reading is for the space's stewards (and admins): anyone else gets 403
 * `steward_only`, and nothing is changed.
 */
const tags = ['Stewardship'];

const spaceRef = (access: SpaceAccess) => ({ slug: access.space.slug, name: access.space.name });

export const moderationRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'The space’s moderation queue: pending and reported posts with the reasons, oldest first (stewards)',
      request: { query: queueQuery },
      responses: { 200: json(queueSchema, 'Counts and the oldest items first'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const query = c.req.valid('query');
      const access = await spaceAccessFor(c, query.space);
      assertCanSteward(access, person);
      const queue = await loadQueue(c.var.db, access.space.id, viewerOf(access, person), query.limit);
      c.header('Cache-Control', 'private, no-store');
      return c.json({ space: spaceRef(access), ...queue }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/log',
      tags,
      summary: 'Every steward action in the space: who, what, why, when — newest first (stewards)',
      request: { query: logQuery },
      responses: { 200: json(logSchema, 'A page of the audit log'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const query = c.req.valid('query');
      const before = serialKeyCursor.decode(query.cursor)?.last ?? null;
      const access = await spaceAccessFor(c, query.space);
      assertCanSteward(access, person);
      const page = serialKeyCursor.page(await auditLogPage(c.var.db, access.space.id, before, query.limit + 1), query.limit, (last) => ({ last: last.id }));
      c.header('Cache-Control', 'private, no-store');
      return c.json(
        {
          space: spaceRef(access),
          entries: page.rows.map((row) => ({
            id: row.id,
            action: row.action,
            target: row.targetKind === 'settings' || !row.targetId ? null : { kind: row.targetKind, id: row.targetId },
            reason: row.reason,
            details: row.details ?? null,
            by: row.byId ? personCard({ id: row.byId, name: row.byName!, dept: row.byDept, title: row.byTitle }) : null,
            at: row.createdAt.toISOString(),
          })),
          nextCursor: page.nextCursor,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/settings',
      tags,
      summary: 'The space’s pre-moderation (for everyone who reads it) and word list (for its stewards)',
      request: { query: settingsQuery },
      responses: { 200: json(settingsSchema, 'The settings this person may see'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const person = c.var.person;
      const query = c.req.valid('query');
      const access = await spaceAccessFor(c, query.space);
      assertCanRead(access, person);
      const settings = await loadModerationSettings(c.var.db, access.space.id);
      // Whether a post of theirs would wait, whatever its words (the list is not theirs to probe).
      const held = person ? await holdFor(c.var.db, { spaceId: access.space.id, authorId: person.id, text: '' }) : null;
      c.header('Cache-Control', 'private, no-store');
      return c.json(
        {
          space: spaceRef(access),
          premoderation: settings.premoderation,
          holdsMyPosts: held !== null,
          keepPostsOnErasure: settings.keepPostsOnErasure,
          words: access.canSteward ? settings.words : null,
          canSteward: access.canSteward,
          updatedAt: settings.updatedAt?.toISOString() ?? null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/settings',
      tags,
      summary: 'Change the space’s pre-moderation, word list or erasure rule (stewards); recorded in the audit log',
      request: { headers: idempotencyHeader, body: jsonBody(settingsBody) },
      responses: { 200: json(settingsSchema, 'The settings now in force'), ...errors(400, 401, 403, 404, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const body = c.req.valid('json');
      const access = await spaceAccessFor(c, body.space);
      assertCanSteward(access, person);
      const db = c.var.db;
      await lockModerationSettings(db, access.space.id);
      const before = await loadModerationSettings(db, access.space.id);
      const after = {
        premoderation: body.premoderation ?? before.premoderation,
        words: body.words ? cleanWordList(body.words) : before.words,
        keepPostsOnErasure: body.keepPostsOnErasure ?? before.keepPostsOnErasure,
      };
      const updatedAt = await saveModerationSettings(db, access.space.id, after, person.id);
      const details: Record<string, unknown> = {};
      if (after.premoderation !== before.premoderation) details.premoderation = { from: before.premoderation, to: after.premoderation };
      const added = after.words.filter((w) => !before.words.includes(w));
      const removed = before.words.filter((w) => !after.words.includes(w));
      if (added.length || removed.length) details.words = { added, removed };
      if (after.keepPostsOnErasure !== before.keepPostsOnErasure) details.keepPostsOnErasure = { from: before.keepPostsOnErasure, to: after.keepPostsOnErasure };
      if (Object.keys(details).length) {
        await recordModerationAction(db, { spaceId: access.space.id, kind: 'settings', action: 'settings', details, actorId: person.id });
      }
      return c.json(
        {
          space: spaceRef(access),
          ...after,
          holdsMyPosts: false, // stewards are never held
          canSteward: true,
          updatedAt: updatedAt.toISOString(),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{kind}/{id}/{action}',
      tags,
      summary: 'Hide, restore, dismiss the reports on, approve or reject a comment or an idea (stewards)',
      description:
        'hide: published → hidden (reason required, told to the author); restore: hidden → published; dismiss: closes the open reports, ' +
        'the post stays; approve: pending → published; reject: pending → hidden (reason required). Anything else is 409 invalid_transition. ' +
        'Every action is written to the audit log.',
      request: { params: actionParams, headers: idempotencyHeader, body: jsonBody(actionBody) },
      responses: { 200: json(actionResultSchema, 'What the post is now'), ...errors(400, 401, 403, 404, 409, 413, 422, 429) },
    }),
    async (c) => {
      requirePerson(c);
      const { kind, id, action } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      const result = kind === 'comments' ? await moderateComment(c, id, action, reason) : await moderateIdea(c, id, action, reason);
      return c.json(result, 200);
    },
  );

/** Reporting an idea to the space's stewards, as one reports a comment (POST /api/comments/{id}/report). */
export const ideaReportRoutes = router().openapi(
  createRoute({
    method: 'post',
    path: '/{id}/report',
    tags: ['Ideas'],
    summary: 'Report an idea to the space’s stewards',
    request: { params: ideaReportParams, headers: idempotencyHeader, body: jsonBody(reportBody) },
    responses: { 201: json(z.object({ reported: z.literal(true) }), 'Reported (once per person)'), ...errors(400, 401, 403, 404, 413, 422, 429) },
  }),
  async (c) => {
    const person = requirePerson(c);
    const { row } = await ideaInContext(c, c.req.valid('param').id);
    const { reason } = c.req.valid('json');
    await reportIdea(c.var.db, row.id, person.id, reason);
    return c.json({ reported: true as const }, 201);
  },
);
