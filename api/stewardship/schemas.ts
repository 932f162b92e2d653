import { z } from '@hono/zod-openapi';
import { markdownTree } from '../http/openapi.ts';
import { cursor, limit, line, paragraphs, uuid } from '../http/validation.ts';
import { personCardSchema } from '../spaces/schemas.ts';
import { spaceSlugParam } from '../subjects/subjects.ts';
import { MODERATION_ACTIONS } from './actions.ts';

const premoderation = z.enum(['off', 'guests', 'everyone']).openapi({
  description: 'off: published at once; guests: posts by guests (and every anonymous idea) wait for a steward; everyone: every post but the stewards’ own waits',
});
export type Premoderation = z.output<typeof premoderation>;
export const moderationAction = z.enum(MODERATION_ACTIONS);
export type ModerationAction = z.output<typeof moderationAction>;

// ---------------------------------------------------------------------------------------------------
// Requests

export const queueQuery = z.strictObject({ space: spaceSlugParam, limit: limit(200, 50) });

export const logQuery = z.strictObject({ space: spaceSlugParam, cursor: cursor.optional(), limit: limit(100, 30) });

export const settingsQuery = z.strictObject({ space: spaceSlugParam });

/** A listed word or phrase: one line, with at least a letter or a digit. */
const word = line(60).refine((value) => /[\p{L}\p{N}]/u.test(value), 'must contain a letter or a digit');

export const settingsBody = z
  .strictObject({
    space: spaceSlugParam,
    premoderation: premoderation.optional(),
    words: z.array(word).max(500, 'at most 500 words').optional().openapi({
      description: 'The whole list (replaces the former one); matched whole-word, ignoring case and accents',
    }),
    keepPostsOnErasure: z.boolean().optional().openapi({
      description: 'Posts here stay (as a former colleague’s) when their author erases their account, even if they asked for deletion',
    }),
  })
  .refine((body) => Object.keys(body).some((key) => key !== 'space'), 'give at least one setting to change')
  .openapi('SetModerationSettings', { description: 'Any of the settings; `words` replaces the whole list' });
/** What a steward's widget sends to change the settings. */
export type SetModerationSettings = z.input<typeof settingsBody>;

export const actionParams = z.strictObject({
  kind: z.enum(['comments', 'ideas']).openapi({ param: { name: 'kind', in: 'path' } }),
  id: uuid.openapi({ param: { name: 'id', in: 'path' } }),
  action: moderationAction.openapi({ param: { name: 'action', in: 'path' } }),
});

export const actionBody = z
  .strictObject({
    reason: paragraphs(1000).optional().openapi({ description: 'Why; required to hide and to reject (the author reads it)' }),
  })
  .openapi('ModerationActionRequest');

export const ideaReportParams = z.strictObject({ id: uuid.openapi({ param: { name: 'id', in: 'path' } }) });
export const reportBody = z
  .strictObject({ reason: paragraphs(500, 1) })
  .openapi('IdeaReport', { description: 'Why this idea should be looked at by the stewards' });

// ---------------------------------------------------------------------------------------------------
// Answers

const spaceRef = z.object({ slug: z.string(), name: z.string() });

export const settingsSchema = z
  .object({
    space: spaceRef,
    premoderation,
    holdsMyPosts: z.boolean().openapi({ description: 'Whether this person’s new posts here wait for a steward (the composer can say so)' }),
    keepPostsOnErasure: z.boolean(),
    words: z.array(z.string()).nullable().openapi({ description: 'The word list: for stewards only (null for others)' }),
    canSteward: z.boolean(),
    updatedAt: z.string().nullable(),
  })
  .openapi('ModerationSettings');
export type ModerationSettings = z.output<typeof settingsSchema>;

export const queueItemSchema = z
  .object({
    kind: z.enum(['comment', 'idea']),
    id: z.uuid(),
    state: z
      .enum(['pending', 'reported'])
      .openapi({ description: 'pending: waits for approve or reject; reported: published (or hidden) with open reports' }),
    status: z.enum(['published', 'pending', 'hidden']),
    since: z.string().openapi({ description: 'What the queue is ordered by: the oldest open report, or when a pending post was written' }),
    heldFor: z.enum(['premoderation', 'word']).nullable(),
    word: z.string().nullable(),
    reports: z.object({
      count: z.number().int(),
      reasons: z.array(z.object({ reason: z.string(), at: z.string() })).openapi({ description: 'Oldest first, at most 20; reporters are not named' }),
    }),
    author: personCardSchema.nullable().openapi({ description: 'null for an anonymous idea (unless the policy let stewards see it) or an erased account' }),
    anonymous: z.boolean(),
    createdAt: z.string(),
    createdAtPrecision: z.enum(['exact', 'day']),
    title: z.string().nullable().openapi({ description: 'An idea’s title (null for a comment)' }),
    body: z.string(),
    tree: markdownTree,
    subject: z
      .object({ key: z.string(), title: z.string().nullable(), url: z.string().nullable() })
      .openapi({ description: 'Where it was written: a page (comments) or the idea’s discussion subject' }),
    parentId: z.uuid().nullable(),
    isQuestion: z.boolean(),
  })
  .openapi('ModerationQueueItem');
export type ModerationQueueItem = z.output<typeof queueItemSchema>;

export const queueSchema = z
  .object({
    space: spaceRef,
    counts: z.object({ pending: z.number().int(), reported: z.number().int(), total: z.number().int() }),
    items: z.array(queueItemSchema),
  })
  .openapi('ModerationQueue', { description: 'Pending and reported posts, oldest first' });
export type ModerationQueue = z.output<typeof queueSchema>;

export const actionResultSchema = z
  .object({
    kind: z.enum(['comment', 'idea']),
    id: z.uuid(),
    action: moderationAction,
    state: z.enum(['published', 'pending', 'hidden']),
    resolvedReports: z.number().int(),
  })
  .openapi('ModerationActionResult');
export type ModerationActionResult = z.output<typeof actionResultSchema>;

export const logEntrySchema = z
  .object({
    id: z.string(),
    action: z.enum([...MODERATION_ACTIONS, 'settings', 'edit']).openapi({ description: 'edit: a steward changed the words of someone else’s idea' }),
    target: z.object({ kind: z.enum(['comment', 'idea']), id: z.uuid() }).nullable(),
    reason: z.string().nullable(),
    details: z.unknown().nullable().openapi({
      description: 'For settings and edits: what changed, e.g. { premoderation: { from, to }, words: { added, removed } } or { fields }',
    }),
    by: personCardSchema.nullable().openapi({ description: 'null when the steward has since erased their account' }),
    at: z.string(),
  })
  .openapi('ModerationLogEntry');

export const logSchema = z
  .object({ space: spaceRef, entries: z.array(logEntrySchema), nextCursor: z.string().nullable() })
  .openapi('ModerationLog', { description: 'Newest first' });
export type ModerationLog = z.output<typeof logSchema>;

