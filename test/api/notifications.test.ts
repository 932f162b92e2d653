import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { escalateOverdueQuestions } from '../../api/experts/questions-store.ts';
import type { RucheNotification, RucheNotifications } from '../../shared/api-types.ts';
import { createTestApi, ok, type RequestOptions, type TestApi } from '../support/api.ts';
import { SseReader } from '../support/sse.ts';

/**
 * The inbox: who is told what (replies, answers, acceptance, follows, new threads, idea news,
 * endorsements, the experts' questions and their promise), grouped while unread, never one's own
 * act, never what one may no longer read.
 */
type Person = Exclude<NonNullable<RequestOptions['as']>, string>;

let api: TestApi;
const stella = { sub: 'stella', name: 'Stella Animatrice' };
const alice = { sub: 'alice', name: 'Alice Martin', dept: 'Comptabilité' };
const bob = { sub: 'bob', name: 'Bob Durand' };
const carol = { sub: 'carol', name: 'Carol Petit' };
const dan = { sub: 'dan', name: 'Dan Lefèvre' };
const karim = { sub: 'karim', name: 'Karim Haddad' };
const ids: Record<string, string> = {};
const PAGE = 'https://intranet.example.com/actualites/cantine';

const sql = () => api.db.database.sql;
const inbox = (as: Person, query = '') => ok<RucheNotifications>(api.get(`/api/notifications${query}`, { as }));
const unread = async (as: Person) => (await ok<{ unreadCount: number }>(api.get('/api/notifications/unread', { as }))).unreadCount;
const about = (page: RucheNotifications, id: string) => page.items.filter((n) => n.target.id === id);
const post = (as: Person, body: Record<string, unknown>) => ok<{ id: string }>(api.post('/api/comments', { space: 'atelier', subject: PAGE, ...body }, { as }), 201);
const follow = (as: Person, body: Record<string, unknown>) => api.request('PUT', '/api/follows', { as, body });
const readAll = (as: Person) => ok(api.post('/api/notifications/read', {}, { as }));

before(async () => {
  api = await createTestApi();
  await ok(api.post('/api/spaces', { slug: 'atelier', name: 'Atelier', visibility: 'open', answerPromiseHours: 24 }, { as: stella }), 201);
  await ok(api.post('/api/spaces', { slug: 'codir', name: 'Codir', visibility: 'closed' }, { as: stella }), 201);
  for (const p of [stella, alice, bob, carol, dan, karim]) ids[p.sub] = (await api.get('/api/me', { as: p })).body.id;
  for (const p of [alice, bob]) await ok(api.request('PUT', `/api/spaces/codir/members/${ids[p.sub]}`, { as: stella, body: { role: 'member' } }));
});
after(() => api.close());

