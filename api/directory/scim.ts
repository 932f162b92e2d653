import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../context.ts';
import type { Db } from '../db/database.ts';
import { findMalformedInput } from '../http/well-formed.ts';
import { writeTransaction } from '../http/write-transaction.ts';
import { createPerson, findById, updatePerson, type DirectoryPerson } from './people-store.ts';
import { deletedUserId, deleteUser, findScimLink, linkUser, listUsers, userNameTaken } from './scim-store.ts';
import {
  applyPatch,
  ERROR_SCHEMA,
  LIST_SCHEMA,
  parseFilter,
  parseUser,
  ScimError,
  toRecord,
  toResource,
} from './scim-user.ts';

/**
 * SCIM 2.0 provisioning (RFC 7644) at /scim/v2, for identity providers (Okta, Entra ID, Keycloak…)
 * that push people before they ever sign in: create, replace, patch (active=false deactivates),
 * list with `filter=userName eq "…"`, read, and DELETE. A deleted user is deactivated (Ruche keeps
 * what people wrote, and their authorship) and gone for SCIM: reads, lists and changes answer 404
 * (RFC 7644 §3.6), until a POST with the same userName creates them again — the same person,
 * active again (201).
 *
 * userName is the intranet's id for the person, the `sub` its tokens carry, and is matched exactly,
 * as sign-in and the CSV import match it: "JDupont" and "jdupont" are two users here as they would
 * be two people at sign-in. (RFC 7643 lets a service provider make userName case-exact; identity
 * providers send the same userName each time.)
 *
 * Its own door, outside /api: a bearer token of its own (RUCHE_SCIM_TOKEN), compared in constant
 * time, no person, no CORS, answers and errors in SCIM's format (`application/scim+json`).
 * Without a token configured, provisioning is off and says so (501).
 */
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';
const MIN_TOKEN_LENGTH = 32;
const MAX_PAGE = 200;
const BODY_LIMIT = 64 * 1024;

/** SCIM is on when RUCHE_SCIM_TOKEN is configured (api/config.ts checks its length at start). */
export function scimToken(token: string | undefined): { token: string } | { off: string } {
  if (!token) return { off: 'SCIM provisioning is off on this server: set RUCHE_SCIM_TOKEN to a secret of at least 32 characters and give it to the identity provider.' };
  if (token.length < MIN_TOKEN_LENGTH) return { off: `SCIM provisioning is off: RUCHE_SCIM_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters.` };
  return { token };
}

const digest = (value: string) => createHash('sha256').update(value).digest();

function scimJson(c: Context, body: unknown, status: ContentfulStatusCode, headers: Record<string, string> = {}) {
  return c.body(JSON.stringify(body), status, { 'content-type': SCIM_CONTENT_TYPE, 'cache-control': 'no-store', ...headers });
}

function scimErrorResponse(c: Context, error: ScimError) {
  return scimJson(
    c,
    { schemas: [ERROR_SCHEMA], status: String(error.status), ...(error.scimType ? { scimType: error.scimType } : {}), detail: error.message },
    error.status,
    error.headers,
  );
}

const authenticateProvider: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('person', null);
  const configured = scimToken(c.var.deps.config.scimToken);
  if ('off' in configured) throw new ScimError(501, configured.off);
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  // Digests have one length whatever was sent, so the comparison takes the same time.
  if (!match || !timingSafeEqual(digest(match[1]!), digest(configured.token))) {
    throw new ScimError(401, 'The SCIM bearer token is missing or wrong.', undefined, { 'WWW-Authenticate': 'Bearer realm="ruche-scim"' });
  }
  await next();
};

