import { z } from '@hono/zod-openapi';
import { markdownTree } from '../http/openapi.ts';
import { cursor, limit, line, paragraphs, slug, slugLike, uuid } from '../http/validation.ts';
import { moderationStateSchema } from '../moderation/schemas.ts';
import { personCardSchema, spaceSummarySchema, viewerSchema } from '../spaces/schemas.ts';
import { spaceSlugParam } from '../subjects/subjects.ts';

export const IDEA_STATUSES = ['new', 'under_review', 'planned', 'in_progress', 'done', 'declined', 'merged'] as const;
const ideaStatuses = z.enum(IDEA_STATUSES);
export const ideaStatus = ideaStatuses.openapi({
  description: 'new → under_review → planned → in_progress → done, or declined (with a reason); merged is set by a merge only',
});
export type IdeaStatus = z.output<typeof ideaStatus>;
export const ideaSort = z.enum(['trending', 'top', 'newest']);
export type IdeaSort = z.output<typeof ideaSort>;
/** What stewards may set with POST /{id}/status: every status but merged, which only a merge sets. */
export const decidedStatus = ideaStatuses.exclude(['merged']);

/** A campaign named by its slug (as in `<ruche-idea-box campaign="…">`) or its id. */
export const campaignRef = slugLike('must be a campaign slug or id')
  .openapi({ description: 'A campaign’s slug or id', example: 'refonte-distribution' });

const campaignSlug = slug
  .refine((value) => value !== 'all', '"all" is reserved')
  .refine((value) => !uuid.safeParse(value).success, 'must not look like an id');

/** A tag: one short line, lower-cased, letters and digits with spaces, hyphens, underscores or apostrophes. */
export const tag = line(32)
  .transform((value) => value.toLocaleLowerCase('fr').replace(/\s+/g, ' '))
  .pipe(z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N} _'’-]*$/u, 'must be letters and digits (with spaces, hyphens or apostrophes)'));

const tags = z
  .array(tag)
  .max(5, 'at most 5 tags')
  .transform((values) => [...new Set(values)]);

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date and time with its offset' }).transform((value) => new Date(value));

/** `?x=a&x=b`, or a single `?x=a`. */
const repeated = <T extends z.ZodType>(item: T, max: number) =>
  z.union([item, z.array(item).min(1).max(max)]).transform((value) => (Array.isArray(value) ? value : [value]) as z.output<T>[]);

// ---------------------------------------------------------------------------------------------------
// Answers

export const ideaRefSchema = z
  .object({ id: z.uuid(), title: z.string(), status: ideaStatus })
  .openapi('IdeaRef', { description: 'The few words listings and notifications show about another idea (an original, a duplicate)' });
export type IdeaRef = z.output<typeof ideaRefSchema>;

export const ideaSchema = z
  .object({
    id: z.uuid(),
    spaceId: z.uuid(),
    campaignId: z.uuid().nullable().openapi({ description: 'null: the space’s always-open box' }),
    subjectKey: z.string().openapi({ description: 'Subject of the idea’s discussion: `<ruche-comments subject="…">` in the same space' }),
    title: z.string(),
    description: z.string().openapi({ description: 'As written (markdown subset); render `tree`, never this as HTML' }),
    tree: markdownTree,
    tags: z.array(z.string()),
    status: ideaStatus,
    statusReason: z.string().nullable().openapi({ description: 'The stewards’ latest word on the status (always there for declined)' }),
    statusReasonTree: markdownTree.nullable(),
    statusChangedAt: z.string().nullable(),
    mergedInto: ideaRefSchema.nullable().openapi({ description: 'For a merged duplicate: the original, where votes and discussion continue' }),
    author: personCardSchema.nullable().openapi({
      description:
        'null when the idea is anonymous to this viewer: only its author and, if the space’s policy said so when it was submitted, the stewards see who wrote an anonymous idea',
    }),
    anonymous: z.boolean(),
    mine: z.boolean().openapi({ description: 'The viewer wrote it (also when anonymous)' }),
    createdAt: z.string().openapi({ description: 'For anonymous ideas seen by others, the day (UTC midnight) rather than the moment' }),
    createdAtPrecision: z.enum(['exact', 'day']).openapi({ description: 'day: an anonymous idea seen by others (UTC midnight)' }),
    editedAt: z.string().nullable(),
    voteCount: z.number().int(),
    votedByMe: z.boolean(),
    commentCount: z.number().int().openapi({ description: 'Published comments on `subjectKey`' }),
    canEdit: z.boolean().openapi({ description: 'The viewer may change title, description and tags (author while new and open; stewards)' }),
    moderation: moderationStateSchema.optional(),
  })
  .openapi('Idea');
