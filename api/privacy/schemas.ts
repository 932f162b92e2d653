import { z } from '@hono/zod-openapi';

/** A person's own data (GET and PUT /api/me/privacy, GET /api/me/erasure, DELETE /api/me): the shapes. */
export const privacySchema = z
  .object({
    showInTopContributors: z.boolean().openapi({ description: 'Listed among the most active contributors of the pulse (off unless chosen)' }),
  })
  .openapi('PrivacySettings');
export type PrivacySettings = z.output<typeof privacySchema>;

export const setPrivacyBody = z.strictObject({ showInTopContributors: z.boolean() }).openapi('SetPrivacySettings');

const spaceRef = z.object({ slug: z.string(), name: z.string() });

export const erasurePreviewSchema = z
  .object({
    posts: z.object({ comments: z.number().int(), ideas: z.number().int(), anonymousIdeas: z.number().int() }),
    ideasThatStay: z
      .array(z.object({ id: z.uuid(), title: z.string(), space: spaceRef, why: z.enum(['anonymous', 'others_took_part']) }))
      .openapi({
        description:
          'One’s ideas that stay, without an author, whatever is chosen: anonymous ones (deleting them would tell they were one’s own), ' +
          'and those others voted for, discussed or merged into',
      }),
    spacesKeepingPosts: z
      .array(spaceRef.extend({ comments: z.number().int(), ideas: z.number().int() }))
      .openapi({ description: 'Spaces where one’s posts stay after erasure, even if deletion is asked' }),
    lastStewardOf: z.array(spaceRef).openapi({ description: 'Spaces that would be left without a steward: name another first' }),
    canErase: z.boolean(),
  })
  .openapi('ErasurePreview', { description: 'What erasing one’s account would do' });
export type ErasurePreview = z.output<typeof erasurePreviewSchema>;

export const eraseBody = z
  .strictObject({
    posts: z.enum(['keep_as_former_colleague', 'delete_posts']).openapi({
      description:
        'keep_as_former_colleague: posts stay without an author; delete_posts: comments and signed ideas are deleted ' +
        '(anonymous ideas, and ideas others voted for or discussed, stay without an author)',
    }),
    whereDeletionForbidden: z.enum(['refuse', 'keep']).default('refuse').openapi({
      description: 'With delete_posts, in spaces that keep posts on erasure: refuse (409 posts_must_stay, nothing erased) or keep those posts',
    }),
    confirm: z.literal(true).openapi({ description: 'Must be true: erasing cannot be undone' }),
  })
  .openapi('EraseAccount');
/** What the widget sends (DELETE /api/me) to erase one's account. */
export type EraseAccount = z.input<typeof eraseBody>;

export const erasureResultSchema = z
  .object({
    erased: z.literal(true),
    posts: z.enum(['keep_as_former_colleague', 'delete_posts']),
    comments: z.object({ deleted: z.number().int(), kept: z.number().int() }),
    ideas: z.object({ deleted: z.number().int(), kept: z.number().int() }),
    keptBySpace: z.array(spaceRef),
  })
  .openapi('ErasureResult');
export type ErasureResult = z.output<typeof erasureResultSchema>;


/** The export's head; the rest (comments, ideas, votes…) is described by its format, ruche-export/1. */
export const personalDataExportSchema = z
  .looseObject({
    format: z.string(),
    generatedAt: z.string(),
    person: z.looseObject({ name: z.string() }),
  })
  .openapi('PersonalDataExport');
