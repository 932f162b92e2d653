import { z } from '@hono/zod-openapi';
import { markdownTree } from '../http/openapi.ts';
import { cursor, limit, line, paragraphs, uuid } from '../http/validation.ts';
import { moderationStateSchema } from '../moderation/schemas.ts';
import { personCardSchema, spaceSummarySchema, viewerSchema } from '../spaces/schemas.ts';
import { spaceSlugParam, subjectParam } from '../subjects/subjects.ts';

export const commentStatus = z.enum(['published', 'deleted', 'hidden', 'pending']);
export type CommentStatus = z.output<typeof commentStatus>;

export const commentSchema = z
  .object({
    id: z.uuid(),
    subjectId: z.uuid(),
    parentId: z.uuid().nullable().openapi({ description: 'null for a top-level comment (in Q&A mode: a question)' }),
    author: personCardSchema.nullable().openapi({ description: 'null when the comment was deleted or its author erased their account' }),
    body: z.string().openapi({ description: 'The text as written (markdown subset); empty when deleted. Show it only through `tree`' }),
    tree: markdownTree.openapi({ description: 'The text parsed on the server: render it as a tree (widgets/shared/markdown.ts), never as HTML' }),
    status: commentStatus,
    createdAt: z.string(),
    editedAt: z.string().nullable(),
    likeCount: z.number().int(),
    likedByMe: z.boolean(),
    version: z.number().int().openapi({ description: 'Moves with every change to the comment: of two states of one comment, the higher is the newer' }),
    isQuestion: z.boolean().openapi({ description: 'Q&A: this top-level comment is a question' }),
    acceptedAnswerId: z.uuid().nullable().openapi({ description: 'Q&A, on a question: the accepted answer’s id' }),
    answeredAt: z.string().nullable().openapi({ description: 'Q&A, on a question: when someone other than the asker first answered' }),
    moderation: moderationStateSchema.optional(),
  })
  .openapi('Comment');
export type Comment = z.output<typeof commentSchema>;

export const threadSchema = commentSchema
  .extend({ replies: z.array(commentSchema).openapi({ description: 'Oldest first, any depth, each with its parentId' }) })
  .openapi('Thread', { description: 'A top-level comment with its replies' });
export type Thread = z.output<typeof threadSchema>;

export const subjectSchema = z.object({
  id: z.uuid().nullable().openapi({ description: 'null when nobody has written on this subject yet' }),
  key: z.string(),
  mode: z.enum(['discussion', 'qa']).nullable().openapi({ description: 'Decided by the first top-level comment; null until then' }),
  commentCount: z.number().int().openapi({ description: 'Published comments, replies included' }),
});
export type Subject = z.output<typeof subjectSchema>;

export const commentPageSchema = z
  .object({
    space: spaceSummarySchema,
    subject: subjectSchema,
    viewer: viewerSchema,
    threads: z.array(threadSchema),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page of top-level comments; null at the end' }),
    lastEventId: z.string().openapi({
      description:
        'The newest live event of the space when the page was read ("0": none yet): send it as Last-Event-ID when opening /api/events, so nothing written in between is missed',
    }),
  })
  .openapi('CommentPage');
export type CommentPage = z.output<typeof commentPageSchema>;

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
    mode: z.enum(['discussion', 'qa']).optional().openapi({
      description:
        'On a top-level comment: decides the subject’s mode while it has no top-level comment yet (default discussion); qa makes top-level comments questions. Ignored on replies',
    }),
    // Pages without a title send an empty one: the same as none.
    title: z.preprocess((value: string | undefined) => (value === '' ? undefined : value), line(300).optional()).openapi({
      description: 'The page’s title, for listings and notifications',
    }),
    url: z.url({ protocol: /^https?$/ }).max(2000).optional().openapi({ description: 'The page’s address, for listings and notifications' }),
  })
  .openapi('NewComment');
/** What a widget sends to write a comment (before the server's defaults and clean-ups). */
export type NewComment = z.input<typeof newCommentBody>;

export const editCommentBody = z.strictObject({ body: commentBody }).openapi('EditComment');
export const reportBody = z
  .strictObject({ reason: paragraphs(500, 1) })
  .openapi('Report', { description: 'Why this comment should be looked at by the stewards' });
export const commentParams = z.strictObject({ id: uuid.openapi({ param: { name: 'id', in: 'path' } }) });
export const likeStateSchema = z.object({ count: z.number().int(), liked: z.boolean() }).openapi('LikeState');
export type LikeState = z.output<typeof likeStateSchema>;
export const acceptedSchema = z.object({ questionId: z.uuid(), acceptedAnswerId: z.uuid().nullable() }).openapi('Accepted');

/**
 * Live events, as Server-Sent Events from GET /api/events?space=&s=key… (api/events/routes.ts; the
 * stream's document says text/event-stream, so these are not in the OpenAPI document). Each has an
 * `id:` (send it back as Last-Event-ID after a reconnect) and its JSON `data:`. Events may arrive twice,
 * and out of order, after a reconnect: apply them idempotently (by comment id), keeping the higher
 * `version` of a comment. A comment is as it is when the event is sent, as everyone may read it
 * (hidden or deleted since: a placeholder). `comment.accepted` carries the question. `reset` (SSE
 * `event: reset`, one per subject) says what was missed cannot be replayed: read the subject again.
 */
export const liveEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['comment.created', 'comment.updated', 'comment.deleted']), subject: z.string(), comment: commentSchema }),
  z.object({
    type: z.literal('comment.accepted'),
    subject: z.string(),
    questionId: z.uuid(),
    acceptedAnswerId: z.uuid().nullable(),
    comment: commentSchema,
  }),
  z.object({ type: z.literal('reset'), subject: z.string() }),
]);
export type LiveEvent = z.output<typeof liveEventSchema>;
