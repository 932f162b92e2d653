import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { requirePerson } from '../identity/authenticate.ts';
import { uuidKeyCursor } from '../http/cursor.ts';
import { conflict, forbidden, notFound } from '../http/errors.ts';
import { errors, idempotencyHeader, json, jsonBody } from '../http/openapi.ts';
import { router } from '../http/validation.ts';
import { holdFor } from '../moderation/settings-store.ts';
import { reportComment } from '../moderation/store.ts';
import { recordReading } from '../readings/store.ts';
import { assertCanRead, assertCanWrite, loadSpaceAccess } from '../spaces/access.ts';
import { ensureSubject, findSubject, spaceAccessFor, subjectKeyOf } from '../subjects/subjects.ts';
import {
  acceptedSchema,
  commentPageSchema,
  commentParams,
  commentSchema,
  editCommentBody,
  likeStateSchema,
  listCommentsQuery,
  newCommentBody,
  reportBody,
} from './schemas.ts';
import { tellAccepted } from './notices.ts';
import {
  commentView,
  holdComment,
  insertComment,
  likedBy,
  loadComment,
  loadThreads,
  markCommentDeleted,
  publishComment,
  publishedCount,
  seesModerated,
  setAcceptedAnswer,
  setCommentLiked,
  settleQuestionOf,
  updateCommentBody,
  type CommentRow,
} from './store.ts';

const tags = ['Comments'];

/**
 * Loads a comment with the person's rights in its space; 404 when it is not theirs to see (a pending
 * comment is its author's and the stewards' only).
 */
async function commentInContext(c: Context<AppEnv>, id: string, lock = false) {
  const row = await loadComment(c.var.db, id, { lock });
  if (!row) throw notFound('This comment');
  const access = await loadSpaceAccess(c.var.db, c.var.person, { id: row.spaceId }, c.var.deps.config.auth.anonymousRead);
  if (row.status === 'pending' && !seesModerated(row, { personId: c.var.person?.id ?? null, canSteward: access.canSteward })) {
    throw notFound('This comment');
  }
  assertCanRead(access, c.var.person);
  return { row, access, subjectKey: await subjectKeyOf(c.var.db, row.subjectId) };
}

function publish(c: Context<AppEnv>, type: 'comment.updated' | 'comment.deleted', row: Pick<CommentRow, 'id' | 'spaceId' | 'subjectId'>, subjectKey: string) {
  return publishComment(c.var.db, c.var.deps.bus, c.var.afterCommit, type, row, subjectKey);
}