function baseUrl(c: Context<AppEnv>): string {
  return (c.var.deps.config.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ScimError(400, 'The body is not valid JSON.', 'invalidSyntax');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A user as SCIM sees them: a person not deleted over SCIM. */
async function loadUser(db: Db, id: string, lock = false): Promise<{ person: DirectoryPerson; scimExternalId: string | null }> {
  const person = UUID.test(id) ? await findById(db, id.toLowerCase(), { lock }) : null;
  const link = person ? await findScimLink(db, person.id) : null;
  if (!person || link?.deletedAt) throw new ScimError(404, `There is no user ${id}.`);
  return { person, scimExternalId: link?.scimExternalId ?? null };
}

/** userName is matched exactly, as sign-in matches the token's `sub` (see above). */
async function assertUserNameFree(db: Db, userName: string, except: string | null) {
  if (await userNameTaken(db, userName, except)) throw new ScimError(409, `A user with userName "${userName}" already exists.`, 'uniqueness');
}

/** Replace (PUT) and PATCH end here: the whole user written at once. */
async function writeUser(c: Context<AppEnv>, id: string, user: ReturnType<typeof parseUser>) {
  const db = c.var.db;
  const record = toRecord(user);
  await assertUserNameFree(db, record.externalId, id);
  const person = await updatePerson(db, id, record);
  await linkUser(db, id, record.scimExternalId);
  return scimJson(c, toResource(person, record.scimExternalId, baseUrl(c)), 200);
}

export const scimRoutes = new Hono<AppEnv>()
  .onError((error, c) => {
    if (error instanceof ScimError) return scimErrorResponse(c, error);
    console.error('[ruche] unexpected error on SCIM', c.req.method, c.req.path, error);
    return scimErrorResponse(c, new ScimError(500, 'Something went wrong on the server. It has been logged.'));
  })
  .use(
    '*',
    authenticateProvider,
    bodyLimit({
      maxSize: BODY_LIMIT,
      onError: () => {
        throw new ScimError(413, `The body is larger than ${BODY_LIMIT} bytes.`);
      },
    }),
    async (c, next) => {
      // What the API refuses for every route (a NUL, a lone surrogate, broken escapes), in SCIM's words.
      const malformed = await findMalformedInput(c);
      if (malformed) throw new ScimError(400, malformed.message, malformed.code === 'malformed_request' ? 'invalidSyntax' : 'invalidValue');
      await next();
    },
    writeTransaction(),
    async (c, next) => {
      // A person changed or deactivated by the directory must not stay signed in from the cache.
      if (c.req.method !== 'GET') c.var.afterCommit.push(() => c.var.identityCache.forgetAll());
      await next();
    },
  )
  .get('/ServiceProviderConfig', (c) =>
    scimJson(
      c,
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        documentationUri: `${baseUrl(c)}/api/docs`,
        patch: { supported: true },
        bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
        filter: { supported: true, maxResults: MAX_PAGE },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: false },
        authenticationSchemes: [
          { type: 'oauthbearertoken', name: 'Bearer token', description: 'The secret in RUCHE_SCIM_TOKEN, as Authorization: Bearer <token>', primary: true },
        ],
        meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl(c)}/scim/v2/ServiceProviderConfig` },
      },
      200,
    ),
  )
  .get('/Users', async (c) => {
    const filter = c.req.query('filter');
    const startIndex = Math.max(1, Number.parseInt(c.req.query('startIndex') ?? '1', 10) || 1);
    const count = Math.min(MAX_PAGE, Math.max(0, Number.parseInt(c.req.query('count') ?? String(MAX_PAGE), 10) || 0));
    const where = filter ? parseFilter(filter) : null;
    if (where?.attribute === 'id' && !UUID.test(where.value)) {
      return scimJson(c, { schemas: [LIST_SCHEMA], totalResults: 0, startIndex, itemsPerPage: 0, Resources: [] }, 200);
    }
    const { users, total } = await listUsers(c.var.db, where, startIndex - 1, count);
    return scimJson(
      c,
      {
        schemas: [LIST_SCHEMA],
        totalResults: total,
        startIndex,
        itemsPerPage: users.length,
        Resources: users.map((user) => toResource(user, user.scimExternalId, baseUrl(c))),
      },
      200,
    );
  })
  .post('/Users', async (c) => {
    const user = parseUser(await readJson(c));
    const record = toRecord(user);
    const db = c.var.db;
    const deleted = await deletedUserId(db, record.externalId);
    if (deleted) {
      // Created again after a DELETE: the same person, active unless the provider says otherwise.
      const person = await updatePerson(db, deleted, { ...record, active: record.active ?? true });
      await linkUser(db, person.id, record.scimExternalId);
      const resource = toResource(person, record.scimExternalId, baseUrl(c));
      return scimJson(c, resource, 201, { Location: resource.meta.location });
    }
    await assertUserNameFree(db, record.externalId, null);
    const person = await createPerson(db, record);
    if (!person) throw new ScimError(409, `A user with userName "${record.externalId}" already exists.`, 'uniqueness');
    await linkUser(db, person.id, record.scimExternalId);
    const resource = toResource(person, record.scimExternalId, baseUrl(c));
    return scimJson(c, resource, 201, { Location: resource.meta.location });
  })
  .get('/Users/:id', async (c) => {
    const { person, scimExternalId } = await loadUser(c.var.db, c.req.param('id'));
    return scimJson(c, toResource(person, scimExternalId, baseUrl(c)), 200);
  })
  .put('/Users/:id', async (c) => {
    const { person } = await loadUser(c.var.db, c.req.param('id'), true);
    return writeUser(c, person.id, parseUser(await readJson(c)));
  })
  .patch('/Users/:id', async (c) => {
    const { person, scimExternalId } = await loadUser(c.var.db, c.req.param('id'), true);
    const current = parseUser(toResource(person, scimExternalId, baseUrl(c)));
    return writeUser(c, person.id, applyPatch(current, await readJson(c)));
  })
  .delete('/Users/:id', async (c) => {
    const { person } = await loadUser(c.var.db, c.req.param('id'), true);
    await deleteUser(c.var.db, person.id);
    return c.body(null, 204);
  })
  .all('*', (c) => scimErrorResponse(c, new ScimError(404, `There is no ${c.req.method} ${c.req.path} in this SCIM service.`)));

