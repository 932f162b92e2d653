import type { Db } from '../db/database.ts';

/**
 * People as the company directory knows them, before they ever open a Ruche widget: pushed by the
 * identity provider over SCIM, or imported from a CSV export. The directory's id for a person is
 * `people.external_id`, the same value the intranet's tokens carry as `sub`, so the person created
 * here and the person who later arrives with a token are one row. It is compared exactly, case
 * included, everywhere (sign-in, SCIM, CSV): the directory must write it as the tokens do.
 *
 * The directory never makes anyone an admin (that is RUCHE_ADMINS or the token's claim), and a
 * token never reactivates someone the directory deactivated.
 */
export interface DirectoryRecord {
  externalId: string;
  name: string;
  email: string | null;
  dept: string | null;
  title: string | null;
  /** Undefined: unchanged (or active, for someone new). */
  active?: boolean | undefined;
  /** Undefined: unchanged (or an employee, for someone new). */
  isGuest?: boolean | undefined;
}

export interface DirectoryPerson {
  id: string;
  externalId: string;
  name: string;
  email: string | null;
  dept: string | null;
  title: string | null;
  active: boolean;
  isGuest: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = 'id, external_id, name, email, dept, title, active, is_guest, created_at, updated_at';

export async function findByExternalId(db: Db, externalId: string, options: { lock?: boolean } = {}): Promise<DirectoryPerson | null> {
  const [row] = await db.unsafe<DirectoryPerson[]>(
    `select ${COLUMNS} from people where external_id = $1 ${options.lock ? 'for update' : ''}`,
    [externalId],
  );
  return row ?? null;
}

export async function findById(db: Db, id: string, options: { lock?: boolean } = {}): Promise<DirectoryPerson | null> {
  const [row] = await db.unsafe<DirectoryPerson[]>(`select ${COLUMNS} from people where id = $1 ${options.lock ? 'for update' : ''}`, [id]);
  return row ?? null;
}

/** Creates the person; null when someone already has this external id (a race lost, or a duplicate). */
export async function createPerson(db: Db, record: DirectoryRecord): Promise<DirectoryPerson | null> {
  const [row] = await db.unsafe<DirectoryPerson[]>(
    `insert into people (external_id, name, email, dept, title, active, is_guest)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (external_id) do nothing
     returning ${COLUMNS}`,
    [record.externalId, record.name, record.email, record.dept, record.title, record.active ?? true, record.isGuest ?? false],
  );
  return row ?? null;
}

/** Sets the person's details to exactly these (active and guest only when given). */
export async function updatePerson(db: Db, id: string, record: DirectoryRecord): Promise<DirectoryPerson> {
  const [row] = await db.unsafe<DirectoryPerson[]>(
    `update people set
       external_id = $2, name = $3, email = $4, dept = $5, title = $6,
       active = coalesce($7, active), is_guest = coalesce($8, is_guest),
       updated_at = case
         when (external_id, name, email, dept, title, active, is_guest)
           is distinct from ($2, $3, $4, $5, $6, coalesce($7, active), coalesce($8, is_guest))
         then now() else updated_at end
     where id = $1
     returning ${COLUMNS}`,
    [id, record.externalId, record.name, record.email, record.dept, record.title, record.active ?? null, record.isGuest ?? null],
  );
  return row!;
}

/** Deactivates the person (they can no longer sign in; what they wrote stays theirs). */
export async function deactivatePerson(db: Db, id: string): Promise<void> {
  await db`update people set active = false, updated_at = now() where id = ${id} and active`;
}

/** Whether applying the record would change anything (for "unchanged" in import reports). */
export function differs(person: DirectoryPerson, record: DirectoryRecord): boolean {
  return (
    person.externalId !== record.externalId ||
    person.name !== record.name ||
    person.email !== record.email ||
    person.dept !== record.dept ||
    person.title !== record.title ||
    (record.active !== undefined && person.active !== record.active) ||
    (record.isGuest !== undefined && person.isGuest !== record.isGuest)
  );
}