export const commentsRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'A page of a subject’s threads (top-level comments with their replies)',
      request: { query: listCommentsQuery },
      responses: { 200: json(commentPageSchema, 'The subject, the viewer’s rights and a page of threads'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const after = uuidKeyCursor.decode(query.cursor)?.last ?? null;
      const access = await spaceAccessFor(c, query.space);
      assertCanRead(access, c.var.person);
      const db = c.var.db;
      const subject = await findSubject(db, access.space.id, query.subject);
      const viewerId = c.var.person?.id ?? null;
      // The pulse counts this person among the space's readers of the day (a count, not who).
      await recordReading(c, access.space.id);
      // Read before the comments: an event after this id may already be in the page (clients
      // apply events idempotently), but none can fall between the page and the stream.
      const lastEventId = await c.var.deps.bus.lastEventId(db, access.space.id);
      const page = subject
        ? await loadThreads(db, { subjectId: subject.id, viewerId, canSteward: access.canSteward, sort: query.sort, after, limit: query.limit })
        : { threads: [], nextCursor: null };
      const { space } = access;
      return c.json(
        {
          space: { id: space.id, slug: space.slug, name: space.name, visibility: space.visibility, lang: space.lang, answerPromiseHours: space.answerPromiseHours },
          subject: {
            id: subject?.id ?? null,
            key: query.subject,
            mode: subject?.mode ?? null,
            commentCount: subject ? await publishedCount(db, subject.id) : 0,
          },
          viewer: { id: viewerId, canWrite: access.canWrite, canSteward: access.canSteward },
          ...page,
          lastEventId,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Write a comment, a reply, a question or an answer',
      request: { headers: idempotencyHeader, body: jsonBody(newCommentBody) },
      responses: { 201: json(commentSchema, 'The new comment'), ...errors(400, 401, 403, 404, 409, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const body = c.req.valid('json');
      const access = await spaceAccessFor(c, body.space);
      assertCanWrite(access, person);
      const db = c.var.db;
      // A top-level post decides the mode of a subject that has none yet (a like or a reply does not).
      const mode = body.parentId ? undefined : (body.mode ?? 'discussion');
      const subject = await ensureSubject(db, access.space.id, body.subject, { mode, title: body.title, url: body.url });

      let parent: CommentRow | null = null;
      if (body.parentId) {
        parent = await loadComment(db, body.parentId, { lock: true });
        if (!parent || parent.subjectId !== subject.id || parent.status === 'pending') throw notFound('The comment you reply to');
        if (parent.status !== 'published') throw conflict('parent_gone', 'The comment you reply to has been deleted.');
      }
      const row = await insertComment(db, c.var.deps.bus, c.var.afterCommit, {
        subject,
        spaceId: access.space.id,
        parent,
        authorId: person.id,
        body: body.body,
      });
      return c.json(commentView(row, false, { personId: person.id, canSteward: access.canSteward }), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Edit one’s own comment',
      request: { params: commentParams, headers: idempotencyHeader, body: jsonBody(editCommentBody) },
      responses: { 200: json(commentSchema, 'The edited comment'), ...errors(400, 401, 403, 404, 409, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const { row, access, subjectKey } = await commentInContext(c, c.req.valid('param').id, true);
      if (row.authorId !== person.id) throw forbidden('not_author', 'Only its author can edit a comment.');
      if (row.status !== 'published') throw conflict('comment_gone', 'This comment has been deleted or hidden.');
      const { body } = c.req.valid('json');
      const db = c.var.db;
      await updateCommentBody(db, row.id, body);
      // An edit passes the space's pre-moderation and word list as a new comment does: held, it waits
      // for a steward again (and others' streams are told it is hidden meanwhile).
      const hold = await holdFor(db, { spaceId: row.spaceId, authorId: person.id, text: body });
      if (hold) await holdComment(db, row.id, hold);
      const edited = (await loadComment(db, row.id))!;
      await publish(c, 'comment.updated', edited, subjectKey);
      // An answer held again no longer counts: not accepted, and the clock as the answers still shown say.
      if (hold) await settleQuestionOf(db, c.var.deps.bus, c.var.afterCommit, row.id, subjectKey);
      const liked = await likedBy(db, person.id, [row.id]);
      return c.json(commentView(edited, liked.has(row.id), { personId: person.id, canSteward: access.canSteward }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags,
      summary: 'Delete one’s own comment (a steward hides someone else’s, with a reason: POST /api/moderation/comments/{id}/hide)',
      request: { params: commentParams, headers: idempotencyHeader },
      responses: { 204: { description: 'Deleted (its words and author are gone; replies stay)' }, ...errors(400, 401, 403, 404, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const { row, access, subjectKey } = await commentInContext(c, c.req.valid('param').id, true);
      if (row.authorId !== person.id) {
        // A steward's deletion would leave no trace, no reason and no word to the author: they hide instead.
        if (access.canSteward) {
          throw forbidden('hide_instead', 'Stewards do not delete other people’s comments: hide it with a reason (POST /api/moderation/comments/{id}/hide); its author is told why.');
        }
        throw forbidden('not_author', 'Only its author can delete a comment.');
      }
      if (row.status === 'deleted') return c.body(null, 204);
      const db = c.var.db;
      await markCommentDeleted(db, row.id);
      // A pending comment was never on anyone's stream: withdrawing it is no news.
      if (row.status !== 'pending') await publish(c, 'comment.deleted', row, subjectKey);
      await settleQuestionOf(db, c.var.deps.bus, c.var.afterCommit, row.id, subjectKey);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/report',
      tags,
      summary: 'Report a comment to the space’s stewards',
      request: { params: commentParams, headers: idempotencyHeader, body: jsonBody(reportBody) },
      responses: { 201: json(z.object({ reported: z.literal(true) }), 'Reported (once per person)'), ...errors(400, 401, 403, 404, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const { row } = await commentInContext(c, c.req.valid('param').id);
      const { reason } = c.req.valid('json');
      await reportComment(c.var.db, row.id, person.id, reason);
      return c.json({ reported: true as const }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}/accept',
      tags,
      summary: 'Accept this answer to its question (the asker, or a steward)',
      request: { params: commentParams, headers: idempotencyHeader },
      responses: { 200: json(acceptedSchema, 'The question’s accepted answer'), ...errors(400, 401, 403, 404, 409, 429) },
    }),
    async (c) => setAccepted(c, true),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}/accept',
      tags,
      summary: 'Withdraw the acceptance of this answer',
      request: { params: commentParams, headers: idempotencyHeader },
      responses: { 200: json(acceptedSchema, 'The question’s accepted answer, now none'), ...errors(400, 401, 403, 404, 409, 429) },
    }),
    async (c) => setAccepted(c, false),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}/like',
      tags,
      summary: 'Like a comment (again is a no-op)',
      request: { params: commentParams, headers: idempotencyHeader },
      responses: { 200: json(likeStateSchema, 'The comment’s likes'), ...errors(400, 401, 403, 404, 409, 429) },
    }),
    async (c) => setCommentLike(c, true),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}/like',
      tags,
      summary: 'Take one’s like back (again is a no-op)',
      request: { params: commentParams, headers: idempotencyHeader },
      responses: { 200: json(likeStateSchema, 'The comment’s likes'), ...errors(400, 401, 403, 404, 409, 429) },
    }),
    async (c) => setCommentLike(c, false),
  );

async function setAccepted(c: Context<AppEnv>, accept: boolean) {
  const person = requirePerson(c);
  const id = c.req.param('id')!;
  const { row: answer, access, subjectKey } = await commentInContext(c, id);
  const db = c.var.db;
  const question = answer.parentId ? await loadComment(db, answer.parentId, { lock: true }) : null;
  if (!question || !question.isQuestion) throw conflict('not_an_answer', 'Only a direct answer to a question can be accepted.');
  if (question.authorId !== person.id && !access.canSteward) {
    throw forbidden('not_asker', 'Only the person who asked, or a steward of this space, can accept an answer.');
  }
  if (accept && answer.status !== 'published') throw conflict('comment_gone', 'This answer has been deleted or hidden.');
  // The expert finder credits accepted answers: one's own cannot be one.
  if (accept && answer.authorId !== null && answer.authorId === question.authorId) {
    throw conflict('own_answer', 'The person who asked cannot have their own reply accepted as the answer.');
  }
  const acceptedAnswerId = accept ? answer.id : question.acceptedAnswerId === answer.id ? null : question.acceptedAnswerId;
  if (acceptedAnswerId !== question.acceptedAnswerId) {
    await setAcceptedAnswer(db, question.id, acceptedAnswerId);
    if (acceptedAnswerId) await tellAccepted(db, { bus: c.var.deps.bus, afterCommit: c.var.afterCommit }, question, answer, person.id);
    await c.var.deps.bus.record(db, c.var.afterCommit, {
      spaceId: question.spaceId,
      subjectId: question.subjectId,
      type: 'comment.accepted',
      payload: { subject: subjectKey, questionId: question.id, acceptedAnswerId, comment: { id: question.id } },
    });
  }
  return c.json({ questionId: question.id, acceptedAnswerId }, 200);
}

async function setCommentLike(c: Context<AppEnv>, like: boolean) {
  const person = requirePerson(c);
  const { row, access } = await commentInContext(c, c.req.param('id')!, true);
  assertCanWrite(access, person);
  if (row.status !== 'published') throw conflict('comment_gone', 'This comment has been deleted or hidden.');
  // The comment's row is locked (above), so the count moves one like at a time.
  const count = (await setCommentLiked(c.var.db, row.id, person.id, like)) ?? row.likeCount;
  return c.json({ count, liked: like }, 200);
}
