/**
 * "May this person read that space?" as SQL, for queries that weigh content from many spaces at once
 * (evidence for the expert finder, who may be told about a question). It is the rule of
 * `decideAccess` (api/spaces/access.ts), `canRead`, written once more in SQL:
 *
 *   admin  or  active member (any role)  or  (open space and not a guest and (signed in or anonymous reading))
 *
 * test/api/experts-access.test.ts checks the two agree on every combination of visibility,
 * admin, guest, membership and anonymous reading. Change both together.
 */
export interface Reader {
  /** SQL for the reader's person id (uuid, may be null for anonymous). */
  id: string;
  /** SQL for a boolean: the reader is an admin. */
  admin: string;
  /** SQL for a boolean: the reader is a guest. */
  guest: string;
  /** SQL for a boolean: RUCHE_ANONYMOUS_READ. */
  anonymousRead: string;
}

/** A boolean SQL expression: the reader may read the space aliased `space` (which has `id` and `visibility`). */
export function canReadSpaceSql(space: string, reader: Reader): string {
  return `(${reader.admin}
    or exists (select 1 from memberships rm
                where rm.space_id = ${space}.id and rm.person_id = ${reader.id} and rm.status = 'active')
    or (${space}.visibility = 'open' and not ${reader.guest} and (${reader.id} is not null or ${reader.anonymousRead})))`;
}

/** The reader is a row of `people` aliased `person` (a signed-in person: anonymous reading does not matter). */
export const personReader = (person: string): Reader => ({
  id: `${person}.id`,
  admin: `${person}.is_admin`,
  guest: `${person}.is_guest`,
  anonymousRead: 'false',
});
