import { createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import type { Db } from '../db/database.ts';
import { requirePerson } from '../identity/authenticate.ts';
import { offsetCursor } from '../http/cursor.ts';
import { conflict, forbidden, notFound } from '../http/errors.ts';
import { errors, idempotencyHeader, json, jsonBody } from '../http/openapi.ts';
import { cursor, limit, router } from '../http/validation.ts';
import { findPerson, personCard } from '../people/person.ts';
import { assertCanRead, assertCanSteward, decideAccess, loadSpaceAccess, type Space, type SpaceAccess } from './access.ts';
import {
  createSpaceBody,
  memberParams,
  memberSchema,
  noQuery,
  setMemberBody,
  spaceParams,
  spaceSchema,
  updateSpaceBody,
} from './schemas.ts';
import {
  deleteMembership,
  insertSpace,
  listMembers,
  listSpacesFor,
  lockSpace,
  memberCount,
  membershipRole,
  otherStewardCount,
  requestMembership,
  setMembership,
  updateSpace,
  type MemberRow,
} from './store.ts';

function spaceView(access: SpaceAccess, memberCount: number) {
  const { space } = access;
  return {
    id: space.id,
    slug: space.slug,
    name: space.name,
    description: space.description,
    visibility: space.visibility,
    lang: space.lang,
    answerPromiseHours: space.answerPromiseHours,
    isDefault: space.isDefault,
    memberCount,
    myRole: access.role,
    requested: access.requested,
    canRead: access.canRead,
    canWrite: access.canWrite,
    canSteward: access.canSteward,
    createdAt: space.createdAt.toISOString(),
  };
}

async function access(c: { var: AppEnv['Variables'] }, slug: string) {
  return loadSpaceAccess(c.var.db, c.var.person, { slug }, c.var.deps.config.auth.anonymousRead);
}

async function assertKeepsASteward(db: Db, space: Space, leaving: string) {
  if ((await otherStewardCount(db, space.id, leaving)) === 0) {
    throw conflict('last_steward', `"${space.name}" needs at least one steward: name another steward first.`);
  }
}

const memberView = (row: MemberRow) => ({
  person: personCard(row),
  role: row.role,
  status: row.status,
  since: row.since.toISOString(),
});

const tags = ['Spaces'];

export const spacesRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'The spaces this person can see',
      request: { query: noQuery },
      responses: { 200: json(z.object({ spaces: z.array(spaceSchema) }), 'Visible spaces, the default first'), ...errors(400, 401) },
    }),
    async (c) => {
      const person = c.var.person;
      const rows = await listSpacesFor(c.var.db, person?.id ?? null);
      const spaces = rows.flatMap(({ role, status, memberCount, ...space }) => {
        const decided = decideAccess(space, person, role && status ? { role, status } : null, c.var.deps.config.auth.anonymousRead);
        return decided ? [spaceView(decided, memberCount)] : [];
      });
      return c.json({ spaces }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Create a space; its creator becomes its first steward',
      request: { query: noQuery, headers: idempotencyHeader, body: jsonBody(createSpaceBody) },
      responses: { 201: json(spaceSchema, 'The new space'), ...errors(400, 401, 403, 409, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      if (person.isGuest) throw forbidden('guests_cannot_create', 'Guests cannot create spaces. Ask an employee to create one and add you.');
      const body = c.req.valid('json');
      const db = c.var.db;
      const created = await insertSpace(
        db,
        {
          slug: body.slug,
          name: body.name,
          description: body.description ?? '',
          visibility: body.visibility,
          lang: body.lang ?? c.var.deps.config.defaultLang,
          answerPromiseHours: body.answerPromiseHours ?? null,
        },
        person.id,
      );
      if (!created) throw conflict('slug_taken', `A space named "${body.slug}" already exists. Choose another slug.`);
      const access = await loadSpaceAccess(db, person, { id: created }, false);
      c.header('Location', `/api/spaces/${access.space.slug}`);
      return c.json(spaceView(access, 1), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{slug}',
      tags,
      summary: 'One space, with this person’s rights in it',
      request: { params: spaceParams, query: noQuery },
      responses: { 200: json(spaceSchema, 'The space'), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const found = await access(c, c.req.valid('param').slug);
      return c.json(spaceView(found, await memberCount(c.var.db, found.space.id)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{slug}',
      tags,
      summary: 'Change a space (stewards and admins)',
      request: { params: spaceParams, query: noQuery, headers: idempotencyHeader, body: jsonBody(updateSpaceBody) },
      responses: { 200: json(spaceSchema, 'The changed space'), ...errors(400, 401, 403, 404, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const found = await access(c, c.req.valid('param').slug);
      assertCanSteward(found, person);
      const body = c.req.valid('json');
      const db = c.var.db;
      if (found.space.isDefault && body.visibility && body.visibility !== 'open') {
        throw conflict('default_space_open', 'The default space stays open to everyone.');
      }
      await updateSpace(db, found.space.id, body);
      const updated = await loadSpaceAccess(db, person, { id: found.space.id }, false);
      return c.json(spaceView(updated, await memberCount(db, found.space.id)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{slug}/join',
      tags,
      summary: 'Join an open space, or ask to join a closed one',
      request: { params: spaceParams, query: noQuery, headers: idempotencyHeader },
      responses: { 200: json(spaceSchema, 'The space, with the new membership or request'), ...errors(401, 403, 404, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const found = await access(c, c.req.valid('param').slug);
      if (person.isGuest) throw forbidden('guests_need_invitation', 'Guests join spaces when a steward adds them.');
      const db = c.var.db;
      if (found.role === null) {
        const status = found.space.visibility === 'open' ? 'active' : 'requested';
        await requestMembership(db, found.space.id, person.id, status);
      }
      const updated = await loadSpaceAccess(db, person, { id: found.space.id }, false);
      return c.json(spaceView(updated, await memberCount(db, found.space.id)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{slug}/leave',
      tags,
      summary: 'Leave a space (or withdraw a request to join)',
      request: { params: spaceParams, query: noQuery, headers: idempotencyHeader },
      responses: { 204: { description: 'Left' }, ...errors(401, 404, 409, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const found = await access(c, c.req.valid('param').slug);
      const db = c.var.db;
      await lockSpace(db, found.space.id);
      if (found.role === 'steward') await assertKeepsASteward(db, found.space, person.id);
      await deleteMembership(db, found.space.id, person.id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{slug}/members',
      tags,
      summary: 'Members of a space, stewards first; stewards also see requests to join',
      request: {
        params: spaceParams,
        query: z.strictObject({ cursor: cursor.optional(), limit: limit(200, 50) }),
      },
      responses: {
        200: json(z.object({ members: z.array(memberSchema), nextCursor: z.string().nullable() }), 'A page of members'),
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const found = await access(c, c.req.valid('param').slug);
      assertCanRead(found, c.var.person);
      const { cursor: after, limit: pageSize } = c.req.valid('query');
      const offset = offsetCursor.decode(after)?.offset ?? 0;
      const rows = await listMembers(c.var.db, found.space.id, found.canSteward, offset, pageSize + 1);
      const more = rows.length > pageSize;
      return c.json(
        {
          members: rows.slice(0, pageSize).map(memberView),
          nextCursor: more ? offsetCursor.encode({ offset: offset + pageSize }) : null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{slug}/members/{personId}',
      tags,
      summary: 'Add a person (guests included), approve a request, or change a role (stewards)',
      request: { params: memberParams, query: noQuery, headers: idempotencyHeader, body: jsonBody(setMemberBody) },
      responses: { 200: json(memberSchema, 'The membership'), ...errors(400, 401, 403, 404, 409, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const { slug, personId } = c.req.valid('param');
      const found = await access(c, slug);
      assertCanSteward(found, person);
      const db = c.var.db;
      const target = await findPerson(db, personId);
      if (!target) throw notFound('This person');
      const { role } = c.req.valid('json');
      await lockSpace(db, found.space.id);
      if (role === 'member') {
        const current = await membershipRole(db, found.space.id, personId, { activeOnly: true });
        if (current === 'steward') await assertKeepsASteward(db, found.space, personId);
      }
      const since = await setMembership(db, found.space.id, personId, role, person.id);
      return c.json(memberView({ ...target, role, status: 'active', since }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{slug}/members/{personId}',
      tags,
      summary: 'Remove a member or refuse a request (stewards; anyone for themselves)',
      request: { params: memberParams, query: noQuery, headers: idempotencyHeader },
      responses: { 204: { description: 'Removed' }, ...errors(400, 401, 403, 404, 409, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const { slug, personId } = c.req.valid('param');
      const found = await access(c, slug);
      if (personId !== person.id) assertCanSteward(found, person);
      const db = c.var.db;
      await lockSpace(db, found.space.id);
      const current = await membershipRole(db, found.space.id, personId, { activeOnly: false });
      if (!current) throw notFound('This membership');
      if (current === 'steward') await assertKeepsASteward(db, found.space, personId);
      await deleteMembership(db, found.space.id, personId);
      return c.body(null, 204);
    },
  );
