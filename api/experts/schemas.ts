import { z } from '@hono/zod-openapi';
import { commentBody, commentSchema } from '../comments/schemas.ts';
import { limit, line, uuid } from '../http/validation.ts';
import { personCardSchema } from '../spaces/schemas.ts';
import { spaceSlugParam, subjectParam } from '../subjects/subjects.ts';
import { skillKey, skillLabel } from './skills-store.ts';

export const skillRef = z
  .object({
    key: z.string().openapi({ description: 'Normalised: lower case, no accents, punctuation collapsed ("tva intracommunautaire")' }),
    label: z.string().openapi({ description: 'As shown ("TVA intracommunautaire")' }),
  })
  .openapi('SkillRef');
export type SkillRef = z.output<typeof skillRef>;

/** Something to search for: one line with at least a letter or a digit. */
const topic = line(200).refine((value) => skillKey(value).length > 0, 'must contain a letter or a digit');

export const profileSchema = z
  .object({
    person: personCardSchema,
    roles: z
      .array(z.object({ space: z.object({ slug: z.string(), name: z.string() }), role: z.enum(['steward', 'member']) }))
      .openapi({ description: 'Roles in the spaces the viewer may read, stewards first: show them above the job title' }),
    contact: z
      .object({ email: z.string().nullable(), chatUrl: z.string().nullable() })
      .openapi({ description: 'Render chatUrl as a link only through the widgets’ safe link helper (https:, msteams:, sip:, …)' }),
    skills: z.array(skillRef.extend({ endorsementCount: z.number().int(), endorsedByMe: z.boolean() })),
    askMeAbout: z.array(skillRef),
    canMentor: z.array(skillRef),
    wantToLearn: z.array(skillRef),
    isMe: z.boolean(),
    settings: z
      .object({ hideInferred: z.boolean(), hideFromGuests: z.boolean() })
      .nullable()
      .openapi({ description: 'Only on one’s own profile' }),
  })
  .openapi('ExpertProfile');
export type ExpertProfile = z.output<typeof profileSchema>;

/** How a person declared a skill: they have it, one may ask them about it, they can mentor it. */
export const intent = z.enum(['skill', 'ask_me', 'mentor']);
export type SkillIntent = z.output<typeof intent>;
export const reasonSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.enum(['accepted_answers', 'answers', 'comments']), count: z.number().int(), topic: z.string() }),
    z.object({ kind: z.literal('ideas'), count: z.number().int(), votes: z.number().int(), topic: z.string() }),
    z.object({ kind: z.literal('likes'), count: z.number().int() }),
    z.object({ kind: z.literal('declared'), skill: z.string(), intents: z.array(intent) }),
    z.object({ kind: z.literal('endorsed'), skill: z.string(), count: z.number().int() }),
  ])
  .openapi('ExpertReason', {
    description:
      'Why someone is ranked: structured, for the widget to phrase in its language ("3 accepted answers on …", "endorsed by 4"); `topic` is the query as typed, `skill` a vocabulary label',
  });
export type ExpertReason = z.output<typeof reasonSchema>;

export const evidenceKind = z.enum(['accepted_answer', 'answer', 'idea', 'comment']);
export type EvidenceKind = z.output<typeof evidenceKind>;

export const evidenceSchema = z
  .object({
    source: z.enum(['comment', 'idea']),
    id: z.uuid(),
    kind: evidenceKind,
    excerpt: z.string(),
    inReplyTo: z.string().nullable().openapi({ description: 'For an answer: the first words of the question' }),
    createdAt: z.string(),
    subject: z
      .object({ key: z.string(), title: z.string().nullable(), url: z.string().nullable() })
      .openapi({ description: 'Link to `url` when there is one; otherwise open `<ruche-comments subject=key>` in the space' }),
    space: z.object({ slug: z.string(), name: z.string() }),
  })
  .openapi('ExpertEvidence', { description: 'A post that weighs in someone’s ranking; always one the searcher may read' });
export type ExpertEvidence = z.output<typeof evidenceSchema>;

export const expertResultSchema = z
  .object({
    profile: profileSchema,
    score: z.number(),
    breakdown: z
      .object({ declared: z.number(), endorsements: z.number(), evidence: z.number() })
      .openapi({ description: 'The three parts of the score (see api/experts/ranking.ts)' }),
    reasons: z.array(reasonSchema).openapi({ description: 'Strongest first' }),
    evidence: z.array(evidenceSchema).openapi({ description: 'Up to 3 posts, weightiest first' }),
  })
  .openapi('ExpertResult');
