import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AskedExperts, ExpertNotifications } from '../../shared/api-types.ts';
import { escalateOverdueQuestions } from '../../api/experts/questions-store.ts';
import { createTestApi, ok, type RequestOptions, type TestApi } from '../support/api.ts';

type Person = Exclude<NonNullable<RequestOptions['as']>, string>;

let api: TestApi;
const karim = { sub: 'karim', name: 'Karim Haddad' };
const sophie = { sub: 'sophie', name: 'Sophie Dubois' };
const julien = { sub: 'julien', name: 'Julien Bernard' };
const thomas = { sub: 'thomas', name: 'Thomas Moreau' };
const emma = { sub: 'emma', name: 'Emma Wilson' };
const elodie = { sub: 'elodie', name: 'Élodie Petit' };
const nadia = { sub: 'nadia', name: 'Nadia Benali' };
const claire = { sub: 'claire', name: 'Claire Steward' };

const ids: Record<string, string> = {};
const ask = (as: Person, body: Record<string, unknown>, headers?: Record<string, string>) =>
  api.post('/api/experts/questions', body, { as, headers });
const inbox = (as: Person, query = '') => ok<ExpertNotifications>(api.get(`/api/experts/notifications${query}`, { as }));
const sql = () => api.db.database.sql;

/** Someone answers a question on a topic, and the asker accepts it: evidence. */
async function expertise(expert: Person, space: string, subject: string, questionText: string, answerText: string) {
  const q = await ok(api.post('/api/comments', { space, subject, mode: 'qa', body: questionText }, { as: elodie }), 201);
  const a = await ok(api.post('/api/comments', { space, subject, parentId: q.id, body: answerText }, { as: expert }), 201);
  await ok(api.request('PUT', `/api/comments/${a.id}/accept`, { as: elodie }));
}

before(async () => {
  api = await createTestApi();
  await ok(api.post('/api/spaces', { slug: 'aide', name: 'Aide comptable', visibility: 'open', lang: 'fr', answerPromiseHours: 48 }, { as: claire }), 201);
  await ok(api.post('/api/spaces', { slug: 'codir', name: 'Codir', visibility: 'closed', lang: 'fr', answerPromiseHours: 24 }, { as: nadia }), 201);
  await ok(api.post('/api/spaces', { slug: 'sans-delai', name: 'Sans délai', visibility: 'open', lang: 'fr' }, { as: claire }), 201);
  for (const p of [karim, sophie, julien, thomas, emma, elodie, nadia, claire]) ids[p.sub] = (await api.get('/api/me', { as: p })).body.id;
  // Five people know about the Intrastat declaration, in this order of strength.
  for (let i = 0; i < 4; i++) await expertise(karim, 'aide', `intrastat-k${i}`, `Déclaration Intrastat ${i} : quel seuil ?`, 'La déclaration Intrastat est due au-delà du seuil annuel.');
  for (let i = 0; i < 3; i++) await expertise(sophie, 'aide', `intrastat-s${i}`, `Déclaration Intrastat ${i} : quel délai ?`, 'La déclaration Intrastat se dépose le 10 du mois.');
  for (let i = 0; i < 2; i++) await expertise(julien, 'aide', `intrastat-j${i}`, `Déclaration Intrastat ${i} pour un retour ?`, 'Oui, la déclaration Intrastat couvre aussi les retours.');
  await expertise(thomas, 'aide', 'intrastat-t', 'Déclaration Intrastat et transport ?', 'Le transporteur ne fait pas la déclaration Intrastat.');
  await expertise(emma, 'aide', 'intrastat-e', 'Déclaration Intrastat, qui la signe ?', 'La déclaration Intrastat est signée par la comptabilité, je crois.');
  await ok(api.request('PATCH', '/api/experts/profile', { as: emma, body: { hideInferred: true } }));
});
after(() => api.close());

