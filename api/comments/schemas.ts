import { z } from '@hono/zod-openapi';
import { cursor, limit, line, paragraphs, uuid } from '../http/validation.ts';
import { personCardSchema } from '../spaces/schemas.ts';
import { moderationStateSchema } from '../stewardship/state.ts';
import { spaceSlugParam, subjectParam } from '../subjects/subjects.ts';

// The markdown tree (shared/markdown/tree.ts), described loosely: its shape is the parser's contract.
const markdownTree = z.array(z.unknown()).openapi({ description: 'The text parsed into the safe markdown tree (shared/markdown/tree.ts)' });

export const commentSchema = z
  .object({
    id: z.uuid(),
    subjectId: z.uuid(),
    parentId: z.uuid().nullable(),
    author: personCardSchema.nullable(),
    body: z.string(),
    tree: markdownTree,
    status: z.enum(['published', 'deleted', 'hidden', 'pending']),
    createdAt: z.string(),
    editedAt: z.string().nullable(),
    likeCount: z.number().int(),
    likedByMe: z.boolean(),
    version: z.number().int().openapi({ description: 'Moves with every change to the comment: of two states of one comment, the higher is the newer' }),
    isQuestion: z.boolean(),
    acceptedAnswerId: z.uuid().nullable(),
    answeredAt: z.string().nullable(),
    moderation: moderationStateSchema.optional(),
  })
  .openapi('Comment');

export const threadSchema = commentSchema.extend({ replies: z.array(commentSchema) }).openapi('Thread');

export const commentPageSchema = z
  .object({
    space: z.object({
      id: z.uuid(),
      slug: z.string(),
      name: z.string(),
      visibility: z.enum(['open', 'closed', 'secret']),
      lang: z.enum(['fr', 'en']),
      answerPromiseHours: z.number().int().nullable(),
    }),
    subject: z.object({
      id: z.uuid().nullable(),
      key: z.string(),
      mode: z.enum(['discussion', 'qa']).nullable().openapi({ description: 'Decided by the first top-level comment; null until then' }),
      commentCount: z.number().int(),
    }),
    viewer: z.object({ id: z.uuid().nullable(), canWrite: z.boolean(), canSteward: z.boolean() }),
    threads: z.array(threadSchema),
    nextCursor: z.string().nullable(),
    lastEventId: z.string().openapi({
      description:
        'The newest live event of the space when the page was read ("0": none yet): send it as Last-Event-ID when opening /api/events, so nothing written in between is missed',
    }),
  })
  .openapi('CommentPage');

export const listCommentsQuery = z.strictObject({
  space: spaceSlugParam,
  subject: subjectParam,
  sort: z.enum(['newest', 'oldest']).default('newest'),
  cursor: cursor.optional(),
  limit: limit(100, 20),
});

export const commentBody = paragraphs(10_000, 1);

export const newCommentBody = z
  .strictObject({
    space: spaceSlugParam,
    subject: subjectParam,
    parentId: uuid.optional(),
    body: commentBody,
    mode: z.enum(['discussion', 'qa']).optional(),
    // Pages without a title send an empty one: the same as none.
    title: z.preprocess((value) => (value === '' ? undefined : value), line(300).optional()),
    url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  })
  .openapi('NewComment');

export const editCommentBody = z.strictObject({ body: commentBody }).openapi('EditComment');
export const reportBody = z
  .strictObject({ reason: paragraphs(500, 1) })
  .openapi('Report', { description: 'Why this comment should be looked at by the stewards' });
export const commentParams = z.strictObject({ id: uuid.openapi({ param: { name: 'id', in: 'path' } }) });
export const likeStateSchema = z.object({ count: z.number().int(), liked: z.boolean() }).openapi('LikeState');
export const acceptedSchema = z.object({ questionId: z.uuid(), acceptedAnswerId: z.uuid().nullable() }).openapi('Accepted');
