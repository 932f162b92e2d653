import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApi, type TestApi } from '../support/api.ts';

/**
 * What must stop at once when a steward hides a post, a person erases their account, or the
 * directory deactivates someone: no later read may still use or show the old state.
 */
let api: TestApi;
const steward = { sub: 'steward', name: 'Stella Steward' };
const author = { sub: 'author', name: 'Ada Author' };
const searcher = { sub: 'searcher', name: 'Sam Searcher' };
const SCIM_TOKEN = 'scim-token-for-this-test-0123456789abcdef';

before(async () => {
  api = await createTestApi({ RUCHE_SCIM_TOKEN: SCIM_TOKEN });
  await api.post('/api/spaces', { slug: 'atelier', name: 'Atelier', visibility: 'open' }, { as: steward });
});
after(() => api.close());

describe('after a steward hides an idea', () => {
  test('the expert finder no longer counts it, nor shows its title', async () => {
    const idea = await api.post(
      '/api/ideas',
      { space: 'atelier', title: 'Réorganiser les tournées de livraison frigorifique', description: 'Regrouper les tournées frigorifiques par secteur.' },
      { as: author },
    );
    assert.equal(idea.status, 201, JSON.stringify(idea.body));
    const search = () => api.get(`/api/experts?q=${encodeURIComponent('tournées frigorifiques')}&space=atelier`, { as: searcher });
    const before = await search();
    assert.equal(before.status, 200);
    assert.ok(JSON.stringify(before.body).includes('Ada Author'), 'the idea counts while published');

    const hidden = await api.post(`/api/moderation/ideas/${idea.body.id}/hide`, { reason: 'Hors sujet' }, { as: steward });
    assert.equal(hidden.status, 200, JSON.stringify(hidden.body));
    const afterHiding = JSON.stringify((await search()).body);
    assert.ok(!afterHiding.includes('Ada Author'), 'a hidden idea is no evidence');
    assert.ok(!afterHiding.includes('Réorganiser les tournées'), 'and its title is not shown');
  });
});

describe('after a steward hides an idea one voted for', () => {
  test('its news no longer reach its voters, nor count as unread; its author still has them', async () => {
    const voter = { sub: 'voter', name: 'Victor Voter' };
    const idea = await api.post('/api/ideas', { space: 'atelier', title: 'Des badges pour le parking du dépôt', description: 'Un badge par équipe.' }, { as: author });
    assert.equal((await api.request('PUT', `/api/ideas/${idea.body.id}/vote`, { as: voter })).status, 200);
    assert.equal((await api.post(`/api/ideas/${idea.body.id}/status`, { status: 'under_review' }, { as: steward })).status, 200);
    const news = async (as: typeof voter) => (await api.get<{ items: { idea: { title: string } }[]; unreadCount: number }>('/api/ideas/news', { as })).body;
    const titles = (body: { items: { idea: { title: string } }[] }) => body.items.map((item) => item.idea.title);
    assert.ok(titles(await news(voter)).includes('Des badges pour le parking du dépôt'), 'news while published');
    const unreadBefore = (await news(voter)).unreadCount;

    assert.equal((await api.post(`/api/moderation/ideas/${idea.body.id}/hide`, { reason: 'Déjà traité par les services généraux' }, { as: steward })).status, 200);
    const after = await news(voter);
    assert.ok(!titles(after).includes('Des badges pour le parking du dépôt'), 'a hidden idea’s title is not in its voters’ news');
    assert.equal(after.unreadCount, unreadBefore - 1, 'nor counted as unread');
    assert.ok(titles(await news(author)).includes('Des badges pour le parking du dépôt'), 'its author still follows it');
  });
});

describe('after erasing one’s account', () => {
  test('the same token at once finds a new, empty person, not the erased one', async () => {
    const erin = { sub: 'erin', name: 'Erin Erased' };
    const first = await api.get('/api/me', { as: erin });
    const erased = await api.request('DELETE', '/api/me', { as: erin, body: { posts: 'keep_as_former_colleague', confirm: true } });
    assert.equal(erased.status, 200, JSON.stringify(erased.body));
    const again = await api.get('/api/me', { as: erin });
    assert.equal(again.status, 200);
    assert.notEqual(again.body.id, first.body.id);
    const write = await api.post('/api/comments', { subject: 'apres-effacement', body: 'Bonjour' }, { as: erin });
    assert.equal(write.status, 201, 'writing works, as the new person');
  });
});

describe('after the directory deactivates someone', () => {
  test('their next request is refused at once', async () => {
    const dan = { sub: 'dan', name: 'Dan Departed' };
    assert.equal((await api.get('/api/me', { as: dan })).status, 200);
    const scim = (method: string, path: string, body?: unknown) =>
      api.request(method, `/scim/v2${path}`, {
        headers: { authorization: `Bearer ${SCIM_TOKEN}`, 'content-type': 'application/scim+json' },
        raw: body === undefined ? undefined : JSON.stringify(body),
      });
    const found = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "dan"')}`);
    const id = found.body.Resources[0].id;
    const patched = await scim('PATCH', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    const refused = await api.get('/api/me', { as: dan });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'account_disabled');
  });
});