describe('asking the experts', () => {
  let asked: AskedExperts;

  test('a question opens a Q&A thread and the top experts are told', async () => {
    asked = await ok<AskedExperts>(ask(elodie, { topic: 'Déclaration Intrastat', question: 'Nous expédions en Belgique : faut-il une **déclaration Intrastat** ?', space: 'aide' }), 201);
    assert.equal(asked.question.isQuestion, true);
    assert.equal(asked.subject.key, 'ruche:experts:declaration-intrastat');
    assert.deepEqual(asked.notified.map((p) => p.name), ['Karim Haddad', 'Sophie Dubois', 'Julien Bernard']);
    const hours = (Date.parse(asked.dueAt!) - Date.parse(asked.question.createdAt)) / 3600_000;
    assert.equal(hours, 48, 'the space’s promise');

    const thread = await ok(api.get(`/api/comments?space=aide&subject=${encodeURIComponent(asked.subject.key)}`, { as: julien }));
    assert.equal(thread.subject.mode, 'qa');
    assert.equal(thread.threads[0].id, asked.question.id, 'an ordinary question, answered and accepted like any other');
    const [event] = await sql()`select type from events where payload->'comment'->>'id' = ${asked.question.id}`;
    assert.equal(event!.type, 'comment.created', 'and seen live by open widgets');
  });

  test('the experts find it in their notifications, with who asked and by when', async () => {
    const { items, unreadCount } = await inbox(karim);
    assert.equal(unreadCount, 1);
    const [item] = items;
    assert.equal(item!.reason, 'expert');
    assert.equal(item!.rank, 1);
    assert.equal(item!.question.id, asked.question.id);
    assert.equal(item!.question.askedBy!.name, 'Élodie Petit');
    assert.equal(item!.question.topic, 'Déclaration Intrastat');
    assert.equal(item!.question.excerpt, 'Nous expédions en Belgique : faut-il une déclaration Intrastat ?');
    assert.equal(item!.question.space.slug, 'aide');
    assert.equal(item!.question.dueAt, asked.dueAt);
    assert.equal(item!.question.answered, false);
    assert.equal((await inbox(thomas)).items.length, 0, 'the fourth expert is not told yet');
    assert.equal((await inbox(elodie)).items.length, 0, 'nor the asker');
  });

  test('an answer shows in the notification; reading marks it read', async () => {
    await ok(api.post('/api/comments', { space: 'aide', subject: asked.subject.key, parentId: asked.question.id, body: 'Oui, au-delà du seuil.' }, { as: sophie }), 201);
    const { items } = await inbox(karim);
    assert.equal(items[0]!.question.answered, true);
    assert.deepEqual(await ok(api.post('/api/experts/notifications/read', { ids: [items[0]!.id] }, { as: karim })), { unreadCount: 0 });
    assert.ok((await inbox(karim)).items[0]!.readAt);
    assert.equal((await inbox(karim, '?unread=true')).items.length, 0);
  });

  test('the asker is never told about their own question, and those who hide their inferred expertise are not chosen by it', async () => {
    const mine = await ok<AskedExperts>(ask(karim, { topic: 'déclaration intrastat', question: 'Le seuil change-t-il en 2027 ?', space: 'aide', experts: 5 }), 201);
    assert.ok(!mine.notified.some((p) => p.name === 'Karim Haddad'));
    assert.ok(!mine.notified.some((p) => p.name === 'Emma Wilson'), 'Emma hides her inferred expertise');
    assert.deepEqual(mine.notified.map((p) => p.name), ['Sophie Dubois', 'Julien Bernard', 'Thomas Moreau']);
  });

  test('only experts who may read the question’s space are told', async () => {
    await ok(api.request('PUT', `/api/spaces/codir/members/${ids.julien}`, { as: nadia, body: { role: 'member' } }));
    // Asked in the closed space, experts are ranked on its evidence and on declared skills (which
    // count wherever): Julien answered there; Emma declares the skill but may not read the space.
    const q = await ok(api.post('/api/comments', { space: 'codir', subject: 'codir-intrastat', mode: 'qa', body: 'Déclaration Intrastat du groupe ?' }, { as: nadia }), 201);
    await ok(api.post('/api/comments', { space: 'codir', subject: 'codir-intrastat', parentId: q.id, body: 'Une déclaration Intrastat par société.' }, { as: julien }), 201);
    await ok(api.request('PATCH', '/api/experts/profile', { as: emma, body: { skills: ['Déclaration Intrastat'] } }));
    const shown = await ok(api.get(`/api/experts?q=${encodeURIComponent('déclaration intrastat')}&space=codir`, { as: nadia }));
    assert.deepEqual(shown.results.map((r: any) => r.profile.person.name).sort(), ['Emma Wilson', 'Julien Bernard']);
    const inCodir = await ok<AskedExperts>(ask(nadia, { topic: 'déclaration intrastat', question: 'Impact de la fusion sur Intrastat ?', space: 'codir' }), 201);
    await ok(api.request('PATCH', '/api/experts/profile', { as: emma, body: { skills: [] } }));
    assert.deepEqual(inCodir.notified.map((p) => p.name), ['Julien Bernard']);
    const refused = await ask(elodie, { topic: 'déclaration intrastat', question: 'Et moi ?', space: 'codir' });
    assert.equal(refused.status, 403);
  });

  test('a retried request asks once', async () => {
    const headers = { 'idempotency-key': 'ask-once' };
    const body = { topic: 'déclaration intrastat', question: 'Question posée deux fois ?', space: 'aide' };
    const [first, second] = [await ask(thomas, body, headers), await ask(thomas, body, headers)];
    assert.equal(first.status, 201);
    assert.equal(second.headers.get('idempotency-replayed'), 'true');
    const [row] = await sql()`select count(*)::int as count from comments where body = 'Question posée deux fois ?'`;
    assert.equal(row!.count, 1);
  });

  test('on a page whose comments are a discussion, the question is refused and nothing is written', async () => {
    await ok(api.post('/api/comments', { space: 'aide', subject: 'actu-42', body: 'Bravo !' }, { as: julien }), 201);
    const before = await sql()`select (select count(*) from comments)::int as c, (select count(*) from expert_notifications)::int as n`;
    const refused = await ask(elodie, { topic: 'déclaration intrastat', question: 'Ici ?', space: 'aide', subject: 'actu-42' });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'subject_not_qa');
    assert.deepEqual(await sql()`select (select count(*) from comments)::int as c, (select count(*) from expert_notifications)::int as n`, before);
  });
});