export type Idea = z.output<typeof ideaSchema>;

export const statusChangeSchema = z
  .object({
    id: z.string(),
    from: ideaStatus,
    to: ideaStatus,
    reason: z.string().nullable(),
    reasonTree: markdownTree.nullable(),
    mergedInto: ideaRefSchema.nullable(),
    by: personCardSchema.nullable().openapi({ description: 'The steward who decided' }),
    at: z.string(),
  })
  .openapi('IdeaStatusChange');
export type IdeaStatusChange = z.output<typeof statusChangeSchema>;

export const ideaDetailSchema = ideaSchema
  .extend({
    history: z.array(statusChangeSchema),
    mergedFrom: z.array(ideaRefSchema),
    openReports: z.number().int().optional().openapi({ description: 'Stewards only: reports on the idea not dealt with yet' }),
  })
  .openapi('IdeaDetail', { description: 'The idea with its history (oldest first) and the duplicates merged into it' });
export type IdeaDetail = z.output<typeof ideaDetailSchema>;

export const policySchema = z
  .object({
    stewardsSeeAuthors: z.boolean().openapi({ description: 'Stewards see who wrote the anonymous ideas submitted under this policy' }),
    note: z.string().openapi({ description: 'The stewards’ own words about the policy (empty when none)' }),
    version: z.number().int().openapi({ description: 'Send back as policyVersion with an anonymous idea: a policy changed meanwhile is a 409' }),
  })
  .openapi('IdeaPolicy', { description: 'A space’s anonymity policy, shown to authors before they submit an anonymous idea' });
export type IdeaPolicy = z.output<typeof policySchema>;

export const campaignSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    question: z.string(),
    description: z.string(),
    tree: markdownTree,
    closesAt: z.string().nullable().openapi({ description: 'After this, submissions, votes and edits are refused (409 campaign_closed); null: no deadline' }),
    open: z.boolean(),
    ideaCount: z.number().int().openapi({ description: 'Ideas in the campaign, merged duplicates excepted' }),
    createdAt: z.string(),
  })
  .openapi('IdeaCampaign');
export type IdeaCampaign = z.output<typeof campaignSchema>;

export const ideaViewerSchema = viewerSchema.extend({
  canSubmit: z.boolean().openapi({ description: 'May submit here now (writes in the space, campaign open)' }),
  canVote: z.boolean().openapi({ description: 'May vote here now (writes in the space, campaign open)' }),
});
export type IdeaViewer = z.output<typeof ideaViewerSchema>;

export const ideaPageSchema = z
  .object({
    space: spaceSummarySchema,
    campaign: campaignSchema.nullable().openapi({ description: 'null for the always-open box (and for campaign=all)' }),
    viewer: ideaViewerSchema,
    policy: policySchema,
    ideas: z.array(ideaSchema),
    total: z.number().int().openapi({ description: 'Ideas matching the filters (all pages)' }),
    statusCounts: z
      .partialRecord(ideaStatus, z.number().int())
      .openapi({ description: 'Ideas per status in this box, whatever the status filter (for filter tabs)' }),
    nextCursor: z.string().nullable(),
  })
  .openapi('IdeaPage');
export type IdeaPage = z.output<typeof ideaPageSchema>;

export const similarSchema = z
  .object({
    ideas: z.array(
      ideaRefSchema.extend({ campaignId: z.uuid().nullable(), subjectKey: z.string(), voteCount: z.number().int(), votedByMe: z.boolean() }),
    ),
  })
  .openapi('SimilarIdeas');
export type SimilarIdeas = z.output<typeof similarSchema>;

export const voteStateSchema = z.object({ voteCount: z.number().int(), votedByMe: z.boolean() }).openapi('IdeaVoteState');
export type IdeaVoteState = z.output<typeof voteStateSchema>;