export type ExpertResult = z.output<typeof expertResultSchema>;

export const searchQuery = z.strictObject({
  q: topic.openapi({ description: 'The topic, as typed', example: 'TVA intracommunautaire' }),
  space: spaceSlugParam.openapi({ description: 'Only evidence from this space (declared skills count wherever)' }),
  limit: limit(50, 10),
});

export const searchResultSchema = z
  .object({
    query: z.string(),
    skills: z
      .array(skillRef.extend({ strength: z.number() }))
      .openapi({ description: 'Skills of the vocabulary the query matched (strength 1: the skill itself or a synonym)' }),
    results: z.array(expertResultSchema),
  })
  .openapi('ExpertSearch');
export type ExpertSearch = z.output<typeof searchResultSchema>;

export const skillsQuery = z.strictObject({ q: line(60).openapi({ example: 'exc' }), limit: limit(50, 10) });
export const skillSuggestionsSchema = z
  .object({ skills: z.array(skillRef.extend({ people: z.number().int() })) })
  .openapi('SkillSuggestions');
export type SkillSuggestions = z.output<typeof skillSuggestionsSchema>;

export const curatedSkillSchema = z
  .object({
    key: z.string(),
    label: z.string(),
    aliases: z.array(z.string()).openapi({ description: 'Its other names, normalised (lower case, no accents)' }),
    people: z.number().int().openapi({ description: 'People who declared it' }),
  })
  .openapi('CuratedSkill');

const skillName = (description: string, example: string) => skillLabel.openapi({ description, example });

export const aliasBody = z
  .strictObject({
    skill: skillName('The skill, by any of its names', 'Paie'),
    alias: skillName('Another way of writing it, or its word in the other language', 'Payroll'),
  })
  .openapi('SkillAlias');

export const mergeBody = z
  .strictObject({
    from: skillName('The skill that goes away (its name becomes an alias)', 'MS-Excel'),
    into: skillName('The skill that stays', 'Excel'),
  })
  .refine((body) => skillKey(body.from) !== skillKey(body.into), 'from and into are the same skill')
  .openapi('SkillMerge');

const repeated = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).min(1).max(50)]).transform((value) => (Array.isArray(value) ? value : [value]) as z.output<T>[]);

export const peopleQuery = z
  .strictObject({
    id: repeated(uuid).optional().openapi({ description: 'Ruche ids, repeated: ?id=a&id=b' }),
    externalId: repeated(line(200)).optional().openapi({ description: 'The intranet’s ids (token `sub`), repeated' }),
  })
  .refine((query) => (query.id?.length ?? 0) + (query.externalId?.length ?? 0) > 0, 'give at least one id or externalId')
  .refine((query) => (query.id?.length ?? 0) + (query.externalId?.length ?? 0) <= 50, 'at most 50 people at once');

export const personParams = z.strictObject({ id: uuid.openapi({ param: { name: 'id', in: 'path' } }) });
export const endorsementParams = z.strictObject({
  id: uuid.openapi({ param: { name: 'id', in: 'path' } }),
  skill: skillLabel.openapi({ param: { name: 'skill', in: 'path' }, description: 'The skill, by any of its names', example: 'Excel' }),
});

export const endorsementSchema = z
  .object({ skill: skillRef, endorsementCount: z.number().int(), endorsedByMe: z.boolean() })
  .openapi('Endorsement');
export type Endorsement = z.output<typeof endorsementSchema>;

const chatUrl = z
  .url({ protocol: /^(https?|msteams|sip|sips|xmpp|im|slack|tel)$/, message: 'must be an https:, msteams:, sip:, xmpp:, im:, slack: or tel: link' })
  .max(500);

export const updateProfileBody = z
  .strictObject({
    skills: z.array(skillLabel).max(30).optional(),
    askMeAbout: z.array(skillLabel).max(10).optional(),
    canMentor: z.array(skillLabel).max(10).optional(),
    wantToLearn: z.array(skillLabel).max(10).optional(),
    chatUrl: chatUrl.nullable().optional(),
    hideInferred: z.boolean().optional().openapi({ description: 'Do not show nor use what Ruche infers from my activity' }),
    hideFromGuests: z.boolean().optional().openapi({ description: 'Guests (external partners) neither find nor see me' }),
  })
  .refine((body) => Object.keys(body).length > 0, 'give at least one field to change')
  .openapi('UpdateExpertProfile', {
    description: 'Each list given replaces that list (a mentored or ask-me skill is declared too)',
  });
