import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDemo } from '../../api/demo/seed.ts';
import { migrate } from '../../api/db/migrate.ts';
import { seedDemoProfiles } from '../../api/experts/demo.ts';
import { scheduleEscalations } from '../../api/experts/questions-store.ts';
import { rankExperts } from '../../api/experts/ranking.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
  await migrate(db.database.sql);
});
after(() => db.dispose());

describe('the demo intranet’s experts', () => {
  test('demo profiles, on top of the demo seed, make the finder find the help desk’s expert', async () => {
    const sql = db.database.sql;
    assert.equal(await seedDemoProfiles(sql), false, 'nothing to do before the demo people exist');
    await seedDemo(sql);
    assert.equal(await seedDemoProfiles(sql), true);
    assert.equal(await seedDemoProfiles(sql), false, 'once');

    const [searcher] = await sql<{ id: string }[]>`select id from people where external_id = 'elodie.petit'`;
    const ranked = await rankExperts(sql, { id: searcher!.id, isAdmin: false, isGuest: false }, 'TVA allemande', { limit: 5 });
    const [karim] = await sql<{ id: string }[]>`select id from people where external_id = 'karim.haddad'`;
    assert.equal(ranked[0]?.personId, karim!.id);
    assert.equal(ranked[0]!.reasons[0]!.kind, 'accepted_answers', 'from the demo seed’s help-desk question');
  });

  test('escalations also run on a timer', async () => {
    const sql = db.database.sql;
    // The demo's question still waiting, made overdue.
    const [waiting] = await sql<{ id: string }[]>`
      select c.id from comments c where c.is_question and c.answered_at is null and c.status = 'published' order by c.created_at desc limit 1`;
    await sql`update comments set created_at = now() - interval '3 days' where id = ${waiting!.id}`;
    const stop = scheduleEscalations(sql, null, 50);
    try {
      for (let i = 0; i < 100; i++) {
        if ((await sql`select 1 from expert_questions where question_id = ${waiting!.id} and escalated_at is not null`).length) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      stop();
    }
    const told = await sql`select reason from expert_notifications where question_id = ${waiting!.id}`;
    assert.ok(told.length > 0, 'the next experts and the stewards were told');
  });
});