export const tagsSchema = z.object({ tags: z.array(z.object({ tag: z.string(), count: z.number().int() })) }).openapi('IdeaTags');

export const newsItemSchema = z.object({
  id: z.string(),
  idea: ideaRefSchema.extend({ spaceSlug: z.string(), campaignId: z.uuid().nullable(), subjectKey: z.string() }),
  reason: z
    .enum(['author', 'voter', 'merged'])
    .openapi({ description: 'Why it is news for this person: they wrote it, voted for it, or wrote a duplicate merged into it' }),
  change: statusChangeSchema,
  unread: z.boolean().openapi({ description: 'Later than what the person last marked as seen (PUT /api/ideas/news/seen)' }),
});
export type IdeaNewsItem = z.output<typeof newsItemSchema>;

export const newsSchema = z
  .object({
    items: z.array(newsItemSchema),
    unreadCount: z.number().int(),
    seenAt: z.string().nullable(),
    nextCursor: z.string().nullable(),
  })
  .openapi('IdeaNews');
export type IdeaNews = z.output<typeof newsSchema>;

export const webhookSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    secretHint: z.string().openapi({ description: 'The last four characters of the secret, to recognise it' }),
    active: z.boolean(),
    createdAt: z.string(),
    lastDelivery: z.object({ status: z.enum(['pending', 'delivered', 'failed']), at: z.string() }).nullable(),
  })
  .openapi('IdeaWebhook');
export type IdeaWebhook = z.output<typeof webhookSchema>;

const nameOnly = z.object({ name: z.string() });

/**
 * POSTed to a webhook on each status change (merges included), with headers `X-Ruche-Event`,
 * `X-Ruche-Delivery`, `X-Ruche-Timestamp` and `X-Ruche-Signature: sha256=<hex>`, the HMAC-SHA256
 * with the webhook's secret of `<timestamp>.<body>`. Sent, not answered: no route describes it.
 */
export const webhookPayloadSchema = z.object({
  event: z.literal('idea.status'),
  space: z.object({ slug: z.string(), name: z.string() }),
  idea: ideaRefSchema.extend({
    campaign: z.object({ slug: z.string(), title: z.string() }).nullable(),
    voteCount: z.number().int(),
    subjectKey: z.string(),
    author: nameOnly.nullable(),
  }),
  change: z.object({
    from: ideaStatus,
    to: ideaStatus,
    reason: z.string().nullable(),
    mergedInto: ideaRefSchema.nullable(),
    by: nameOnly.nullable(),
    at: z.string(),
  }),
});
export type IdeaWebhookPayload = z.output<typeof webhookPayloadSchema>;

/** Live event on an idea's subject key (`ruche:idea:<id>`): its status changed (see liveEventSchema in ../comments/schemas.ts). */
export const ideaLiveEventSchema = z.object({
  type: z.literal('idea.status'),
  subject: z.string(),
  ideaId: z.uuid(),
  status: ideaStatus,
  statusReason: z.string().nullable(),
  statusReasonTree: markdownTree.nullable(),
  mergedInto: ideaRefSchema.nullable(),
  voteCount: z.number().int(),
  change: statusChangeSchema,
});
export type IdeaLiveEvent = z.output<typeof ideaLiveEventSchema>;

export const deliverySchema = z
  .object({
    id: z.string(),
    event: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    lastAttemptAt: z.string().nullable(),
    payload: z.unknown(),
  })
  .openapi('IdeaWebhookDelivery');

// ---------------------------------------------------------------------------------------------------
// Requests

export const ideaParams = z.strictObject({ id: uuid.openapi({ param: { name: 'id', in: 'path' } }) });

export const listIdeasQuery = z.strictObject({
  space: spaceSlugParam,
  campaign: z
    .union([z.literal('all'), campaignRef])
    .optional()
    .openapi({ description: 'A campaign (slug or id); omitted: the always-open box; all: every idea of the space' }),
  sort: ideaSort.default('trending'),
  status: repeated(ideaStatus, 7)
    .optional()
    .openapi({ description: 'Only these statuses (?status=a&status=b); by default all but merged' }),
  tag: tag.optional(),
  q: line(200).optional().openapi({ description: 'Words to search for (accents and word forms ignored)' }),
  mine: z.enum(['true', 'false']).optional().openapi({ description: 'true: only the ideas this person wrote' }),
  cursor: cursor.optional(),
  limit: limit(50, 20),
});

