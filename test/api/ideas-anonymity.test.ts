import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { IdeaDetail, IdeaPage } from '../../shared/api-types.ts';
import { createTestApi, type RequestOptions, type TestApi } from '../support/api.ts';
import { webhookTiming } from '../../api/ideas/webhooks.ts';
import { SseReader } from '../support/sse.ts';

/**
 * Anonymous ideas: the author is stored (for their news, their edits, the policy) but never reaches
 * anyone else through the API — not by id, name, department or title, not through the exact moment
 * it was written — except the stewards, when the space's policy said so at submission time.
 */
type Person = NonNullable<RequestOptions['as']>;

let api: TestApi;
const author = { sub: 'a-7f3e-author', name: 'Aurélie Discrète', dept: 'Comptabilité fournisseurs', title: 'Gestionnaire paie' };
const colleague = { sub: 'colleague', name: 'Bob Collègue' };
const steward = { sub: 'steward', name: 'Carol Animatrice' };
const admin = { sub: 'root', name: 'Ada Admin', admin: true };
let authorId: string;

before(async () => {
  api = await createTestApi({ RUCHE_WEBHOOK_HOSTS: '127.0.0.1' });
  await api.post('/api/spaces', { slug: 'rh', name: 'Ressources humaines', visibility: 'open', lang: 'fr' }, { as: steward });
  authorId = (await api.get('/api/me', { as: author })).body.id;
});
after(() => api.close());

const TRACES = () => [authorId, author.sub, 'Aurélie', 'Discrète', author.dept, author.title];

