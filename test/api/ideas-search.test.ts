import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { IdeaDetail, IdeaPage, SimilarIdeas } from '../../shared/api-types.ts';
import { createTestApi, type TestApi } from '../support/api.ts';

/**
 * Suggestions while a title is typed, so that people vote instead of duplicating: PostgreSQL
 * full-text search in the space's language, accents and word forms ignored, on both databases.
 */
let api: TestApi;
const steward = { sub: 'steward', name: 'Carol Animatrice' };
const alice = { sub: 'alice', name: 'Alice' };
const bob = { sub: 'bob', name: 'Bob' };
const ideas: Record<string, IdeaDetail> = {};

async function submit(key: string, space: string, title: string, description = 'Sans détails.', as: { sub: string; name: string } = alice) {
  const answer = await api.post<IdeaDetail>('/api/ideas', { space, title, description }, { as });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  ideas[key] = answer.body;
}

before(async () => {
  api = await createTestApi();
  await api.post('/api/spaces', { slug: 'magasins', name: 'Magasins', visibility: 'open', lang: 'fr' }, { as: steward });
  await api.post('/api/spaces', { slug: 'london', name: 'London office', visibility: 'open', lang: 'en' }, { as: steward });
  await api.post('/api/spaces', { slug: 'comex', name: 'Comex', visibility: 'closed', lang: 'fr' }, { as: steward });
  await submit('tournees', 'magasins', 'Réorganiser les tournées de livraison', 'Regrouper les **livraisons** par quartier.');
  await submit('idee', 'magasins', 'Une idée pour le parking vélo');
  await submit('parkingDescription', 'magasins', 'Des places réservées', 'Au parking, garder des places pour le covoiturage.');
  await submit('salles', 'magasins', 'Book meeting rooms online', 'Written in English in a French space.');
  await submit('caisse', 'magasins', 'Élargir les horaires des caisses automatiques');
  await submit('routes', 'london', 'Better delivery routes for our stores', 'Plan routes with the drivers.');
  await submit('canteen', 'london', 'A healthier canteen menu');
  await submit('secret', 'comex', 'Réorganiser le comité de direction', 'Confidentiel.', steward);
});
after(() => api.close());

async function similar(space: string, text: string, as = bob) {
  const answer = await api.get<SimilarIdeas>(`/api/ideas/similar?${new URLSearchParams({ space, q: text })}`, { as });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.ideas.map((i) => i.id);
}

describe('similar ideas while typing a title', () => {
  const cases: [string, string, string, string][] = [
    ['without accents', 'magasins', 'idee', 'idee'],
    ['with accents where the idea has none', 'magasins', 'répartir les sàlles de meeting', 'salles'],
    ['another form of the word (plural, verb)', 'magasins', 'livraisons', 'tournees'],
    ['in capitals and without accents', 'magasins', 'REORGANISER TOURNEES', 'tournees'],
    ['a word being typed (prefix)', 'magasins', 'Élargir les hor', 'caisse'],
    ['a word of the description', 'magasins', 'covoiturage', 'parkingDescription'],
    ['English words in a French space', 'magasins', 'meetings', 'salles'],
    ['English, another form of the word', 'london', 'deliveries', 'routes'],
    ['English, a verb for a noun', 'london', 'routing', 'routes'],
    ['English, a word being typed', 'london', 'health', 'canteen'],
  ];
  for (const [what, space, text, expected] of cases) {
    test(`${what}: “${text}”`, async () => {
      const found = await similar(space, text);
      assert.ok(found.includes(ideas[expected]!.id), `“${text}” should find “${ideas[expected]!.title}”, found ${JSON.stringify(found)}`);
    });
  }

  test('a match in the title ranks above a match in the description', async () => {
    const found = await similar('magasins', 'parking');
    assert.deepEqual(found.slice(0, 2), [ideas.idee!.id, ideas.parkingDescription!.id]);
  });

  test('ideas matching more of the words come first', async () => {
    const found = await similar('magasins', 'réorganiser les livraisons du parking');
    assert.equal(found[0], ideas.tournees!.id);
  });

  test('suggestions carry what the box needs to offer a vote instead', async () => {
    await api.request('PUT', `/api/ideas/${ideas.tournees!.id}/vote`, { as: bob });
    const { body } = await api.get<SimilarIdeas>(`/api/ideas/similar?space=magasins&q=tournee`, { as: bob });
    assert.deepEqual(body.ideas[0], {
      id: ideas.tournees!.id,
      title: 'Réorganiser les tournées de livraison',
      status: 'new',
      campaignId: null,
      subjectKey: ideas.tournees!.subjectKey,
      voteCount: 1,
      votedByMe: true,
    });
  });

  test('only the space asked for, never merged duplicates, at most `limit`', async () => {
    assert.deepEqual(await similar('london', 'réorganiser'), []);
    assert.ok(!(await similar('magasins', 'réorganiser')).includes(ideas.secret!.id));
    const extra = await api.post<IdeaDetail>('/api/ideas', { space: 'magasins', title: 'Tournées de livraison à revoir', description: 'x' }, { as: bob });
    await api.post(`/api/ideas/${extra.body.id}/merge`, { into: ideas.tournees!.id }, { as: steward });
    assert.ok(!(await similar('magasins', 'tournées')).includes(extra.body.id));
    const limited = await api.get<SimilarIdeas>('/api/ideas/similar?space=magasins&q=les+des+parking+idee+tournee&limit=1', { as: bob });
    assert.equal(limited.body.ideas.length, 1);
  });

  test('stop words only, or characters of the query syntax, find nothing and break nothing', async () => {
    assert.deepEqual(await similar('magasins', 'les des'), []);
    assert.deepEqual(await similar('magasins', 'à la'), [], '“à” is not the word “a”');
    for (const text of ["'&|!():*<->\\", "idée' | !parking", 'tournée:* & (']) {
      const answer = await api.get(`/api/ideas/similar?${new URLSearchParams({ space: 'magasins', q: text })}`, { as: bob });
      assert.equal(answer.status, 200, `${text}: ${JSON.stringify(answer.body)}`);
    }
  });

  test('a closed space’s ideas are not suggested to non-members', async () => {
    const answer = await api.get('/api/ideas/similar?space=comex&q=reorganiser', { as: bob });
    assert.equal(answer.status, 403);
    assert.deepEqual(await similar('comex', 'reorganiser', steward), [ideas.secret!.id]);
  });

  test('the listing searches the same way', async () => {
    const { body } = await api.get<IdeaPage>('/api/ideas?space=magasins&q=idees', { as: bob });
    assert.deepEqual(body.ideas.map((i) => i.id), [ideas.idee!.id]);
    assert.equal(body.total, 1);
  });

  test('the search uses the GIN index of the ideas’ text', async () => {
    const sql = api.db.database.sql;
    const plan = await sql.begin(async (tx) => {
      await tx`set local enable_seqscan = off`;
      return tx.unsafe(`explain select id from ideas i
                         where (i.lang = 'fr' and i.search @@ to_tsquery('ruche_fr', 'tournee'))
                            or (i.lang = 'en' and i.search @@ to_tsquery('ruche_en', 'tournee'))`);
    });
    const text = plan.map((row) => Object.values(row)[0]).join('\n');
    assert.match(text, /ideas_search_idx/);
  });
});
