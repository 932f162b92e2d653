import { createRoute, z } from '@hono/zod-openapi';
import { requirePerson } from '../identity/authenticate.ts';
import { errors, idempotencyHeader, json, jsonBody } from '../http/openapi.ts';
import { router } from '../http/validation.ts';
import { findPerson } from '../people/person.ts';
import { erasePerson, erasurePreview } from './erase.ts';
import { exportPerson } from './export.ts';
import { loadPrivacyChoices, savePrivacyChoices } from './store.ts';

/**
 * A person's own data: what Ruche holds about them (export), their privacy choices, and erasing
 * their account. Mounted under /api/me, beside GET /api/me.
 */
const tags = ['Privacy'];

const privacySchema = z
  .object({
    showInTopContributors: z.boolean().openapi({ description: 'Listed among the most active contributors of the pulse (off unless chosen)' }),
  })
  .openapi('PrivacySettings');

const setPrivacyBody = z.strictObject({ showInTopContributors: z.boolean() }).openapi('SetPrivacySettings');

const spaceRef = z.object({ slug: z.string(), name: z.string() });

const erasurePreviewSchema = z
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
  .openapi('ErasurePreview');

const eraseBody = z
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

const erasureResultSchema = z
  .object({
    erased: z.literal(true),
    posts: z.enum(['keep_as_former_colleague', 'delete_posts']),
    comments: z.object({ deleted: z.number().int(), kept: z.number().int() }),
    ideas: z.object({ deleted: z.number().int(), kept: z.number().int() }),
    keptBySpace: z.array(spaceRef),
  })
  .openapi('ErasureResult');

export const privacyRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/export',
      tags,
      summary: 'Everything Ruche holds about me, as JSON',
      description: 'Profile, settings, memberships, comments, ideas (anonymous ones included), votes, likes, endorsements, reports, notifications, steward actions. Never other people’s private data.',
      responses: { 200: json(z.record(z.string(), z.unknown()).openapi('PersonalDataExport'), 'The export (format ruche-export/1)'), ...errors(401) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const current = (await findPerson(c.var.db, person.id)) ?? person;
      c.header('Cache-Control', 'private, no-store');
      c.header('Content-Disposition', 'attachment; filename="ruche-export.json"');
      return c.json(await exportPerson(c.var.db, current), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/privacy',
      tags,
      summary: 'My privacy choices',
      responses: { 200: json(privacySchema, 'The choices in force (defaults until changed)'), ...errors(401) },
    }),
    async (c) => {
      const person = requirePerson(c);
      return c.json(await loadPrivacyChoices(c.var.db, person.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/privacy',
      tags,
      summary: 'Change my privacy choices',
      request: { headers: idempotencyHeader, body: jsonBody(setPrivacyBody) },
      responses: { 200: json(privacySchema, 'The choices now in force'), ...errors(400, 401, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const { showInTopContributors } = c.req.valid('json');
      await savePrivacyChoices(c.var.db, person.id, { showInTopContributors });
      return c.json({ showInTopContributors }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/erasure',
      tags,
      summary: 'What erasing my account would do: my posts, the spaces that keep them, the spaces I am the last steward of',
      responses: { 200: json(erasurePreviewSchema, 'The preview'), ...errors(401) },
    }),
    async (c) => {
      const person = requirePerson(c);
      c.header('Cache-Control', 'private, no-store');
      return c.json(await erasurePreview(c.var.db, person.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/',
      tags,
      summary: 'Erase my account; my posts kept as a former colleague’s, or deleted',
      description:
        'The person is deleted with their likes, votes, endorsements, memberships, settings and notifications. A later sign-in ' +
        'with the same identity starts a new, empty person. 409 last_steward when a space would be left without a steward; ' +
        '409 posts_must_stay when deletion is asked where a space keeps posts (unless whereDeletionForbidden: keep).',
      request: { headers: idempotencyHeader, body: jsonBody(eraseBody) },
      responses: { 200: json(erasureResultSchema, 'Erased'), ...errors(400, 401, 409, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const body = c.req.valid('json');
      return c.json(await erasePerson(c, person, { posts: body.posts, whereDeletionForbidden: body.whereDeletionForbidden }), 200);
    },
  );