/** Fails if anything in the answer could name the author. */
function assertNoTrace(answer: { status: number; body: unknown }, what: string, status = 200) {
  assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.body).slice(0, 200)}`);
  const text = JSON.stringify(answer.body);
  for (const trace of TRACES()) assert.ok(!text.includes(trace), `${what} leaks "${trace}": ${text.slice(0, 400)}`);
}

async function policy(as: Person = author) {
  return (await api.get(`/api/ideas/policy?space=rh`, { as })).body as { stewardsSeeAuthors: boolean; note: string; version: number };
}

async function submitAnonymously(title: string, extra: Record<string, unknown> = {}) {
  const { version } = await policy();
  const answer = await api.post<IdeaDetail>(
    '/api/ideas',
    { space: 'rh', title, description: `Une idée que je n’ose pas signer : ${title}.`, tags: ['bien-être'], anonymous: true, policyVersion: version, ...extra },
    { as: author },
  );
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}

/** Every read of the idea box a colleague (or steward) could make. */
async function everyRead(as: Person, idea: IdeaDetail) {
  const reads: [string, { status: number; body: unknown }][] = [];
  for (const sort of ['trending', 'top', 'newest']) reads.push([`list by ${sort}`, await api.get(`/api/ideas?space=rh&sort=${sort}`, { as })]);
  reads.push(['list of all', await api.get('/api/ideas?space=rh&campaign=all', { as })]);
  reads.push(['list by tag', await api.get(`/api/ideas?space=rh&tag=${encodeURIComponent('bien-être')}`, { as })]);
  reads.push(['search', await api.get(`/api/ideas?space=rh&q=${encodeURIComponent(idea.title)}`, { as })]);
  reads.push(['detail', await api.get(`/api/ideas/${idea.id}`, { as })]);
  reads.push(['similar', await api.get(`/api/ideas/similar?space=rh&q=${encodeURIComponent(idea.title)}`, { as })]);
  reads.push(['tags', await api.get('/api/ideas/tags?space=rh', { as })]);
  reads.push(['comments on the idea', await api.get(`/api/comments?space=rh&subject=${encodeURIComponent(idea.subjectKey)}`, { as })]);
  reads.push(['news', await api.get('/api/ideas/news', { as })]);
  return reads;
}

describe('anonymous ideas', () => {
  test('the policy is readable by everyone who may submit, with a version to acknowledge', async () => {
    assert.deepEqual(await policy(colleague), { stewardsSeeAuthors: false, note: '', version: 1 });
    const missing = await api.post('/api/ideas', { space: 'rh', title: 'Sans accusé', description: 'x', anonymous: true }, { as: author });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.details[0].path, 'policyVersion');
  });

  test('the author sees their anonymous idea as theirs, with its exact time', async () => {
    const idea = await submitAnonymously('Télétravail le vendredi');
    assert.equal(idea.anonymous, true);
    assert.equal(idea.mine, true);
    assert.equal(idea.author?.id, authorId);
    assert.equal(idea.createdAtPrecision, 'exact');
    const mine = await api.get<IdeaPage>('/api/ideas?space=rh&mine=true', { as: author });
    assert.deepEqual(mine.body.ideas.map((i) => [i.id, i.mine]), [[idea.id, true]]);
  });

  test('for colleagues, stewards and admins, nothing in any answer names the author, nor says when to the minute', async () => {
    const idea = await submitAnonymously('Une crèche d’entreprise');
    await api.request('PUT', `/api/ideas/${idea.id}/vote`, { as: author }); // the author's own vote is as private as anyone's
    await api.request('PUT', `/api/ideas/${idea.id}/vote`, { as: colleague });
    await api.request('PATCH', `/api/ideas/${idea.id}`, { as: author, body: { description: 'Précisée.' } });
    const [row] = await api.db.database.sql`select created_at, edited_at from ideas where id = ${idea.id}`;
    const minute = (date: Date) => date.toISOString().slice(0, 16);

    for (const [who, as] of [['a colleague', colleague], ['a steward', steward], ['an admin', admin]] as const) {
      for (const [what, answer] of await everyRead(as, idea)) {
        assertNoTrace(answer, `${what} for ${who}`);
        const text = JSON.stringify(answer.body);
        if (row!.createdAt.getUTCHours() || row!.createdAt.getUTCMinutes()) {
          assert.ok(!text.includes(minute(row!.createdAt)), `${what} for ${who} gives the minute it was written`);
          assert.ok(!text.includes(minute(row!.editedAt)), `${what} for ${who} gives the minute it was edited`);
        }
      }
      const { body } = await api.get<IdeaDetail>(`/api/ideas/${idea.id}`, { as });
      assert.equal(body.author, null);
      assert.equal(body.anonymous, true);
      assert.equal(body.mine, false);
      assert.equal(body.createdAtPrecision, 'day');
      assert.match(body.createdAt, /T00:00:00\.000Z$/);
      assert.match(body.editedAt!, /T00:00:00\.000Z$/);
      assert.equal(body.voteCount, 2);
    }
  });

  test('stewards’ decisions on an anonymous idea (live events, history, webhooks) do not name its author', async () => {
    const idea = await submitAnonymously('Des horaires décalés en été');
    webhookTiming.retryDelaysMs = [];
    await api.post('/api/ideas/webhooks', { space: 'rh', url: 'http://127.0.0.1:9/never' }, { as: steward });
    const response = await api.app.request(`/api/events?space=rh&s=${encodeURIComponent(idea.subjectKey)}`, {
      headers: { authorization: `Bearer ${await api.token(colleague)}` },
    });
    const stream = new SseReader(response);
    await stream.next((e) => e.event === 'ready');
    await api.post(`/api/ideas/${idea.id}/status`, { status: 'declined', reason: 'Incompatible avec l’accueil du public.' }, { as: steward });
    assertNoTrace({ status: 200, body: (await stream.next()).data }, 'the live event');
    await stream.close();
    const stored = await api.db.database.sql`
      select payload from events where payload->>'subject' = ${idea.subjectKey}
      union all select payload from idea_webhook_deliveries where payload->'idea'->>'id' = ${idea.id}`;
    assert.equal(stored.length, 2);
    for (const { payload } of stored) assertNoTrace({ status: 200, body: payload }, 'a stored event or webhook payload');
    const news = await api.get('/api/ideas/news', { as: author });
    assert.ok(news.body.items.some((n: { idea: { id: string } }) => n.idea.id === idea.id), 'the author still gets the news');
  });

  test('within a day, “newest” does not place an anonymous idea between the ideas written before and after it', async () => {
    const signed = { sub: 'signer', name: 'Sam Signe' };
    await api.post('/api/ideas/campaigns', { space: 'rh', slug: 'ordre', title: 'Ordre', question: 'Ordre ?' }, { as: steward });
    const ids: string[] = [];
    for (const [title, as, anonymous] of [['Avant', signed, false], ['Anonyme', author, true], ['Après', signed, false]] as const) {
      const answer = await api.post<IdeaDetail>(
        '/api/ideas',
        { space: 'rh', campaign: 'ordre', title, description: 'x', anonymous, ...(anonymous ? { policyVersion: (await policy()).version } : {}) },
        { as },
      );
      ids.push(answer.body.id);
    }
    const { body } = await api.get<IdeaPage>('/api/ideas?space=rh&campaign=ordre&sort=newest', { as: colleague });
    assert.deepEqual(body.ideas.map((i) => i.id), [...ids].sort(), 'same day, same votes: by the random id, not by time');
  });

  test('a later policy never exposes ideas submitted under an earlier one; a changed policy must be read again', async () => {
    const before = await submitAnonymously('Avant le changement de politique');
    const changed = await api.request('PUT', '/api/ideas/policy?space=rh', {
      as: steward,
      body: { stewardsSeeAuthors: true, note: 'Les animateurs voient les auteurs, pour pouvoir les contacter.' },
    });
    assert.equal(changed.status, 200);
    assert.deepEqual(changed.body, { stewardsSeeAuthors: true, note: 'Les animateurs voient les auteurs, pour pouvoir les contacter.', version: 2 });
    const unchanged = await api.request('PUT', '/api/ideas/policy?space=rh', { as: steward, body: { stewardsSeeAuthors: true } });
    assert.equal(unchanged.body.version, 2, 'the same policy again is not a new version');

    const [{ count: ideasBefore }] = (await api.db.database.sql`select count(*)::int as count from ideas`) as unknown as [{ count: number }];
    const stale = await api.post('/api/ideas', { space: 'rh', title: 'Vieille politique', description: 'x', anonymous: true, policyVersion: 1 }, { as: author });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'policy_changed');
    assert.equal(stale.body.error.details.policy.stewardsSeeAuthors, true);
    const [{ count: ideasAfter }] = (await api.db.database.sql`select count(*)::int as count from ideas`) as unknown as [{ count: number }];
    assert.equal(ideasAfter, ideasBefore);

    const after = await submitAnonymously('Après le changement de politique');
    const bySteward = await api.get<IdeaDetail>(`/api/ideas/${after.id}`, { as: steward });
    assert.equal(bySteward.body.author?.name, author.name, 'the policy said stewards see the author');
    assert.equal(bySteward.body.createdAtPrecision, 'exact');
    assert.equal(bySteward.body.anonymous, true, 'and that colleagues do not');
    assertNoTrace(await api.get(`/api/ideas/${after.id}`, { as: colleague }), 'the new idea for a colleague');
    assertNoTrace(await api.get(`/api/ideas/${before.id}`, { as: steward }), 'the earlier idea for a steward');
    assertNoTrace(await api.get(`/api/ideas/${before.id}`, { as: admin }), 'the earlier idea for an admin');
  });

  test('the author may sign their idea later; nobody else can', async () => {
    const idea = await submitAnonymously('Un potager sur le toit');
    const byColleague = await api.request('PATCH', `/api/ideas/${idea.id}`, { as: colleague, body: { anonymous: false } });
    assertNoTrace(byColleague, 'the refusal', 403);
    const signed = await api.request('PATCH', `/api/ideas/${idea.id}`, { as: author, body: { anonymous: false } });
    assert.equal(signed.status, 200);
    const { body } = await api.get<IdeaDetail>(`/api/ideas/${idea.id}`, { as: colleague });
    assert.equal(body.author?.name, author.name);
    assert.equal(body.anonymous, false);
    assert.equal(body.createdAtPrecision, 'exact');
  });
});
