import { z } from '@hono/zod-openapi';
import { uuidKeyCursor } from '../http/cursor.ts';
import { cursor, limit, uuid } from '../http/validation.ts';
import { personCardSchema } from '../spaces/schemas.ts';
import { spaceSlugParam } from '../subjects/subjects.ts';

/** What happened, for whom: each kind is told to the people it concerns, never to who did it. */
export const NOTIFICATION_KINDS = [
  // a steward's move on one's own post (the steward is never named)
  'post_hidden',
  'post_restored',
  'post_approved',
  'post_rejected',
  'post_edited',
  // conversations
  'reply',
  'answer',
  'answer_accepted',
  'mention',
  'new_thread',
  // the experts' questions and their answer-time promise
  'question_routed',
  'question_reminder',
  'question_overdue',
  // ideas one proposed, voted for or follows
  'idea_status',
  'idea_merged',
  // one's profile
  'endorsement',
] as const;
export const notificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.output<typeof notificationKind>;

export const notificationsQuery = z
  .strictObject({
    cursor: cursor.optional(),
    limit: limit(100, 20),
    unread: z.enum(['true', 'false']).optional(),
  })
  .transform((query) => ({ limit: query.limit, after: uuidKeyCursor.decode(query.cursor)?.last ?? null, unreadOnly: query.unread === 'true' }));

export const markReadBody = z
  .strictObject({ ids: z.array(uuid).min(1).max(100).optional().openapi({ description: 'These; all when omitted' }) })
  .openapi('MarkMyNotificationsRead');

const spaceRef = z.object({ slug: z.string(), name: z.string() });

export const notificationSchema = z
  .object({
    id: z.uuid(),
    kind: notificationKind,
    count: z.number().int().min(1).openapi({ description: 'Events on the same thing while unread, told as one ("3 new replies")' }),
    reason: z.string().nullable().openapi({ description: 'The steward’s reason (hidden, refused), or the idea’s status reason' }),
    createdAt: z.string(),
    updatedAt: z.string().openapi({ description: 'When the latest of its events came' }),
    readAt: z.string().nullable(),
    space: spaceRef.nullable().openapi({ description: 'null for a notice about my profile' }),
    actor: personCardSchema.nullable().openapi({ description: 'Who acted last; null for a steward’s move and for an anonymous idea' }),
    detail: z
      .object({
        status: z.string().optional().openapi({ description: 'idea_status: the idea’s new status' }),
        mergedInto: z.object({ id: z.uuid(), title: z.string() }).optional().openapi({ description: 'idea_merged: where its votes went' }),
        rank: z.number().int().optional().openapi({ description: 'question_routed: this expert’s rank for the question' }),
        dueAt: z.string().optional().openapi({ description: 'question_reminder, question_overdue: when the promise falls due' }),
      })
      .openapi({ description: 'What the kind adds' }),
    target: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('comment'),
        id: z.uuid(),
        threadId: z.uuid().openapi({ description: 'Its top-level comment (the question, for an answer)' }),
        excerpt: z.string(),
        subject: z.object({ key: z.string(), title: z.string().nullable(), url: z.string().nullable() }),
      }),
      z.object({ kind: z.literal('idea'), id: z.uuid(), title: z.string(), subjectKey: z.string() }),
      z.object({ kind: z.literal('skill'), id: z.uuid(), label: z.string() }),
    ]),
    link: z.string().nullable().openapi({ description: 'The very place (the page and the comment), when Ruche knows the page' }),
  })
  .openapi('RucheNotification', { description: 'Something that concerns me, grouped while unread' });
export type RucheNotification = z.output<typeof notificationSchema>;

export const notificationPageSchema = z
  .object({ items: z.array(notificationSchema), unreadCount: z.number().int(), nextCursor: z.string().nullable() })
  .openapi('RucheNotifications');
export type RucheNotifications = z.output<typeof notificationPageSchema>;

export const unreadCountSchema = z.object({ unreadCount: z.number().int() }).openapi('UnreadNotifications');

// ---------------------------------------------------------------------------------------------------
// Follows

export const followTarget = z.enum(['thread', 'idea', 'space']);
export type FollowTarget = z.output<typeof followTarget>;

const followFields = {
  target: followTarget.openapi({ description: 'thread: a top-level comment or question (or any of its replies); idea; space' }),
  id: uuid.optional().openapi({ description: 'The thread’s or the idea’s id' }),
  space: spaceSlugParam.openapi({ description: 'The space’s slug (target space; the default space when omitted)' }),
};
/** A space is named by its slug, a thread or an idea by its id: never both. */
const namedOnce = (ref: { target: FollowTarget; id?: string | undefined; space?: string | undefined }) =>
  ref.target === 'space' ? ref.id === undefined : ref.id !== undefined && ref.space === undefined;
const namedOnceMessage = { message: 'a space is given by its slug (space), a thread or an idea by its id (id), not both' };

export const followQuery = z.strictObject(followFields).refine(namedOnce, namedOnceMessage);

export const followBody = z
  .strictObject({ ...followFields, state: z.enum(['following', 'muted', 'none']).openapi({ description: 'muted: a thread only; none: unfollow' }) })
  .refine(namedOnce, namedOnceMessage)
  .refine((body) => body.state !== 'muted' || body.target === 'thread', { message: 'only a thread can be muted' })
  .openapi('Follow');

export const followStateSchema = z
  .object({ target: followTarget, state: z.enum(['following', 'muted', 'none']) })
  .openapi('FollowState');
export type FollowState = z.output<typeof followStateSchema>;
