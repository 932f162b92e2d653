import type { Db } from '../db/database.ts';

export interface Person {
  id: string;
  externalId: string;
  name: string;
  email: string | null;
  dept: string | null;
  title: string | null;
  lang: 'fr' | 'en' | null;
  isAdmin: boolean;
  isGuest: boolean;
  active: boolean;
}

/** What the intranet tells us about a person, from a token or the SSO proxy's headers. */
export interface IdentityClaims {
  externalId: string;
  name: string;
  email?: string | undefined;
  dept?: string | undefined;
  title?: string | undefined;
  lang?: 'fr' | 'en' | undefined;
  isAdmin: boolean;
  /** Undefined when the intranet did not say: the stored flag (e.g. set by the directory) is kept. */
  isGuest: boolean | undefined;
}

const PERSON_COLUMNS = 'id, external_id, name, email, dept, title, lang, is_admin, is_guest, active';

/**
 * Creates the person on first sight and keeps their details in step with the intranet. The intranet
 * is the source of truth: name, department and admin flag follow what it says each time; the guest
 * flag too when it says something (else the stored one, which the directory may have set, stays).
 *
 * The row is written only when something changed: a person seen again, unchanged, costs a read.
 */
export async function upsertPerson(db: Db, claims: IdentityClaims): Promise<Person> {
  const params = [
    claims.externalId,
    claims.name,
    claims.email ?? null,
    claims.dept ?? null,
    claims.title ?? null,
    claims.lang ?? null,
    claims.isAdmin,
    claims.isGuest ?? null,
  ];
  const [person] = await db.unsafe<Person[]>(
    `with upserted as (
       insert into people as p (external_id, name, email, dept, title, lang, is_admin, is_guest)
       values ($1, $2, $3, $4, $5, $6, $7, coalesce($8::boolean, false))
       on conflict (external_id) do update set
         name = excluded.name,
         email = coalesce(excluded.email, p.email),
         dept = coalesce(excluded.dept, p.dept),
         title = coalesce(excluded.title, p.title),
         lang = coalesce(excluded.lang, p.lang),
         is_admin = excluded.is_admin,
         is_guest = coalesce($8::boolean, p.is_guest),
         updated_at = now()
       where (p.name, p.email, p.dept, p.title, p.lang, p.is_admin, p.is_guest)
         is distinct from (excluded.name, coalesce(excluded.email, p.email), coalesce(excluded.dept, p.dept),
           coalesce(excluded.title, p.title), coalesce(excluded.lang, p.lang), excluded.is_admin, coalesce($8::boolean, p.is_guest))
       returning ${PERSON_COLUMNS}
     )
     select ${PERSON_COLUMNS} from upserted
     union all
     select ${PERSON_COLUMNS} from people where external_id = $1 and not exists (select 1 from upserted)`,
    params,
  );
  if (person) return person;
  // Unchanged, and first written by a request that committed after this statement began: read it now.
  const [existing] = await db.unsafe<Person[]>(`select ${PERSON_COLUMNS} from people where external_id = $1`, [claims.externalId]);
  return existing!;
}

export async function findPerson(db: Db, id: string): Promise<Person | null> {
  const [person] = await db.unsafe<Person[]>(`select ${PERSON_COLUMNS} from people where id = $1`, [id]);
  return person ?? null;
}

/** The public view of a person: what colleagues may see on a card. */
export function personCard(person: Pick<Person, 'id' | 'name' | 'dept' | 'title'>) {
  return { id: person.id, name: person.name, dept: person.dept, title: person.title };
}
