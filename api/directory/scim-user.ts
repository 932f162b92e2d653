import { z } from '@hono/zod-openapi';
import { line } from '../http/validation.ts';
import { displayName, externalId } from '../people/identity-fields.ts';
import type { DirectoryPerson, DirectoryRecord } from './people-store.ts';

/**
 * The SCIM 2.0 User resource (RFC 7643) as Ruche maps it onto a person:
 *
 *   userName                       people.external_id (the intranet's `sub`), matched exactly
 *   displayName | name.formatted | name.givenName + name.familyName    people.name (api/people/identity-fields.ts)
 *   emails (primary, else first)   people.email
 *   title                          people.title
 *   enterprise extension department                                    people.dept
 *   active                         people.active (false: refused with 403 at sign-in)
 *   userType Guest/External/Partner                                   people.is_guest
 *   externalId                     the provider's own id, kept as given
 *
 * Identity providers send many attributes Ruche has no use for (phone numbers, addresses, locale):
 * they are accepted and ignored, as RFC 7644 allows, rather than refused.
 */
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ScimType = 'invalidFilter' | 'tooMany' | 'uniqueness' | 'mutability' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'invalidValue';

export class ScimError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 409 | 413 | 500 | 501,
    message: string,
    readonly scimType?: ScimType,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const GUEST_TYPES = /^(guest|external|partner)$/i;

/** Azure AD sends booleans as "True"/"False" strings. */
const scimBoolean = z.union([z.boolean(), z.enum(['true', 'false', 'True', 'False', 'TRUE', 'FALSE']).transform((v) => v.toLowerCase() === 'true')]);
const text = (max: number) => line(max).nullable().optional();

const emailSchema = z.looseObject({
  value: z.email('must be an email address').max(320),
  type: z.string().max(50).optional().nullable(),
  primary: scimBoolean.optional().nullable(),
});

export const scimUserBody = z.looseObject({
  schemas: z.array(z.string()).optional(),
  userName: externalId,
  externalId: text(200),
  displayName: text(200),
  name: z
    .looseObject({ formatted: text(200), givenName: text(100), familyName: text(100) })
    .optional()
    .nullable(),
  title: text(200),
  userType: text(50),
  active: scimBoolean.optional().nullable(),
  emails: z.array(emailSchema).max(20).optional().nullable(),
  [ENTERPRISE_SCHEMA]: z.looseObject({ department: text(200) }).optional().nullable(),
});
export type ScimUserBody = z.infer<typeof scimUserBody>;

/** The user as sent, parsed; a refusal names the attribute, in SCIM's error format. */
export function parseUser(input: unknown): ScimUserBody {
  const parsed = scimUserBody.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String).join('.') || 'body';
    throw new ScimError(400, `${path}: ${issue.message}`, issue.code === 'invalid_type' && issue.path.length === 0 ? 'invalidSyntax' : 'invalidValue');
  }
  return parsed.data;
}

export function toRecord(user: ScimUserBody): DirectoryRecord & { scimExternalId: string | null } {
  const parts = [user.name?.givenName, user.name?.familyName].filter(Boolean).join(' ');
  const email = user.emails?.find((e) => e.primary === true) ?? user.emails?.[0];
  return {
    externalId: user.userName,
    name: displayName(user.displayName || user.name?.formatted || parts || '') || displayName(user.userName),
    email: email?.value ?? null,
    dept: user[ENTERPRISE_SCHEMA]?.department ?? null,
    title: user.title ?? null,
    active: user.active ?? undefined,
    isGuest: user.userType ? GUEST_TYPES.test(user.userType) : undefined,
    scimExternalId: user.externalId ?? null,
  };
}

/** The person as a SCIM User resource. */
export function toResource(person: DirectoryPerson, scimExternalId: string | null, baseUrl: string) {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    id: person.id,
    ...(scimExternalId ? { externalId: scimExternalId } : {}),
    userName: person.externalId,
    displayName: person.name,
    name: { formatted: person.name },
    ...(person.title ? { title: person.title } : {}),
    userType: person.isGuest ? 'Guest' : 'Employee',
    active: person.active,
    emails: person.email ? [{ value: person.email, type: 'work', primary: true }] : [],
    [ENTERPRISE_SCHEMA]: person.dept ? { department: person.dept } : {},
    meta: {
      resourceType: 'User',
      created: person.createdAt.toISOString(),
      lastModified: person.updatedAt.toISOString(),
      location: `${baseUrl}/scim/v2/Users/${person.id}`,
    },
  };
}

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to the user as Ruche holds it. Understood: add,
 * replace and remove, with a path or (add, replace) with an object of attributes, as Okta and
 * Azure AD send them; the paths of the mapping above, and `emails[type eq "work"].value`.
 */