export const similarQuery = z.strictObject({
  space: spaceSlugParam,
  q: line(200, 2).openapi({ description: 'The title being typed' }),
  limit: limit(10, 5),
});

export const tagsQuery = z.strictObject({
  space: spaceSlugParam,
  campaign: z.union([z.literal('all'), campaignRef]).optional(),
});

export const newIdeaBody = z
  .strictObject({
    space: spaceSlugParam,
    campaign: campaignRef.optional().openapi({ description: 'A campaign’s slug or id; omitted: the always-open box' }),
    title: line(140),
    description: paragraphs(10_000, 1),
    tags: tags.optional(),
    anonymous: z.boolean().optional(),
    policyVersion: z.number().int().min(1).optional().openapi({ description: 'Required with anonymous: true — the version of the policy shown' }),
  })
  .superRefine((body, ctx) => {
    if (body.anonymous && body.policyVersion === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['policyVersion'],
        message: 'is required with anonymous: true (the version of the anonymity policy shown to the author)',
      });
    }
  })
  .openapi('NewIdea');
/** What a widget sends to submit an idea. */
export type NewIdea = z.input<typeof newIdeaBody>;

export const editIdeaBody = z
  .strictObject({
    title: line(140).optional(),
    description: paragraphs(10_000, 1).optional(),
    tags: tags.optional(),
    anonymous: z.literal(false).optional().openapi({ description: 'false: the author signs an idea submitted anonymously' }),
  })
  .refine((body) => Object.keys(body).length > 0, 'give at least one field to change')
  .openapi('EditIdea');

const reason = paragraphs(2000);

export const setStatusBody = z
  .strictObject({ status: decidedStatus, reason: reason.optional() })
  .superRefine((body, ctx) => {
    if (body.status === 'declined' && !body.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required to decline an idea: say why, everyone will read it' });
    }
  })
  .openapi('SetIdeaStatus');

export const mergeBody = z
  .strictObject({ into: uuid.openapi({ description: 'The original idea' }), reason: reason.optional() })
  .openapi('MergeIdea');

export const campaignParams = z.strictObject({ id: uuid.openapi({ param: { name: 'id', in: 'path' } }) });

export const newCampaignBody = z
  .strictObject({
    space: spaceSlugParam,
    slug: campaignSlug,
    title: line(120),
    question: line(300),
    description: paragraphs(10_000).optional(),
    closesAt: instant.nullable().optional().openapi({ description: 'Submissions, votes and edits close then; null: no deadline' }),
  })
  .openapi('NewIdeaCampaign');

export const editCampaignBody = z
  .strictObject({
    title: line(120).optional(),
    question: line(300).optional(),
    description: paragraphs(10_000).optional(),
    closesAt: instant.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'give at least one field to change')
  .openapi('EditIdeaCampaign');

export const spaceQuery = z.strictObject({ space: spaceSlugParam });

export const policyBody = z
  .strictObject({ stewardsSeeAuthors: z.boolean(), note: paragraphs(1000).optional() })
  .openapi('SetIdeaPolicy');

export const newsQuery = z.strictObject({
  space: spaceSlugParam.openapi({ description: 'Only this space; omitted: every space the person can read' }),
  cursor: cursor.optional(),
  limit: limit(50, 20),
});

export const newsSeenBody = z
  .strictObject({
    until: instant.optional().openapi({ description: 'Mark as seen up to this moment (default: now)' }),
    space: spaceSlugParam.openapi({ description: 'Only the news of this space (a widget showing one space’s news); omitted: all' }),
  })
  .openapi('IdeaNewsSeen');

export const newWebhookBody = z
  .strictObject({
    space: spaceSlugParam,
    url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000),
    secret: z
      .string()
      .min(16, 'must be at least 16 characters')
      .max(200)
      .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
      .optional()
      .openapi({ description: 'Signs each delivery (HMAC-SHA256); generated and returned once when omitted' }),
  })
  .openapi('NewIdeaWebhook');

export const webhookParams = z.strictObject({ id: uuid.openapi({ param: { name: 'id', in: 'path' } }) });
