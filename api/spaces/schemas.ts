import { z } from '@hono/zod-openapi';
import { lang, line, paragraphs, slug, uuid } from '../http/validation.ts';

export const visibility = z.enum(['open', 'closed', 'secret']).openapi({
  description: 'open: every employee reads and writes; closed: visible, but only members read and write; secret: only members know it exists',
});
export const role = z.enum(['member', 'steward']);

export const spaceSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    visibility,
    lang,
    answerPromiseHours: z.number().int().nullable().openapi({ description: 'Questions here are answered within so many hours' }),
    isDefault: z.boolean(),
    memberCount: z.number().int(),
    myRole: role.nullable(),
    requested: z.boolean().openapi({ description: 'The person asked to join and waits for a steward' }),
    canRead: z.boolean(),
    canWrite: z.boolean(),
    canSteward: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('Space');

const promise = z.number().int().min(1).max(8760).nullable();

export const createSpaceBody = z
  .strictObject({
    slug,
    name: line(80),
    description: paragraphs(2000).optional(),
    visibility,
    lang: lang.optional(),
    answerPromiseHours: promise.optional(),
  })
  .openapi('CreateSpace');

export const updateSpaceBody = z
  .strictObject({
    name: line(80).optional(),
    description: paragraphs(2000).optional(),
    visibility: visibility.optional(),
    lang: lang.optional(),
    answerPromiseHours: promise.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'give at least one field to change')
  .openapi('UpdateSpace');

export const personCardSchema = z
  .object({ id: z.uuid(), name: z.string(), dept: z.string().nullable(), title: z.string().nullable() })
  .openapi('PersonCard');
export type PersonCard = z.output<typeof personCardSchema>;

/** The space a list was read in, as the lists of comments and ideas carry it. */
export const spaceSummarySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  visibility,
  lang,
  answerPromiseHours: z.number().int().nullable().openapi({ description: 'Questions here are answered within so many hours (null: no promise)' }),
});
export type SpaceSummary = z.output<typeof spaceSummarySchema>;

/** What the person asking may do where a list was read: computed on the server, enforced there too. */
export const viewerSchema = z.object({
  id: z.uuid().nullable().openapi({ description: 'null when anonymous' }),
  canWrite: z.boolean(),
  canSteward: z.boolean(),
});
export type Viewer = z.output<typeof viewerSchema>;

export const memberSchema = z
  .object({
    person: personCardSchema,
    role,
    status: z.enum(['active', 'requested']),
    since: z.string(),
  })
  .openapi('Member');

export const spaceParams = z.strictObject({ slug: slug.openapi({ param: { name: 'slug', in: 'path' }, example: 'general' }) });
export const memberParams = z.strictObject({
  slug: slug.openapi({ param: { name: 'slug', in: 'path' } }),
  personId: uuid.openapi({ param: { name: 'personId', in: 'path' } }),
});
/** For routes that take no query parameter: an unknown one is a 400, not silently ignored. */
export { noQuery } from '../http/validation.ts';
export const setMemberBody = z.strictObject({ role }).openapi('SetMember');