export function applyPatch(current: ScimUserBody, body: unknown): ScimUserBody {
  const parsed = z
    .looseObject({
      schemas: z.array(z.string()).optional(),
      Operations: z
        .array(z.looseObject({ op: z.string(), path: z.string().max(300).optional(), value: z.unknown().optional() }))
        .min(1)
        .max(50),
    })
    .safeParse(body);
  if (!parsed.success) throw new ScimError(400, 'A PATCH needs "Operations": a list of { op, path?, value }.', 'invalidSyntax');

  // Each operation becomes (path, value) pairs first, so that we know what this request sets.
  const changes: [string, unknown][] = [];
  for (const operation of parsed.data.Operations) {
    const op = operation.op.toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw new ScimError(400, `Unknown PATCH op "${operation.op}".`, 'invalidSyntax');
    if (operation.path) {
      changes.push([operation.path.trim(), op === 'remove' ? null : operation.value]);
      continue;
    }
    if (op === 'remove') throw new ScimError(400, 'A remove needs a path.', 'noTarget');
    if (!operation.value || typeof operation.value !== 'object' || Array.isArray(operation.value)) {
      throw new ScimError(400, 'Without a path, the value must be an object of attributes.', 'invalidValue');
    }
    for (const [path, value] of Object.entries(operation.value)) {
      if ((path === ENTERPRISE_SCHEMA || path === 'name') && value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [sub, subValue] of Object.entries(value)) changes.push([`${path}${path === 'name' ? '.' : ':'}${sub}`, subValue]);
      } else {
        changes.push([path, value]);
      }
    }
  }

  const user = structuredClone(current) as Record<string, unknown>;
  const touched = new Set(changes.map(([path]) => path.toLowerCase()));
  // Ruche keeps one name: new name parts replace it, unless this request also names it whole.
  if ((touched.has('name.givenname') || touched.has('name.familyname')) && !touched.has('displayname') && !touched.has('name.formatted')) {
    user.displayName = null;
    user.name = { ...(user.name as object | undefined), formatted: null };
  }
  if (touched.has('name.formatted') && !touched.has('displayname')) user.displayName = null;
  for (const [path, value] of changes) setPath(user, path, value);
  return parseUser(user);
}

const EMAIL_VALUE = /^emails\[(type eq "work"|primary eq true)\]\.value$/i;

function setPath(user: Record<string, unknown>, rawPath: string, value: unknown) {
  const path = rawPath.trim();
  const lower = path.toLowerCase();
  const enterprise = `${ENTERPRISE_SCHEMA}:`.toLowerCase();
  if (lower.startsWith(enterprise)) {
    const attribute = path.slice(enterprise.length);
    if (attribute.toLowerCase() !== 'department') return; // other enterprise attributes: not kept
    user[ENTERPRISE_SCHEMA] = { ...(user[ENTERPRISE_SCHEMA] as object | undefined), department: value };
    return;
  }
  if (lower.startsWith(`${USER_SCHEMA.toLowerCase()}:`)) return setPath(user, path.slice(USER_SCHEMA.length + 1), value);
  switch (lower) {
    case 'username':
      if (value === null) throw new ScimError(400, 'userName cannot be removed.', 'mutability');
      user.userName = value;
      return;
    case 'displayname':
      user.displayName = value;
      return;
    case 'name':
      user.name = value;
      return;
    case 'name.formatted':
    case 'name.givenname':
    case 'name.familyname': {
      const key = { 'name.formatted': 'formatted', 'name.givenname': 'givenName', 'name.familyname': 'familyName' }[lower]!;
      user.name = { ...(user.name as object | undefined), [key]: value };
      return;
    }
    case 'title':
    case 'usertype':
    case 'externalid':
    case 'active': {
      const key = { title: 'title', usertype: 'userType', externalid: 'externalId', active: 'active' }[lower]!;
      if (key === 'active' && value === null) throw new ScimError(400, 'active cannot be removed; set it to false.', 'mutability');
      user[key] = value;
      return;
    }
    case 'emails':
      user.emails = value === null ? [] : Array.isArray(value) ? value : [value];
      return;
    default:
      if (EMAIL_VALUE.test(path)) {
        user.emails = value === null ? [] : [{ value, type: 'work', primary: true }];
        return;
      }
      // Attributes Ruche does not keep (phoneNumbers, addresses, locale…) are accepted and ignored.
      if (/^(phonenumbers|addresses|locale|preferredlanguage|timezone|nickname|profileurl|photos|ims|x509certificates|roles|entitlements|groups|emails\[.*\]\.(type|primary|display))/i.test(lower)) return;
      throw new ScimError(400, `Ruche does not know the attribute "${path}".`, 'invalidPath');
  }
}

/** `userName eq "x"` and the few other equality filters identity providers use to find someone. */
export function parseFilter(filter: string): { attribute: 'userName' | 'externalId' | 'id' | 'email'; value: string } {
  const match = /^\s*(userName|externalId|id|emails(?:\.value)?)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  if (!match) {
    throw new ScimError(400, 'Only equality filters on userName, externalId, id or emails are supported, e.g. userName eq "jdupont".', 'invalidFilter');
  }
  const name = match[1]!.toLowerCase();
  const attribute = name === 'username' ? 'userName' : name === 'externalid' ? 'externalId' : name === 'id' ? 'id' : 'email';
  return { attribute, value: match[2]!.replace(/\\(.)/g, '$1') };
}
