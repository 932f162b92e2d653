import { createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import type { Db } from '../db/database.ts';
import { requirePerson } from '../identity/authenticate.ts';
import { conflict, forbidden, notFound } from '../http/errors.ts';
import { errors, idempotencyHeader, json, jsonBody } from '../http/openapi.ts';
import { cursor, limit, router } from '../http/validation.ts';
import { findPerson, personCard, type Person } from '../people/person.ts';
import {
  assertCanRead,
  assertCanSteward,
  decideAccess,
  loadSpaceAccess,
  SPACE_COLUMNS,
  type Role,
  type Space,
  type SpaceAccess,
} from './access.ts';
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

async function memberCount(db: Db, spaceId: string): Promise<number> {
  const [row] = await db<{ count: number }[]>`
    select count(*)::int as count from memberships where space_id = ${spaceId} and status = 'active'`;
  return row?.count ?? 0;
}

async function access(c: { var: AppEnv['Variables'] }, slug: string) {
  return loadSpaceAccess(c.var.db, c.var.person, { slug }, c.var.deps.config.auth.anonymousRead);
}

/** Locks the space's row for the rest of the transaction, so that checks on its stewards hold. */
async function lockSpace(db: Db, spaceId: string) {
  await db`select id from spaces where id = ${spaceId} for update`;
}

async function assertKeepsASteward(db: Db, space: Space, leaving: string) {
  const [row] = await db<{ count: number }[]>`
    select count(*)::int as count from memberships
     where space_id = ${space.id} and role = 'steward' and status = 'active' and person_id <> ${leaving}`;
  if ((row?.count ?? 0) === 0) {
    throw conflict('last_steward', `"${space.name}" needs at least one steward: name another steward first.`);
  }
}

const memberView = (row: Person & { role: Role; status: 'active' | 'requested'; since: Date }) => ({
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
      const rows = await c.var.db.unsafe<(Space & { role: Role | null; status: 'active' | 'requested' | null; memberCount: number })[]>(
        `select ${SPACE_COLUMNS}, m.role, m.status,
                (select count(*) from memberships mm where mm.space_id = s.id and mm.status = 'active')::int as member_count
           from spaces s
           left join memberships m on m.space_id = s.id and m.person_id = $1
          order by s.is_default desc, lower(s.name)`,
        [person?.id ?? null],
      );
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
      const [created] = await db<Space[]>`
        insert into spaces (slug, name, description, visibility, lang, answer_promise_hours, created_by)
        values (${body.slug}, ${body.name}, ${body.description ?? ''}, ${body.visibility},
                ${body.lang ?? c.var.deps.config.defaultLang}, ${body.answerPromiseHours ?? null}, ${person.id})
        on conflict (slug) do nothing
        returning id`;
      if (!created) throw conflict('slug_taken', `A space named "${body.slug}" already exists. Choose another slug.`);
      await db`insert into memberships (space_id, person_id, role, added_by) values (${created.id}, ${person.id}, 'steward', ${person.id})`;
      const access = await loadSpaceAccess(db, person, { id: created.id }, false);
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
      const changes: Record<string, unknown> = {};
      if (body.name !== undefined) changes.name = body.name;
      if (body.description !== undefined) changes.description = body.description;
      if (body.visibility !== undefined) changes.visibility = body.visibility;
      if (body.lang !== undefined) changes.lang = body.lang;
      if (body.answerPromiseHours !== undefined) changes.answer_promise_hours = body.answerPromiseHours;
      if (found.space.isDefault && changes.visibility && changes.visibility !== 'open') {
        throw conflict('default_space_open', 'The default space stays open to everyone.');
      }
      await db`update spaces set ${db(changes)}, updated_at = now() where id = ${found.space.id}`;
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
        await db`insert into memberships (space_id, person_id, role, status, added_by)
                 values (${found.space.id}, ${person.id}, 'member', ${status}, ${person.id})
                 on conflict (space_id, person_id) do nothing`;
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
      await db`delete from memberships where space_id = ${found.space.id} and person_id = ${person.id}`;
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
      const offset = after ? Number.parseInt(Buffer.from(after, 'base64url').toString(), 10) || 0 : 0;
      const rows = await c.var.db<(Person & { role: Role; status: 'active' | 'requested'; since: Date })[]>`
        select p.id, p.name, p.dept, p.title, m.role, m.status, m.created_at as since
          from memberships m join people p on p.id = m.person_id
         where m.space_id = ${found.space.id}
           and (m.status = 'active' or ${found.canSteward})
         order by m.status = 'requested' desc, m.role = 'steward' desc, lower(p.name), p.id
         limit ${pageSize + 1} offset ${offset}`;
      const more = rows.length > pageSize;
      return c.json(
        {
          members: rows.slice(0, pageSize).map(memberView),
          nextCursor: more ? Buffer.from(String(offset + pageSize)).toString('base64url') : null,
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
        const [current] = await db<{ role: Role }[]>`
          select role from memberships where space_id = ${found.space.id} and person_id = ${personId} and status = 'active'`;
        if (current?.role === 'steward') await assertKeepsASteward(db, found.space, personId);
      }
      const [row] = await db<{ since: Date }[]>`
        insert into memberships (space_id, person_id, role, status, added_by)
        values (${found.space.id}, ${personId}, ${role}, 'active', ${person.id})
        on conflict (space_id, person_id) do update set role = excluded.role, status = 'active'
        returning created_at as since`;
      return c.json(memberView({ ...target, role, status: 'active', since: row!.since }), 200);
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
      const [current] = await db<{ role: Role }[]>`
        select role from memberships where space_id = ${found.space.id} and person_id = ${personId}`;
      if (!current) throw notFound('This membership');
      if (current.role === 'steward') await assertKeepsASteward(db, found.space, personId);
      await db`delete from memberships where space_id = ${found.space.id} and person_id = ${personId}`;
      return c.body(null, 204);
    },
  );
