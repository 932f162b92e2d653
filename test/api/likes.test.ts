import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
const alice = { sub: 'alice', name: 'Alice' };
const bob = { sub: 'bob', name: 'Bob' };

before(async () => {
  api = await createTestApi();
});
after(() => api.close());

const batch = (keys: string[], space?: string) => {
  const params = new URLSearchParams();
  if (space) params.set('space', space);
  for (const key of keys) params.append('s', key);
  return `/api/likes?${params}`;
};

describe('likes on subjects', () => {
  test('PUT likes and DELETE unlikes; repeating either changes nothing', async () => {
    const like = () => api.request('PUT', '/api/likes', { as: alice, body: { subject: 'actu-1' } });
    assert.deepEqual((await like()).body, { count: 1, liked: true });
    assert.deepEqual((await like()).body, { count: 1, liked: true });
    const unlike = () => api.request('DELETE', '/api/likes?subject=actu-1', { as: alice });
    assert.deepEqual((await unlike()).body, { count: 0, liked: false });
    assert.deepEqual((await unlike()).body, { count: 0, liked: false });
  });

  test('one request answers for a whole news list, unknown subjects included', async () => {
    const keys = Array.from({ length: 100 }, (_, i) => `actu-batch-${i}`);
    await api.request('PUT', '/api/likes', { as: alice, body: { subject: keys[3] } });
    await api.request('PUT', '/api/likes', { as: bob, body: { subject: keys[3] } });
    await api.request('PUT', '/api/likes', { as: bob, body: { subject: keys[7] } });
    const { status, body } = await api.get(batch(keys), { as: alice });
    assert.equal(status, 200);
    assert.equal(Object.keys(body.likes).length, 100);
    assert.deepEqual(body.likes[keys[3]!], { count: 2, liked: true });
    assert.deepEqual(body.likes[keys[7]!], { count: 1, liked: false });
    assert.deepEqual(body.likes[keys[0]!], { count: 0, liked: false });
    const created = await api.db.database.sql`select count(*)::int as n from subjects where key like 'actu-batch-%'`;
    assert.equal(created[0]!.n, 2, 'reading does not create subjects');
  });

  test('URL subjects are normalised, so the same page gets the same likes', async () => {
    await api.request('PUT', '/api/likes', { as: alice, body: { subject: 'https://intra.example.com/a?utm_source=x#top' } });
    const { body } = await api.get(batch(['https://INTRA.example.com/a']), { as: bob });
    assert.deepEqual(body.likes['https://intra.example.com/a'], { count: 1, liked: false });
  });

  test('a batch in a URL is limited to 200 subjects', async () => {
    const keys = Array.from({ length: 201 }, (_, i) => `k${i}`);
    const answer = await api.get(batch(keys), { as: alice });
    assert.equal(answer.status, 400);
  });

  test('a longer list asks in one POST /api/likes/query (up to 1000 subjects), which creates nothing', async () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `actu-longue-liste-${i}`);
    await api.request('PUT', '/api/likes', { as: bob, body: { subject: keys[999] } });
    const before = await api.db.database.sql`select count(*)::int as subjects from subjects`;
    const { status, body } = await api.post('/api/likes/query', { subjects: keys }, { as: alice });
    assert.equal(status, 200);
    assert.equal(Object.keys(body.likes).length, 1000);
    assert.deepEqual(body.likes[keys[999]!], { count: 1, liked: false });
    assert.deepEqual(body.likes[keys[0]!], { count: 0, liked: false });
    const anonymous = await api.post('/api/likes/query', { subjects: ['https://INTRA.example.com/a#x'] });
    assert.equal(anonymous.status, 401, 'anonymous reading is off here, as for GET');
    const after = await api.db.database.sql`select count(*)::int as subjects from subjects`;
    assert.deepEqual(after, before, 'no subject created');
  });

  test('a POSTed query is a read: it costs no write of the person’s allowance', async () => {
    const strict = await createTestApi({ RUCHE_WRITE_RATE: '1', RUCHE_WRITE_BURST: '2' });
    try {
      for (let i = 0; i < 5; i++) assert.equal((await strict.post('/api/likes/query', { subjects: ['a', 'b'] }, { as: alice })).status, 200);
      assert.equal((await strict.request('PUT', '/api/likes', { as: alice, body: { subject: 'a' } })).status, 200, 'the writes are still all there');
    } finally {
      await strict.close();
    }
  });

  test('a query over 1000 subjects, or without any, is a 400 that says why', async () => {
    const over = await api.post('/api/likes/query', { subjects: Array.from({ length: 1001 }, (_, i) => `k${i}`) }, { as: alice });
    assert.equal(over.status, 400);
    assert.equal(over.body.error.code, 'invalid_request');
    assert.match(JSON.stringify(over.body.error), /subjects/);
    assert.equal((await api.post('/api/likes/query', { subjects: [] }, { as: alice })).status, 400);
    assert.equal((await api.post('/api/likes/query', { s: ['a'] }, { as: alice })).status, 400, 'unknown fields are refused');
  });

  test('200 people liking the same subject at once make exactly 200 likes', async () => {
    const people = Array.from({ length: 200 }, (_, i) => ({ sub: `fan-${i}`, name: `Fan ${i}` }));
    const answers = await Promise.all(people.map((as) => api.request('PUT', '/api/likes', { as, body: { subject: 'populaire' } })));
    assert.ok(answers.every((a) => a.status === 200));
    const { body } = await api.get(batch(['populaire']), { as: alice });
    assert.equal(body.likes.populaire.count, 200);
  });

  test('who liked, most recent first', async () => {
    await api.request('PUT', '/api/likes', { as: { sub: 'zoe', name: 'Zoé Lambert' }, body: { subject: 'qui' } });
    await api.request('PUT', '/api/likes', { as: { sub: 'yann', name: 'Yann Kerr' }, body: { subject: 'qui' } });
    const { body } = await api.get('/api/likes/people?subject=qui', { as: alice });
    assert.equal(body.count, 2);
    assert.deepEqual(body.people.map((p: { name: string }) => p.name), ['Yann Kerr', 'Zoé Lambert']);
  });

  test('anonymous people cannot like; people outside a closed space cannot read its likes', async () => {
    const anonymous = await api.request('PUT', '/api/likes', { body: { subject: 'x' } });
    assert.equal(anonymous.status, 401);
    await api.post('/api/spaces', { slug: 'ferme', name: 'Fermé', visibility: 'closed' }, { as: alice });
    assert.equal((await api.get(batch(['x'], 'ferme'), { as: bob })).status, 403);
    assert.equal((await api.request('PUT', '/api/likes', { as: bob, body: { space: 'ferme', subject: 'x' } })).status, 403);
  });
});
