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
  isGuest: boolean;
}

const PERSON_COLUMNS = 'id, external_id, name, email, dept, title, lang, is_admin, is_guest, active';

/**
 * Creates the person on first sight and keeps their details in step with the intranet. The intranet
 * is the source of truth: name, department, admin and guest flags follow what it says each time.
 */
export async function upsertPerson(db: Db, claims: IdentityClaims): Promise<Person> {
  const [person] = await db.unsafe<Person[]>(
    `insert into people (external_id, name, email, dept, title, lang, is_admin, is_guest)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (external_id) do update set
       name = excluded.name,
       email = coalesce(excluded.email, people.email),
       dept = coalesce(excluded.dept, people.dept),
       title = coalesce(excluded.title, people.title),
       lang = coalesce(excluded.lang, people.lang),
       is_admin = excluded.is_admin,
       is_guest = excluded.is_guest,
       updated_at = case
         when (people.name, people.email, people.dept, people.title, people.lang, people.is_admin, people.is_guest)
           is distinct from (excluded.name, coalesce(excluded.email, people.email), coalesce(excluded.dept, people.dept),
             coalesce(excluded.title, people.title), coalesce(excluded.lang, people.lang), excluded.is_admin, excluded.is_guest)
         then now() else people.updated_at end
     returning ${PERSON_COLUMNS}`,
    [
      claims.externalId,
      claims.name,
      claims.email ?? null,
      claims.dept ?? null,
      claims.title ?? null,
      claims.lang ?? null,
      claims.isAdmin,
      claims.isGuest,
    ],
  );
  return person!;
}

export async function findPerson(db: Db, id: string): Promise<Person | null> {
  const [person] = await db.unsafe<Person[]>(`select ${PERSON_COLUMNS} from people where id = $1`, [id]);
  return person ?? null;
}

/** The public view of a person: what colleagues may see on a card. */
export function personCard(person: Pick<Person, 'id' | 'name' | 'dept' | 'title'>) {
  return { id: person.id, name: person.name, dept: person.dept, title: person.title };
}
