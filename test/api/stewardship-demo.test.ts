import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDemo } from '../../api/demo/seed.ts';
import { seedDemoIdeas } from '../../api/demo/seed-ideas.ts';
import { seedDemoModeration } from '../../api/stewardship/demo.ts';
import { createTestApi, type TestApi } from '../support/api.ts';

/** The demo's moderation: what a steward finds in the 'Modération' tab of the 'Tableau de bord'. */
let api: TestApi;
before(async () => {
  api = await createTestApi();
});
after(() => api.close());

const claire = { sub: 'claire.martin', name: 'Claire Martin', admin: true };
const elodie = { sub: 'elodie.petit', name: 'Élodie Petit' };
const author = { sub: 'colleague-24', name: 'A colleague' };

interface Queue {
  items: { kind: string; state: string; word: string | null; reports: { count: number; reasons: { reason: string }[] } }[];
  counts: { pending: number; reported: number; total: number };
}

describe('demo seed: moderation', () => {
  test('does nothing before the demo exists, then seeds once', async () => {
    const sql = api.db.database.sql;
    assert.equal(await seedDemoModeration(sql), false, 'no demo yet');
    assert.equal(await seedDemo(sql), true);
    assert.equal(await seedDemoIdeas(sql), true);
    assert.equal(await seedDemoModeration(sql), true);
    assert.equal(await seedDemoModeration(sql), false, 'a second start does not seed again');
  });

  test('the stewards’ queue: a comment held by the word list, a comment and an idea reported, with reasons', async () => {
    const { status, body } = await api.get<Queue>('/api/moderation?space=general', { as: claire });
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(body.counts, { pending: 1, reported: 2, total: 3 });
    const held = body.items.find((i) => i.state === 'pending')!;
    assert.equal(held.word, 'incompétents');
    const reported = body.items.filter((i) => i.state === 'reported').map((i) => [i.kind, i.reports.count]);
    assert.deepEqual(reported.sort(), [['comment', 2], ['idea', 1]]);
    assert.equal((await api.get('/api/moderation?space=general', { as: elodie })).status, 403, 'not for a member');
  });

  test('the log keeps the settings and an earlier hiding; its author was told why', async () => {
    const { body } = await api.get<{ entries: { action: string; reason: string | null; by: { name: string } | null }[] }>('/api/moderation/log?space=general', { as: claire });
    assert.deepEqual(body.entries.map((e) => e.action).sort(), ['hide', 'settings']);
    assert.ok(body.entries.every((e) => e.by?.name === 'Claire Martin'));
    const told = await api.get<{ items: { kind: string; reason: string | null }[] }>('/api/notifications', { as: author });
    assert.equal(told.body.items[0]?.kind, 'post_hidden');
    assert.match(told.body.items[0]!.reason!, /collègue nommé/);
  });
});