describe('replies and threads', () => {
  test('a reply tells the author of what it answers, with who replied and a link to the very comment; the replier hears nothing', async () => {
    const root = await post(alice, { body: 'Le menu de la cantine change lundi.' });
    const reply = await post(bob, { parentId: root.id, body: 'Enfin des légumes !' });
    const [notice] = about(await inbox(alice), reply.id);
    assert.equal(notice?.kind, 'reply');
    assert.equal(notice.actor?.name, 'Bob Durand');
    assert.equal(notice.count, 1);
    assert.equal(notice.space?.slug, 'atelier');
    assert.deepEqual(notice.target.kind === 'comment' && [notice.target.threadId, notice.target.excerpt], [root.id, 'Enfin des légumes !']);
    assert.equal((await inbox(bob)).items.length, 0, 'nobody is told of their own act');
  });

  test('replies on the same comment while unread are one notice, counted; once read, the next is a new one', async () => {
    const root = await post(alice, { body: 'Qui vient au pot de départ ?' });
    await readAll(alice);
    await post(bob, { parentId: root.id, body: 'Moi' });
    await post(carol, { parentId: root.id, body: 'Moi aussi' });
    const last = await post(dan, { parentId: root.id, body: 'Et moi' });
    const grouped = (await inbox(alice, '?unread=true')).items;
    assert.equal(grouped.length, 1);
    assert.equal(grouped[0]!.count, 3);
    assert.equal(grouped[0]!.target.id, last.id, 'it leads to the latest');
    assert.equal(grouped[0]!.actor?.name, 'Dan Lefèvre');
    assert.equal(await unread(alice), 1);
    await ok(api.post('/api/notifications/read', { ids: [grouped[0]!.id] }, { as: alice }));
    assert.equal(await unread(alice), 0);
    await post(bob, { parentId: root.id, body: 'Je viens avec un gâteau' });
    const fresh = (await inbox(alice, '?unread=true')).items;
    assert.equal(fresh.length, 1);
    assert.equal(fresh[0]!.count, 1);
  });

  test('writing in a thread follows it: later replies in it tell the earlier writers; a muted thread tells nothing', async () => {
    const root = await post(alice, { body: 'Covoiturage pour le séminaire ?' });
    const first = await post(bob, { parentId: root.id, body: 'Je peux prendre trois personnes.' });
    await readAll(bob);
    await readAll(carol);
    await post(carol, { parentId: root.id, body: 'Je suis partante.' });
    assert.equal(about(await inbox(bob, '?unread=true'), first.id).length, 0);
    const told = (await inbox(bob, '?unread=true')).items;
    assert.equal(told.length, 1);
    assert.equal(told[0]!.kind, 'reply');

    assert.equal((await ok(follow(bob, { target: 'thread', id: first.id, state: 'muted' }))).state, 'muted');
    assert.equal((await ok(api.get(`/api/follows?target=thread&id=${root.id}`, { as: bob }))).state, 'muted', 'a reply stands for its thread');
    await readAll(bob);
    await post(dan, { parentId: first.id, body: 'Et pour le retour ?' });
    assert.equal(await unread(bob), 0, 'muted: not even a reply to him');
  });

  test('following a space tells of its new threads, grouped', async () => {
    assert.equal((await ok(follow(dan, { target: 'space', space: 'atelier', state: 'following' }))).state, 'following');
    await readAll(dan);
    await post(alice, { subject: `${PAGE}-2`, body: 'Nouvelle page, nouvelle discussion.' });
    await post(carol, { subject: `${PAGE}-3`, body: 'Et une autre.' });
    const news = (await inbox(dan, '?unread=true')).items.filter((n) => n.kind === 'new_thread');
    assert.equal(news.length, 1);
    assert.equal(news[0]!.count, 2);
    await ok(follow(dan, { target: 'space', space: 'atelier', state: 'none' }));
    await readAll(dan);
    await post(alice, { subject: `${PAGE}-4`, body: 'Encore une.' });
    assert.equal(await unread(dan), 0);
  });
});

describe('questions and answers', () => {
  test('an answer tells the asker; its acceptance tells whoever answered', async () => {
    const question = await post(alice, { subject: `${PAGE}-qa`, mode: 'qa', body: 'Où trouver le formulaire de congés ?' });
    const answer = await post(bob, { subject: `${PAGE}-qa`, parentId: question.id, body: 'Dans l’onglet RH.' });
    assert.equal(about(await inbox(alice), answer.id)[0]?.kind, 'answer');
    await ok(api.request('PUT', `/api/comments/${answer.id}/accept`, { as: alice }));
    const accepted = about(await inbox(bob), answer.id).find((n) => n.kind === 'answer_accepted');
    assert.equal(accepted?.actor?.name, 'Alice Martin');
  });
});

