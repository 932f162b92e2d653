import type { Db } from '../db/database.ts';
import { deactivatePerson, type DirectoryPerson } from './people-store.ts';
import type { parseFilter } from './scim-user.ts';

/**
 * What SCIM adds to a person (`scim_users`): the identity provider's own id for them, and whether
 * the provider deleted them (a deleted user stays a person, deactivated, and is gone for SCIM).
 */
export interface ScimLink {
  scimExternalId: string | null;
  deletedAt: Date | null;
}

export type ScimUserRow = DirectoryPerson & { scimExternalId: string | null };

export async function findScimLink(db: Db, personId: string): Promise<ScimLink | null> {
  const [link] = await db<ScimLink[]>`select scim_external_id, deleted_at from scim_users where person_id = ${personId}`;
  return link ?? null;
}

/** Records the provider's id for the person; a user written again is no longer deleted. */
export async function linkUser(db: Db, personId: string, scimExternalId: string | null): Promise<void> {
  await db`insert into scim_users (person_id, scim_external_id) values (${personId}, ${scimExternalId})
           on conflict (person_id) do update set scim_external_id = excluded.scim_external_id, deleted_at = null`;
}

/** Whether another person (than `except`) has this userName: matched exactly, as sign-in matches `sub`. */
export async function userNameTaken(db: Db, userName: string, except: string | null): Promise<boolean> {
  const [taken] = await db<{ id: string }[]>`
    select id from people where external_id = ${userName} and (${except}::uuid is null or id <> ${except}::uuid) limit 1`;
  return !!taken;
}

/** The person behind a user deleted over SCIM with this userName, if any (locked: it is about to be written). */
export async function deletedUserId(db: Db, userName: string): Promise<string | null> {
  const [row] = await db<{ id: string }[]>`
    select p.id from people p join scim_users s on s.person_id = p.id
     where p.external_id = ${userName} and s.deleted_at is not null
       for update of p`;
  return row?.id ?? null;
}

const FILTERED: Record<ReturnType<typeof parseFilter>['attribute'], string> = {
  userName: 'p.external_id = $1',
  email: 'lower(p.email) = lower($1)',
  externalId: 's.scim_external_id = $1',
  id: 'p.id = $1::uuid',
};

/** A page of the users not deleted over SCIM, matching the filter (or all), oldest first, with the total. */
export async function listUsers(
  db: Db,
  filter: ReturnType<typeof parseFilter> | null,
  offset: number,
  limit: number,
): Promise<{ users: ScimUserRow[]; total: number }> {
  const condition = `${filter ? FILTERED[filter.attribute] : '$1::text is null'} and s.deleted_at is null`;
  const value = filter?.value ?? null;
  const rows = await db.unsafe<(ScimUserRow & { total: number })[]>(
    `select p.id, p.external_id, p.name, p.email, p.dept, p.title, p.active, p.is_guest, p.created_at, p.updated_at,
            s.scim_external_id, count(*) over ()::int as total
       from people p left join scim_users s on s.person_id = p.id
      where ${condition}
      order by p.created_at, p.id
      offset $2 limit $3`,
    [value, offset, limit],
  );
  let total = rows[0]?.total;
  if (total === undefined) {
    // A page past the end has no row to carry the total.
    const [row] = await db.unsafe<{ total: number }[]>(
      `select count(*)::int as total from people p left join scim_users s on s.person_id = p.id where ${condition}`,
      [value],
    );
    total = row!.total;
  }
  return { users: rows.map(({ total: _, ...user }) => user), total };
}

/** DELETE over SCIM: the person is deactivated (what they wrote stays theirs) and gone for SCIM. */
export async function deleteUser(db: Db, personId: string): Promise<void> {
  await deactivatePerson(db, personId);
  await db`insert into scim_users (person_id, deleted_at) values (${personId}, now())
           on conflict (person_id) do update set deleted_at = now()`;
}