const ago = (hours: number) => new Date(Date.now() - hours * 3600_000);

describe('past the answer-time promise', () => {

  test('an unanswered question is shown to the next experts and to the stewards, once', async () => {
    const late = await ok<AskedExperts>(ask(elodie, { topic: 'déclaration intrastat', question: 'Intrastat pour des échantillons gratuits ?', space: 'aide', experts: 2 }), 201);
    assert.deepEqual(late.notified.map((p) => p.name), ['Karim Haddad', 'Sophie Dubois']);
    await sql()`update comments set created_at = ${ago(49)} where id = ${late.question.id}`;

    // Reading one's notifications is a read: the server's timer escalates (see the demo's test).
    assert.ok(!(await inbox(julien)).items.some((i) => i.question.id === late.question.id));
    const [pending] = await sql()`select escalated_at from expert_questions where question_id = ${late.question.id}`;
    assert.equal(pending!.escalatedAt, null, 'polling the notifications wrote nothing');
    assert.ok((await escalateOverdueQuestions(sql())) >= 1);

    const forJulien = await inbox(julien);
    const item = forJulien.items.find((i) => i.question.id === late.question.id)!;
    assert.equal(item.reason, 'next_expert');
    assert.equal(item.rank, 3);
    const forThomas = (await inbox(thomas)).items.find((i) => i.question.id === late.question.id)!;
    assert.equal(forThomas.rank, 4);
    const forSteward = (await inbox(claire)).items.find((i) => i.question.id === late.question.id)!;
    assert.equal(forSteward.reason, 'steward');

    const before = await sql()`select count(*)::int as count from expert_notifications where question_id = ${late.question.id}`;
    assert.equal(await escalateOverdueQuestions(sql()), 0, 'once per question');
    await inbox(karim);
    assert.deepEqual(await sql()`select count(*)::int as count from expert_notifications where question_id = ${late.question.id}`, before);
    const reasons = await sql()`select reason, count(*)::int as count from expert_notifications where question_id = ${late.question.id} group by reason order by reason`;
    assert.deepEqual(reasons.map((r) => [r.reason, r.count]), [['expert', 2], ['next_expert', 2], ['steward', 1]]);
  });

  test('an answered question, or one still in time, is not escalated', async () => {
    const answered = await ok<AskedExperts>(ask(elodie, { topic: 'déclaration intrastat', question: 'Intrastat et DEB, même chose ?', space: 'aide' }), 201);
    await ok(api.post('/api/comments', { space: 'aide', subject: answered.subject.key, parentId: answered.question.id, body: 'Oui.' }, { as: karim }), 201);
    await sql()`update comments set created_at = ${ago(100)} where id = ${answered.question.id}`;
    const inTime = await ok<AskedExperts>(ask(elodie, { topic: 'déclaration intrastat', question: 'Intrastat en 2028 ?', space: 'aide' }), 201);
    await sql()`update comments set created_at = ${ago(47)} where id = ${inTime.question.id}`;
    const noPromise = await ok<AskedExperts>(ask(elodie, { topic: 'déclaration intrastat', question: 'Intrastat sans délai ?', space: 'sans-delai' }), 201);
    assert.equal(noPromise.dueAt, null);
    await sql()`update comments set created_at = ${ago(1000)} where id = ${noPromise.question.id}`;
    await escalateOverdueQuestions(sql());
    const escalated = await sql()`select question_id from expert_questions where escalated_at is not null and question_id = any(${[answered.question.id, inTime.question.id, noPromise.question.id]}::uuid[])`;
    assert.equal(escalated.length, 0);
  });

  test('an ordinary Q&A question past its promise is routed to experts on its own words', async () => {
    const plain = await ok(api.post('/api/comments', { space: 'aide', subject: 'faq-intrastat', mode: 'qa', body: 'Qui remplit la déclaration Intrastat du mois ?' }, { as: elodie }), 201);
    const ancient = await ok(api.post('/api/comments', { space: 'aide', subject: 'faq-intrastat', body: 'Déclaration Intrastat de 2019 ?' }, { as: elodie }), 201);
    await sql()`update comments set created_at = ${ago(50)} where id = ${plain.id}`;
    await sql()`update comments set created_at = ${ago(48 + 24 * 8)} where id = ${ancient.id}`;
    await escalateOverdueQuestions(sql());
    const told = await sql()`select n.reason, p.name from expert_notifications n join people p on p.id = n.person_id where n.question_id = ${plain.id}`;
    assert.deepEqual(told.map((r) => `${r.reason}: ${r.name}`).sort(), [
      'next_expert: Julien Bernard',
      'next_expert: Karim Haddad',
      'next_expert: Sophie Dubois',
      'steward: Claire Steward',
    ]);
    const [adopted] = await sql()`select origin, topic from expert_questions where question_id = ${plain.id}`;
    assert.deepEqual(adopted, { origin: 'overdue', topic: 'Qui remplit la déclaration Intrastat du mois ?' });
    assert.equal((await sql()`select 1 from expert_questions where question_id = ${ancient.id}`).length, 0, 'a backlog older than a week is left alone');
  });

  test('someone who leaves a closed space stops seeing its questions', async () => {
    const before = await inbox(julien);
    assert.ok(before.items.some((i) => i.question.space.slug === 'codir'));
    await ok(api.request('POST', '/api/spaces/codir/leave', { as: julien }), 204);
    const after = await inbox(julien);
    assert.ok(!after.items.some((i) => i.question.space.slug === 'codir'));
    assert.equal(after.unreadCount, after.items.filter((i) => !i.readAt).length);
  });

  test('notifications page without gaps or repeats', async () => {
    const all = (await inbox(karim, '?limit=100')).items.map((i) => i.id);
    assert.ok(all.length >= 5);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ExpertNotifications = await inbox(karim, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, all);
  });
});