describe('what one may read', () => {
  test('in a closed space only its members are told, and a member who leaves no longer sees the notice', async () => {
    const root = await post(alice, { space: 'codir', subject: 'codir-budget', body: 'Budget 2027 : premières pistes.' });
    await readAll(alice);
    const reply = await post(bob, { space: 'codir', subject: 'codir-budget', parentId: root.id, body: 'Voir le tableau joint.' });
    assert.equal(about(await inbox(alice), reply.id).length, 1);
    await ok(api.request('DELETE', `/api/spaces/codir/members/${ids.alice}`, { as: stella }), 204);
    assert.equal(about(await inbox(alice), reply.id).length, 0, 'a space left: not shown');
    assert.equal(await unread(alice), 0, 'nor counted');
    await ok(api.request('PUT', `/api/spaces/codir/members/${ids.alice}`, { as: stella, body: { role: 'member' } }));
  });

  test('a reply since hidden is neither shown nor counted', async () => {
    const root = await post(carol, { body: 'Les horaires d’été sont publiés.' });
    await readAll(carol);
    const reply = await post(dan, { parentId: root.id, body: 'Merci pour l’info.' });
    assert.equal(await unread(carol), 1);
    await ok(api.post(`/api/moderation/comments/${reply.id}/hide`, { reason: 'Hors sujet' }, { as: stella }));
    assert.equal(about(await inbox(carol), reply.id).length, 0);
    assert.equal(await unread(carol), 0);
  });

  test('following what one may not read is refused and writes nothing', async () => {
    const secret = await post(alice, { space: 'codir', subject: 'codir-plan', body: 'Plan confidentiel.' });
    const refused = await follow(dan, { target: 'thread', id: secret.id, state: 'following' });
    assert.equal(refused.status, 403);
    assert.equal((await follow(dan, { target: 'space', space: 'codir', state: 'following' })).status, 403);
    const [row] = await sql()`select count(*)::int as n from follows where person_id = ${ids.dan!} and thread_id = ${secret.id}`;
    assert.equal(row!.n, 0);
  });

  test('bad follow requests get a 400 and a clear error', async () => {
    for (const body of [
      { target: 'thread', state: 'following' },
      { target: 'space', id: ids.alice, state: 'following' },
      { target: 'idea', id: ids.alice, space: 'atelier', state: 'following' },
      { target: 'space', space: 'atelier', state: 'muted' },
      { target: 'page', id: ids.alice, state: 'following' },
    ]) {
      const answer = await follow(dan, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.error.code, 'invalid_request');
    }
    assert.equal((await follow(dan, { target: 'thread', id: '00000000-0000-4000-8000-000000000000', state: 'following' })).status, 404);
    assert.equal((await api.get('/api/notifications')).status, 401);
  });
});

describe('ideas', () => {
  test('a status change tells the author, the voters and the followers, never the steward who decided', async () => {
    const { version } = await ok<{ version: number }>(api.get('/api/ideas/policy?space=atelier', { as: alice }));
    const idea = await ok<{ id: string }>(
      api.post('/api/ideas', { space: 'atelier', title: 'Des vélos de service', description: 'Pour aller au dépôt.', anonymous: true, policyVersion: version }, { as: alice }),
      201,
    );
    await ok(api.request('PUT', `/api/ideas/${idea.id}/vote`, { as: bob }));
    await ok(follow(carol, { target: 'idea', id: idea.id, state: 'following' }));
    await ok(api.request('PUT', `/api/ideas/${idea.id}/vote`, { as: stella }));
    for (const p of [alice, bob, carol, stella]) await readAll(p);
    await ok(api.post(`/api/ideas/${idea.id}/status`, { status: 'planned', reason: 'Budget voté.' }, { as: stella }));
    for (const p of [alice, bob, carol]) {
      const [notice] = about(await inbox(p), idea.id);
      assert.equal(notice?.kind, 'idea_status', p.sub);
      assert.equal(notice.detail.status, 'planned');
      assert.equal(notice.reason, 'Budget voté.');
      assert.equal(notice.actor, null, 'the steward is not named');
    }
    assert.equal(about(await inbox(stella), idea.id).length, 0, 'the steward voted, but decided: not told');
  });
});

