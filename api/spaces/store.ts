import type { Db } from '../db/database.ts';
import type { Person } from '../people/person.ts';
import { SPACE_COLUMNS, type Role, type Space } from './access.ts';

/**
 * Every statement on spaces and memberships but the access check's own read (./access.ts, the rule
 * every feature asks). The routes lock and check; these functions only read and write.
 */
export type MembershipStatus = 'active' | 'requested';

/** A space's slug and name, as another system is told them (webhooks). */
export async function loadSpaceName(db: Db, spaceId: string): Promise<{ slug: string; name: string }> {
  const [space] = await db<{ slug: string; name: string }[]>`select slug, name from spaces where id = ${spaceId}`;
  return space!;
}

/** Every space with this person's membership (if any) and its member count, the default first. */
export function listSpacesFor(
  db: Db,
  personId: string | null,
): Promise<(Space & { role: Role | null; status: MembershipStatus | null; memberCount: number })[]> {
  return db.unsafe(
    `select ${SPACE_COLUMNS}, m.role, m.status,
            (select count(*) from memberships mm where mm.space_id = s.id and mm.status = 'active')::int as member_count
       from spaces s
       left join memberships m on m.space_id = s.id and m.person_id = $1
      order by s.is_default desc, lower(s.name)`,
    [personId],
  );
}

export async function memberCount(db: Db, spaceId: string): Promise<number> {
  const [row] = await db<{ count: number }[]>`
    select count(*)::int as count from memberships where space_id = ${spaceId} and status = 'active'`;
  return row?.count ?? 0;
}

/** Locks the space's row for the rest of the transaction, so that checks on its stewards hold. */
export async function lockSpace(db: Db, spaceId: string): Promise<void> {
  await db`select id from spaces where id = ${spaceId} for update`;
}

/** How many active stewards the space has besides this person. */
export async function otherStewardCount(db: Db, spaceId: string, personId: string): Promise<number> {
  const [row] = await db<{ count: number }[]>`
    select count(*)::int as count from memberships
     where space_id = ${spaceId} and role = 'steward' and status = 'active' and person_id <> ${personId}`;
  return row?.count ?? 0;
}

/** Creates a space with its creator as first steward; null when the slug is taken. */
export async function insertSpace(
  db: Db,
  space: { slug: string; name: string; description: string; visibility: Space['visibility']; lang: string; answerPromiseHours: number | null },
  creatorId: string,
): Promise<string | null> {
  const [created] = await db<{ id: string }[]>`
    insert into spaces (slug, name, description, visibility, lang, answer_promise_hours, created_by)
    values (${space.slug}, ${space.name}, ${space.description}, ${space.visibility},
            ${space.lang}, ${space.answerPromiseHours}, ${creatorId})
    on conflict (slug) do nothing
    returning id`;
  if (!created) return null;
  await db`insert into memberships (space_id, person_id, role, added_by) values (${created.id}, ${creatorId}, 'steward', ${creatorId})`;
  return created.id;
}

export async function updateSpace(
  db: Db,
  spaceId: string,
  edit: { name?: string; description?: string; visibility?: Space['visibility']; lang?: string; answerPromiseHours?: number | null },
): Promise<void> {
  const changes: Record<string, unknown> = {};
  if (edit.name !== undefined) changes.name = edit.name;
  if (edit.description !== undefined) changes.description = edit.description;
  if (edit.visibility !== undefined) changes.visibility = edit.visibility;
  if (edit.lang !== undefined) changes.lang = edit.lang;
  if (edit.answerPromiseHours !== undefined) changes.answer_promise_hours = edit.answerPromiseHours;
  await db`update spaces set ${db(changes)}, updated_at = now() where id = ${spaceId}`;
}

/** A person joins (open space) or asks to (closed space); a membership already there is kept as it is. */
export async function requestMembership(db: Db, spaceId: string, personId: string, status: MembershipStatus): Promise<void> {
  await db`insert into memberships (space_id, person_id, role, status, added_by)
           values (${spaceId}, ${personId}, 'member', ${status}, ${personId})
           on conflict (space_id, person_id) do nothing`;
}

/** A steward adds a person, approves their request or changes their role; returns since when they are a member. */
export async function setMembership(db: Db, spaceId: string, personId: string, role: Role, addedBy: string): Promise<Date> {
  const [row] = await db<{ since: Date }[]>`
    insert into memberships (space_id, person_id, role, status, added_by)
    values (${spaceId}, ${personId}, ${role}, 'active', ${addedBy})
    on conflict (space_id, person_id) do update set role = excluded.role, status = 'active'
    returning created_at as since`;
  return row!.since;
}

/** The person's role in the space; with `activeOnly`, null while it is a request. */
export async function membershipRole(db: Db, spaceId: string, personId: string, options: { activeOnly: boolean }): Promise<Role | null> {
  const [row] = options.activeOnly
    ? await db<{ role: Role }[]>`select role from memberships where space_id = ${spaceId} and person_id = ${personId} and status = 'active'`
    : await db<{ role: Role }[]>`select role from memberships where space_id = ${spaceId} and person_id = ${personId}`;
  return row?.role ?? null;
}

export async function deleteMembership(db: Db, spaceId: string, personId: string): Promise<void> {
  await db`delete from memberships where space_id = ${spaceId} and person_id = ${personId}`;
}

export type MemberRow = Person & { role: Role; status: MembershipStatus; since: Date };

/** A page of the space's members, requests first (for stewards only), then stewards, then by name. */
export function listMembers(db: Db, spaceId: string, withRequests: boolean, offset: number, limit: number): Promise<MemberRow[]> {
  return db<MemberRow[]>`
    select p.id, p.name, p.dept, p.title, m.role, m.status, m.created_at as since
      from memberships m join people p on p.id = m.person_id
     where m.space_id = ${spaceId}
       and (m.status = 'active' or ${withRequests})
     order by m.status = 'requested' desc, m.role = 'steward' desc, lower(p.name), p.id
     limit ${limit} offset ${offset}`;
}
