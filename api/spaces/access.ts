import type { Db } from '../db/database.ts';
import { forbidden, notFound, unauthorized } from '../http/errors.ts';
import type { Person } from '../people/person.ts';

/**
 * Who may see, read, write in and steward a space. Every route that touches a space's content asks
 * here first; nothing about a space is decided in the widgets.
 *
 *              | open          | closed          | secret
 *   employee   | read, write   | sees it exists  | invisible (404)
 *   member     | read, write   | read, write     | read, write
 *   guest      | only the spaces they were added to; the rest is invisible
 *   anonymous  | read if RUCHE_ANONYMOUS_READ | sees it exists | invisible
 *   steward    | moderates and manages members; admins may do everything everywhere
 */
export type Visibility = 'open' | 'closed' | 'secret';
export type Role = 'member' | 'steward';

export interface Space {
  id: string;
  slug: string;
  name: string;
  description: string;
  visibility: Visibility;
  lang: 'fr' | 'en';
  answerPromiseHours: number | null;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface SpaceAccess {
  space: Space;
  role: Role | null;
  /** Asked to join a closed space and waiting for a steward. */
  requested: boolean;
  canRead: boolean;
  canWrite: boolean;
  canSteward: boolean;
}

export const SPACE_COLUMNS =
  's.id, s.slug, s.name, s.description, s.visibility, s.lang, s.answer_promise_hours, s.is_default, s.created_at, s.updated_at';

export function decideAccess(
  space: Space,
  person: Person | null,
  membership: { role: Role; status: 'active' | 'requested' } | null,
  anonymousRead: boolean,
): SpaceAccess | null {
  const role = membership?.status === 'active' ? membership.role : null;
  const requested = membership?.status === 'requested';
  const admin = person?.isAdmin === true;
  const guest = person?.isGuest === true;

  const visible = admin || role !== null || (!guest && space.visibility !== 'secret');
  if (!visible) return null;

  const openToAll = space.visibility === 'open' && !guest;
  const canRead = admin || role !== null || (openToAll && (person !== null || anonymousRead));
  const canWrite = person !== null && (admin || role !== null || openToAll);
  return { space, role, requested, canRead, canWrite, canSteward: admin || role === 'steward' };
}

/** Loads a space by slug or id with the person's rights in it; 404 when it does not exist for them. */
export async function loadSpaceAccess(
  db: Db,
  person: Person | null,
  ref: { slug: string } | { id: string } | { default: true },
  anonymousRead: boolean,
): Promise<SpaceAccess> {
  const where = 'slug' in ref ? 's.slug = $2' : 'id' in ref ? 's.id = $2' : 's.is_default and $2::text is null';
  const value = 'slug' in ref ? ref.slug : 'id' in ref ? ref.id : null;
  const [row] = await db.unsafe<(Space & { role: Role | null; status: 'active' | 'requested' | null })[]>(
    `select ${SPACE_COLUMNS}, m.role, m.status
       from spaces s
       left join memberships m on m.space_id = s.id and m.person_id = $1
      where ${where}`,
    [person?.id ?? null, value],
  );
  if (!row) throw notFound('This space');
  const { role, status, ...space } = row;
  const access = decideAccess(space, person, role && status ? { role, status } : null, anonymousRead);
  if (!access) throw notFound('This space');
  return access;
}

export function assertCanRead(access: SpaceAccess, person: Person | null): void {
  if (access.canRead) return;
  if (!person) throw unauthorized('authentication_required', 'Sign in to read this space.');
  throw forbidden(
    'space_closed',
    `"${access.space.name}" is a closed space: only its members can read it. Ask one of its stewards to add you.`,
  );
}

export function assertCanWrite(access: SpaceAccess, person: Person | null): void {
  if (access.canWrite) return;
  if (!person) throw unauthorized('authentication_required', 'Sign in to take part.');
  throw forbidden(
    'space_closed',
    `"${access.space.name}" is a closed space: only its members can take part. Ask one of its stewards to add you.`,
  );
}

export function assertCanSteward(access: SpaceAccess, person: Person | null): void {
  if (access.canSteward) return;
  if (!person) throw unauthorized('authentication_required', 'Sign in first.');
  throw forbidden('steward_only', `Only the stewards of "${access.space.name}" can do this.`);
}
