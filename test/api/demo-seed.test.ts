import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ARTICLE, HELP_PAGE, seedDemo } from '../../api/demo/seed.ts';
import { migrate } from '../../api/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { createTestApi } from '../support/api.ts';

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
  await migrate(db.database.sql);
});
after(() => db.dispose());

describe('demo seed', () => {
  test('fills an empty database with believable activity, once', async () => {
    assert.equal(await seedDemo(db.database.sql), true);
    const sql = db.database.sql;
    const [counts] = await sql<{ people: number; comments: number; likes: number; spaces: number }[]>`
      select (select count(*) from people)::int as people, (select count(*) from comments)::int as comments,
             (select count(*) from likes)::int as likes, (select count(*) from spaces)::int as spaces`;
    assert.ok(counts!.people >= 40 && counts!.comments >= 10 && counts!.likes >= 100 && counts!.spaces >= 4, JSON.stringify(counts));
    const questions = await sql<{ answered: boolean; accepted: boolean }[]>`
      select c.answered_at is not null as answered, c.accepted_answer_id is not null as accepted
        from comments c join subjects s on s.id = c.subject_id where s.key = ${HELP_PAGE} and c.is_question order by c.created_at`;
    assert.deepEqual(questions.map((q) => q.answered), [true, true, false], 'one answered late, one in time, one waiting');
    assert.ok(questions.some((q) => q.accepted));
    assert.equal((await sql`select 1 from subjects where key = ${ARTICLE}`).length, 1);

    assert.equal(await seedDemo(sql), false, 'a second start does not seed again');
    const [again] = await sql<{ comments: number }[]>`select count(*)::int as comments from comments`;
    assert.equal(again!.comments, counts!.comments);
  });

  test('never runs against a database that already holds data', async () => {
    const api = await createTestApi();
    try {
      await api.get('/api/me', { as: { sub: 'real.person', name: 'Real Person' } });
      assert.equal(await seedDemo(api.db.database.sql), false);
      const [row] = await api.db.database.sql<{ n: number }[]>`select count(*)::int as n from comments`;
      assert.equal(row!.n, 0);
    } finally {
      await api.close();
    }
  });
});
