import { createRoute } from '@hono/zod-openapi';
import { requirePerson } from '../identity/authenticate.ts';
import { errors, idempotencyHeader, json, jsonBody } from '../http/openapi.ts';
import { router } from '../http/validation.ts';
import { findPerson } from '../people/person.ts';
import { erasePerson, erasurePreview } from './erasure-store.ts';
import { exportPerson } from './export-store.ts';
import { loadPrivacyChoices, savePrivacyChoices } from './store.ts';
import { eraseBody, erasurePreviewSchema, erasureResultSchema, personalDataExportSchema, privacySchema, setPrivacyBody } from './schemas.ts';

/**
 * A person's own data: what Ruche holds about them (export), their privacy choices, and erasing
 * their account. Mounted under /api/me, beside GET /api/me.
 */
const tags = ['Privacy'];

export const privacyRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/export',
      tags,
      summary: 'Everything Ruche holds about me, as JSON',
      description: 'Profile, settings, memberships, comments, ideas (anonymous ones included), votes, likes, endorsements, reports, notifications, steward actions. Never other people’s private data.',
      responses: { 200: json(personalDataExportSchema, 'The export (format ruche-export/1)'), ...errors(401) },
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
