import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { migrate } from '../../api/db/migrate.ts';
import { canReadSpaceSql, personReader } from '../../api/spaces/access-sql.ts';
import type { Person } from '../../api/people/person.ts';
import { decideAccess, SPACE_COLUMNS, type Space, type Visibility } from '../../api/spaces/access.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/**
 * The expert finder weighs content from many spaces in one query, so it says "may read" in SQL
 * (api/spaces/access-sql.ts). That SQL must agree with decideAccess, the one rule of
 * api/spaces/access.ts, on every combination — checked here, exhaustively.
 */
let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
  await migrate(db.database.sql);
});
after(() => db.dispose());

const visibilities: Visibility[] = ['open', 'closed', 'secret'];
const memberships = [null, { role: 'member', status: 'active' }, { role: 'steward', status: 'active' }, { role: 'member', status: 'requested' }] as const;

describe('the SQL "may read this space" agrees with decideAccess', () => {
  test('for every visibility, admin or not, guest or not, membership, and anonymous reading', async () => {
    const sql = db.database.sql;
    const spaces: Space[] = [];
    for (const visibility of visibilities) {
      const [row] = await sql<{ id: string }[]>`
        insert into spaces (slug, name, visibility, lang) values (${`s-${visibility}`}, ${visibility}, ${visibility}, 'fr') returning id`;
      const [space] = await sql.unsafe<Space[]>(`select ${SPACE_COLUMNS} from spaces s where s.id = $1`, [row!.id]);
      spaces.push(space!);
    }

    let checked = 0;
    const mismatches: string[] = [];
    const check = async (person: Person | null, membership: (typeof memberships)[number], anonymousRead: boolean) => {
      for (const space of spaces) {
        const expected = decideAccess(space, person, membership, anonymousRead)?.canRead ?? false;
        const reader = { id: '$1::uuid', admin: '$2::boolean', guest: '$3::boolean', anonymousRead: '$4::boolean' };
        const [byParameters] = await sql.unsafe<{ canRead: boolean }[]>(
          `select ${canReadSpaceSql('s', reader)} as can_read from spaces s where s.id = $5`,
          [person?.id ?? null, person?.isAdmin ?? false, person?.isGuest ?? false, anonymousRead, space.id],
        );
        const what = `${space.visibility} space, ${person ? `${person.isAdmin ? 'admin' : ''}${person.isGuest ? 'guest' : ''}${!person.isAdmin && !person.isGuest ? 'employee' : ''}` : 'anonymous'}, ${membership ? `${membership.role} ${membership.status}` : 'no membership'}, anonymous reading ${anonymousRead}`;
        if (byParameters!.canRead !== expected) mismatches.push(`${what}: SQL says ${byParameters!.canRead}, decideAccess ${expected}`);
        if (person) {
          // The same rule read from a people row (who may be told about a question).
          const [byRow] = await sql.unsafe<{ canRead: boolean }[]>(
            `select ${canReadSpaceSql('s', personReader('p'))} as can_read from spaces s, people p where s.id = $1 and p.id = $2`,
            [space.id, person.id],
          );
          if (byRow!.canRead !== (decideAccess(space, person, membership, false)?.canRead ?? false)) mismatches.push(`${what} (people row)`);
        }
        checked++;
      }
    };

    let n = 0;
    for (const isAdmin of [false, true]) {
      for (const isGuest of [false, true]) {
        for (const membership of memberships) {
          const [row] = await sql<{ id: string }[]>`
            insert into people (external_id, name, is_admin, is_guest) values (${`p${n++}`}, 'Someone', ${isAdmin}, ${isGuest}) returning id`;
          const person: Person = {
            id: row!.id, externalId: `p${n}`, name: 'Someone', email: null, dept: null, title: null, lang: null, isAdmin, isGuest, active: true,
          };
          if (membership) {
            for (const space of spaces) {
              await sql`insert into memberships (space_id, person_id, role, status) values (${space.id}, ${person.id}, ${membership.role}, ${membership.status})`;
            }
          }
          for (const anonymousRead of [false, true]) await check(person, membership, anonymousRead);
        }
      }
    }
    for (const anonymousRead of [false, true]) await check(null, null, anonymousRead);

    assert.deepEqual(mismatches, []);
    assert.equal(checked, 3 * (2 * 2 * 4 * 2 + 2));
  });
});