/** What a widget sends to change one's profile. */
export type UpdateExpertProfile = z.input<typeof updateProfileBody>;

export const inferredSchema = z
  .object({
    hidden: z.boolean().openapi({ description: 'I hide it: it is neither shown to others nor used to rank me' }),
    halfLifeDays: z.number(),
    totals: z.object({
      acceptedAnswers: z.number().int(),
      answers: z.number().int(),
      comments: z.number().int(),
      ideas: z.number().int(),
      likes: z.number().int(),
      votes: z.number().int(),
    }),
    items: z.array(
      z.object({
        source: z.enum(['comment', 'idea']),
        id: z.uuid(),
        kind: evidenceKind,
        weight: z.number().openapi({ description: 'Kind × appreciation × age, before relevance to any query' }),
        excerpt: z.string(),
        appreciation: z.number().int().openapi({ description: 'Likes (comments) or votes (ideas)' }),
        createdAt: z.string(),
        space: z.object({ slug: z.string(), name: z.string(), visibility: z.enum(['open', 'closed', 'secret']) }),
        audience: z.enum(['employees', 'members']).openapi({ description: 'Who may be shown it as evidence' }),
        subject: z.object({ key: z.string(), title: z.string().nullable(), url: z.string().nullable() }),
      }),
    ),
    bySkill: z
      .array(z.object({ skill: skillRef, score: z.number(), reasons: z.array(reasonSchema) }))
      .openapi({ description: 'What the finder says about me when someone searches each skill I declared' }),
    neverCounted: z
      .object({ questions: z.number().int(), anonymousIdeas: z.number().int() })
      .openapi({ description: 'Never evidence: my questions, my anonymous ideas' }),
  })
  .openapi('InferredExpertise', { description: 'What Ruche infers about me (only ever shown to me)' });
export type InferredExpertise = z.output<typeof inferredSchema>;

export const askBody = z
  .strictObject({
    topic: topic.openapi({ description: 'What the question is about: experts are ranked on it', example: 'TVA intracommunautaire' }),
    question: commentBody,
    space: spaceSlugParam,
    subject: subjectParam
      .optional()
      .openapi({ description: 'The Q&A thread to ask in (a page URL or a key); by default one per topic, `ruche:experts:<topic>`' }),
    title: line(300).optional(),
    url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
    experts: z.number().int().min(1).max(5).optional().openapi({ description: 'How many experts to tell (3 by default)' }),
  })
  .openapi('AskExperts');
/** What a widget sends to ask the experts. */
export type AskExperts = z.input<typeof askBody>;

export const askedSchema = z
  .object({
    question: commentSchema,
    subject: z.object({ key: z.string(), space: z.string() }),
    notified: z.array(personCardSchema),
    dueAt: z.string().nullable().openapi({ description: 'When the space’s answer-time promise runs out; then the next experts and the stewards are told' }),
  })
  .openapi('AskedExperts');
export type AskedExperts = z.output<typeof askedSchema>;

export { markReadBody, notificationsQuery } from '../notifications/schemas.ts';

export const notificationSchema = z
  .object({
    id: z.uuid(),
    reason: z
      .enum(['expert', 'next_expert', 'steward'])
      .openapi({ description: 'expert: among the top experts; next_expert: the next ones, once overdue; steward: once overdue' }),
    rank: z.number().int().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
    question: z.object({
      id: z.uuid(),
      excerpt: z.string(),
      topic: z.string().nullable(),
      askedAt: z.string(),
      dueAt: z.string().nullable(),
      answered: z.boolean(),
      acceptedAnswerId: z.uuid().nullable(),
      askedBy: personCardSchema.nullable(),
      subject: z.object({ key: z.string(), title: z.string().nullable(), url: z.string().nullable() }),
      space: z.object({ slug: z.string(), name: z.string() }),
    }),
  })
  .openapi('ExpertNotification');
export type ExpertNotification = z.output<typeof notificationSchema>;

export const notificationPageSchema = z
  .object({ items: z.array(notificationSchema), unreadCount: z.number().int(), nextCursor: z.string().nullable() })
  .openapi('ExpertNotifications');
export type ExpertNotifications = z.output<typeof notificationPageSchema>;

