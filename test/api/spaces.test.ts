import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
before(async () => {
  api = await createTestApi();
});
after(() => api.close());

const alice = { sub: 'alice', name: 'Alice Steward' };
const bob = { sub: 'bob', name: 'Bob Employee' };
const carol = { sub: 'carol', name: 'Carol Member' };
const guest = { sub: 'gus', name: 'Gus Partner', guest: true };
const admin = { sub: 'root', name: 'Ada Admin', admin: true };

async function idOf(as: { sub: string; name: string }) {
  return (await api.get('/api/me', { as })).body.id as string;
}

async function createSpace(slug: string, visibility: 'open' | 'closed' | 'secret', as = alice) {
  const answer = await api.post('/api/spaces', { slug, name: `Space ${slug}`, visibility, lang: 'fr', answerPromiseHours: 24 }, { as });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}

describe('spaces', () => {
  test('a default open space exists and everyone can read and write in it', async () => {
    const { body } = await api.get('/api/spaces', { as: bob });
    const general = body.spaces[0];
    assert.equal(general.isDefault, true);
    assert.equal(general.visibility, 'open');
    assert.equal(general.canRead, true);
    assert.equal(general.canWrite, true);
    assert.equal(general.canSteward, false);
  });

  test('the creator of a space is its first steward', async () => {
    const space = await createSpace('compta', 'open');
    assert.equal(space.myRole, 'steward');
    assert.equal(space.canSteward, true);
    assert.equal(space.memberCount, 1);
    assert.equal(space.answerPromiseHours, 24);
  });

  test('a slug can be used once', async () => {
    await createSpace('unique-slug', 'open');
    const again = await api.post('/api/spaces', { slug: 'unique-slug', name: 'Again', visibility: 'open' }, { as: bob });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'slug_taken');
  });

  test('a closed space is visible to employees, but its members list is refused to non-members', async () => {
    await createSpace('direction', 'closed');
    const seen = await api.get('/api/spaces/direction', { as: bob });
    assert.equal(seen.status, 200);
    assert.equal(seen.body.canRead, false);
    const members = await api.get('/api/spaces/direction/members', { as: bob });
    assert.equal(members.status, 403);
    assert.equal(members.body.error.code, 'space_closed');
  });

  test('a secret space does not exist for non-members (404), in lists as in direct access', async () => {
    await createSpace('projet-x', 'secret');
    assert.equal((await api.get('/api/spaces/projet-x', { as: bob })).status, 404);
    assert.equal((await api.get('/api/spaces/projet-x/members', { as: bob })).status, 404);
    assert.equal((await api.post('/api/spaces/projet-x/join', undefined, { as: bob })).status, 404);
    const list = await api.get('/api/spaces', { as: bob });
    assert.ok(!list.body.spaces.some((s: { slug: string }) => s.slug === 'projet-x'));
    assert.equal((await api.get('/api/spaces/projet-x', { as: admin })).status, 200, 'admins see everything');
  });

  test('joining: open spaces at once, closed spaces on a steward’s approval', async () => {
    await createSpace('rh-open', 'open');
    const joined = await api.post('/api/spaces/rh-open/join', undefined, { as: bob });
    assert.equal(joined.body.myRole, 'member');

    await createSpace('rh-closed', 'closed');
    const asked = await api.post('/api/spaces/rh-closed/join', undefined, { as: bob });
    assert.equal(asked.status, 200);
    assert.equal(asked.body.myRole, null);
    assert.equal(asked.body.requested, true);
    assert.equal(asked.body.canRead, false);

    const pending = await api.get('/api/spaces/rh-closed/members', { as: alice });
    assert.ok(pending.body.members.some((m: { person: { name: string }; status: string }) => m.person.name === 'Bob Employee' && m.status === 'requested'));

    const approved = await api.request('PUT', `/api/spaces/rh-closed/members/${await idOf(bob)}`, { as: alice, body: { role: 'member' } });
    assert.equal(approved.status, 200);
    assert.equal((await api.get('/api/spaces/rh-closed', { as: bob })).body.canRead, true);
  });

  test('guests see only the spaces they were added to, even open ones', async () => {
    await createSpace('carrosseries', 'closed');
    const guestId = await idOf(guest);
    let list = await api.get('/api/spaces', { as: guest });
    assert.deepEqual(list.body.spaces, [], 'nothing before being added, not even the default space');
    assert.equal((await api.get('/api/spaces/general', { as: guest })).status, 404);

    const added = await api.request('PUT', `/api/spaces/carrosseries/members/${guestId}`, { as: alice, body: { role: 'member' } });
    assert.equal(added.status, 200);
    list = await api.get('/api/spaces', { as: guest });
    assert.deepEqual(list.body.spaces.map((s: { slug: string }) => s.slug), ['carrosseries']);

    const join = await api.post('/api/spaces/compta/join', undefined, { as: guest });
    assert.equal(join.status, 404, 'an open space is invisible to a guest who was not added');
    const create = await api.post('/api/spaces', { slug: 'guest-space', name: 'Mine', visibility: 'open' }, { as: guest });
    assert.equal(create.status, 403);
  });

  test('only stewards change a space or its members', async () => {
    await createSpace('logistique', 'open');
    await api.post('/api/spaces/logistique/join', undefined, { as: carol });
    const patch = await api.request('PATCH', '/api/spaces/logistique', { as: carol, body: { name: 'Hijacked' } });
    assert.equal(patch.status, 403);
    assert.equal(patch.body.error.code, 'steward_only');
    const promote = await api.request('PUT', `/api/spaces/logistique/members/${await idOf(carol)}`, { as: carol, body: { role: 'steward' } });
    assert.equal(promote.status, 403);
    const { body } = await api.get('/api/spaces/logistique', { as: carol });
    assert.equal(body.name, 'Space logistique', 'nothing changed');

    const ok = await api.request('PATCH', '/api/spaces/logistique', { as: alice, body: { name: 'Logistique', answerPromiseHours: 48 } });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.name, 'Logistique');
  });

  test('a space keeps at least one steward', async () => {
    await createSpace('solo', 'open');
    const leave = await api.post('/api/spaces/solo/leave', undefined, { as: alice });
    assert.equal(leave.status, 409);
    assert.equal(leave.body.error.code, 'last_steward');
    const demote = await api.request('PUT', `/api/spaces/solo/members/${await idOf(alice)}`, { as: alice, body: { role: 'member' } });
    assert.equal(demote.status, 409);

    await api.post('/api/spaces/solo/join', undefined, { as: bob });
    await api.request('PUT', `/api/spaces/solo/members/${await idOf(bob)}`, { as: alice, body: { role: 'steward' } });
    const [first, second] = await Promise.all([
      api.post('/api/spaces/solo/leave', undefined, { as: alice }),
      api.post('/api/spaces/solo/leave', undefined, { as: bob }),
    ]);
    assert.deepEqual([first.status, second.status].sort(), [204, 409], 'two stewards leaving at once: one stays');
  });

  test('leaving and being removed', async () => {
    await createSpace('cafe', 'open');
    await api.post('/api/spaces/cafe/join', undefined, { as: bob });
    assert.equal((await api.post('/api/spaces/cafe/leave', undefined, { as: bob })).status, 204);
    assert.equal((await api.get('/api/spaces/cafe', { as: bob })).body.myRole, null);

    await api.post('/api/spaces/cafe/join', undefined, { as: bob });
    const removed = await api.request('DELETE', `/api/spaces/cafe/members/${await idOf(bob)}`, { as: alice });
    assert.equal(removed.status, 204);
    const byNobody = await api.request('DELETE', `/api/spaces/cafe/members/${await idOf(alice)}`, { as: carol });
    assert.equal(byNobody.status, 403);
  });

  test('the default space stays open', async () => {
    const answer = await api.request('PATCH', '/api/spaces/general', { as: admin, body: { visibility: 'secret' } });
    assert.equal(answer.status, 409);
  });
});