describe('endorsements and the experts', () => {
  test('an endorsement tells the endorsee who endorsed which skill', async () => {
    await ok(api.request('PATCH', '/api/experts/profile', { as: karim, body: { skills: ['Intrastat'] } }));
    await ok(api.request('PUT', `/api/experts/people/${ids.karim}/skills/Intrastat/endorsement`, { as: dan }));
    const notice = (await inbox(karim)).items.find((n) => n.kind === 'endorsement') as RucheNotification;
    assert.equal(notice.actor?.name, 'Dan Lefèvre');
    assert.deepEqual(notice.target.kind === 'skill' && notice.target.label, 'Intrastat');
    assert.equal(notice.space, null);
  });

  test('a question routed to an expert is in their inbox; half its time gone they are reminded; past it the stewards are told', async () => {
    const asked = await ok(api.post('/api/experts/questions', { topic: 'Intrastat', question: 'Intrastat pour des échantillons ?', space: 'atelier', experts: 1 }, { as: dan }), 201);
    assert.deepEqual(asked.notified.map((p: { name: string }) => p.name), ['Karim Haddad']);
    const routed = about(await inbox(karim), asked.question.id).find((n) => n.kind === 'question_routed');
    assert.equal(routed?.actor?.name, 'Dan Lefèvre');

    const created = Date.now();
    await sql()`update comments set created_at = ${new Date(created - 13 * 3600_000)} where id = ${asked.question.id}`;
    await escalateOverdueQuestions(sql());
    const reminder = about(await inbox(karim), asked.question.id).find((n) => n.kind === 'question_reminder');
    assert.ok(reminder?.detail.dueAt, 'reminded, with the time it falls due');
    await escalateOverdueQuestions(sql());
    assert.equal(about(await inbox(karim), asked.question.id).filter((n) => n.kind === 'question_reminder').length, 1, 'once');

    await sql()`update comments set created_at = ${new Date(created - 25 * 3600_000)} where id = ${asked.question.id}`;
    await escalateOverdueQuestions(sql());
    assert.ok(about(await inbox(stella), asked.question.id).some((n) => n.kind === 'question_overdue'), 'the steward is told');
  });
});

describe('live', () => {
  test('the unread count comes at once and moves as notices arrive and are read, on the person’s own stream only', async () => {
    await readAll(dan);
    const response = await api.app.request('/api/notifications/live', { headers: { authorization: `Bearer ${await api.token(dan)}` } });
    assert.equal(response.status, 200);
    const stream = new SseReader(response);
    assert.deepEqual((await stream.next((e) => e.event === 'unread')).data, { unreadCount: 0 });
    const root = await post(dan, { subject: `${PAGE}-live`, body: 'Qui a vu mon badge ?' });
    await post(bob, { subject: `${PAGE}-live`, parentId: root.id, body: 'À l’accueil.' });
    assert.deepEqual((await stream.next((e) => e.event === 'unread')).data, { unreadCount: 1 });
    await post(alice, { subject: `${PAGE}-other`, body: 'Rien à voir.' });
    await readAll(dan);
    assert.deepEqual((await stream.next((e) => e.event === 'unread')).data, { unreadCount: 0 });
    await stream.close();
    assert.equal((await api.app.request('/api/notifications/live')).status, 401);
  });
});

describe('privacy', () => {
  test('notices and follows are personal data: in the export, and gone with the account', async () => {
    const exported = await ok(api.get('/api/me/export', { as: carol }));
    assert.ok(exported.notifications.inbox.length > 0);
    assert.ok(exported.follows.some((f: { target: string }) => f.target === 'idea'));
    await ok(api.request('DELETE', '/api/me', { as: carol, body: { posts: 'keep_as_former_colleague', confirm: true } }));
    const [left] = await sql()`
      select (select count(*) from notifications where person_id = ${ids.carol!})::int as notices,
             (select count(*) from follows where person_id = ${ids.carol!})::int as follows`;
    assert.deepEqual(left, { notices: 0, follows: 0 });
  });
});