describe('asking from a finder limited to a space', () => {
  const marc = { sub: 'marc', name: 'Marc Leroy' };
  const topic = 'chariot élévateur';
  const finder = (extra = '') =>
    ok(api.get(`/api/experts?q=${encodeURIComponent(topic)}${extra}`, { as: elodie })).then((r) => r.results.map((x: any) => x.profile.person.name));

  before(async () => {
    await ok(api.post('/api/spaces', { slug: 'entrepot', name: 'Entrepôt', visibility: 'open', lang: 'fr', answerPromiseHours: 24 }, { as: marc }), 201);
    // The strongest on the topic answers in the help desk; in the warehouse's space, Thomas then Julien.
    for (let i = 0; i < 4; i++) await expertise(karim, 'aide', `chariot-k${i}`, `Chariot élévateur ${i} : quel permis ?`, 'Le chariot élévateur demande le CACES 3.');
    for (let i = 0; i < 2; i++) await expertise(thomas, 'entrepot', `chariot-t${i}`, `Chariot élévateur ${i} : quelle batterie ?`, 'La batterie du chariot élévateur se charge la nuit.');
    await expertise(julien, 'entrepot', 'chariot-j', 'Chariot élévateur en panne ?', 'Le chariot élévateur a un contrat de maintenance.');
  });

  test('those told are those the finder showed: the space’s evidence only, as the finder searched', async () => {
    const shown = await finder('&space=entrepot');
    assert.deepEqual(shown.slice(0, 2), ['Thomas Moreau', 'Julien Bernard']);
    assert.equal((await finder())[0], 'Karim Haddad', 'across all spaces, the help desk’s expert comes first');
    const asked = await ok<AskedExperts>(ask(elodie, { topic, question: 'Qui forme les caristes au chariot élévateur ?', space: 'entrepot', experts: 1 }), 201);
    assert.deepEqual(asked.notified.map((p) => p.name), [shown[0]]);
  });

  test('past the promise, the next experts are ranked the same way', async () => {
    const asked = await ok<AskedExperts>(ask(elodie, { topic, question: 'Chariot élévateur : où ranger les clés ?', space: 'entrepot', experts: 1 }), 201);
    assert.deepEqual(asked.notified.map((p) => p.name), ['Thomas Moreau']);
    await sql()`update comments set created_at = ${ago(25)} where id = ${asked.question.id}`;
    await escalateOverdueQuestions(sql());
    const told = await sql()`
      select n.reason, p.name from expert_notifications n join people p on p.id = n.person_id
       where n.question_id = ${asked.question.id} order by n.rank nulls last`;
    assert.deepEqual(told.map((r) => `${r.reason}: ${r.name}`), ['expert: Thomas Moreau', 'next_expert: Julien Bernard', 'steward: Marc Leroy']);
  });
});
