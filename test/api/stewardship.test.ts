import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CommentPage, IdeaDetail, ModerationQueue, RucheNotifications } from '../../shared/api-types.ts';
import { createTestApi, type RequestOptions, type TestApi } from '../support/api.ts';

/**
 * Stewardship: the moderation queue, hide / restore / dismiss / approve / reject with reasons, the
 * audit log, pre-moderation and the word list, what authors and everyone else see, and what authors
 * are told.
 */
type Person = NonNullable<RequestOptions['as']>;

let api: TestApi;
const steward = { sub: 'stella', name: 'Stella Animatrice' };
const alice = { sub: 'alice', name: 'Alice Martin', dept: 'Comptabilité' };
const bob = { sub: 'bob', name: 'Bob Durand' };
const carol = { sub: 'carol', name: 'Carol Petit' };
const guest = { sub: 'marc', name: 'Marc Partenaire', guest: true };
const PAGE = 'https://intranet.example.com/actualites/moderation';

before(async () => {
  api = await createTestApi();
  await api.post('/api/spaces', { slug: 'atelier', name: 'Atelier', visibility: 'open', answerPromiseHours: 24 }, { as: steward });
  await api.post('/api/spaces', { slug: 'partenaires', name: 'Partenaires', visibility: 'closed' }, { as: steward });
  const guestId = (await api.get('/api/me', { as: guest })).body.id;
  await api.request('PUT', `/api/spaces/partenaires/members/${guestId}`, { as: steward, body: { role: 'member' } });
  const aliceId = (await api.get('/api/me', { as: alice })).body.id;
  await api.request('PUT', `/api/spaces/partenaires/members/${aliceId}`, { as: steward, body: { role: 'member' } });
});
after(() => api.close());

const sql = () => api.db.database.sql;

async function comment(as: Person, body: string, extra: Record<string, unknown> = {}) {
  const answer = await api.post('/api/comments', { space: 'atelier', subject: PAGE, body, ...extra }, { as });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body as CommentPage['threads'][number];
}

async function page(as: Person | undefined, space = 'atelier', subject = PAGE) {
  const answer = await api.get<CommentPage>(`/api/comments?space=${space}&subject=${encodeURIComponent(subject)}`, as ? { as } : {});
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

const everyComment = (p: CommentPage) => p.threads.flatMap((t) => [t, ...t.replies]);

async function act(as: Person, kind: 'comments' | 'ideas', id: string, action: string, reason?: string) {
  return api.post(`/api/moderation/${kind}/${id}/${action}`, reason === undefined ? {} : { reason }, { as });
}

async function settings(body: Record<string, unknown>, as: Person = steward) {
  const answer = await api.request('PUT', '/api/moderation/settings', { as, body: { space: 'atelier', ...body } });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

async function queue(as: Person = steward, space = 'atelier') {
  const answer = await api.get<ModerationQueue>(`/api/moderation?space=${space}`, { as });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

async function notifications(as: Person) {
  return (await api.get<RucheNotifications>('/api/notifications', { as })).body;
}

async function createdEvents(commentId: string) {
  return [...(await sql()<{ type: string }[]>`select type from events where payload->'comment'->>'id' = ${commentId} order by id`)];
}

describe('reports and the queue', () => {
  test('reported comments and ideas wait in the queue with their reasons, oldest first; reporters are not named', async () => {
    const first = await comment(alice, 'Un commentaire un peu vif.');
    const idea = await api.post<IdeaDetail>('/api/ideas', { space: 'atelier', title: 'Fermer la cantine', description: 'Pour de bon.' }, { as: alice });
    assert.equal(idea.status, 201);
    assert.equal((await api.post(`/api/comments/${first.id}/report`, { reason: 'Ton agressif' }, { as: bob })).status, 201);
    assert.equal((await api.post(`/api/comments/${first.id}/report`, { reason: 'Hors sujet' }, { as: carol })).status, 201);
    assert.equal((await api.post(`/api/ideas/${idea.body.id}/report`, { reason: 'Provocation' }, { as: bob })).status, 201);
    assert.equal((await api.post(`/api/ideas/${idea.body.id}/report`, { reason: 'Encore' }, { as: bob })).status, 201, 'once per person');

    const q = await queue();
    const mine = q.items.filter((i) => i.id === first.id || i.id === idea.body.id);
    assert.deepEqual(mine.map((i) => [i.kind, i.state, i.reports.count]), [
      ['comment', 'reported', 2],
      ['idea', 'reported', 1],
    ]);
    assert.deepEqual(mine[0]!.reports.reasons.map((r) => r.reason), ['Ton agressif', 'Hors sujet']);
    assert.equal(mine[1]!.title, 'Fermer la cantine');
    assert.ok(q.counts.reported >= 2);
    const text = JSON.stringify(q);
    assert.ok(!text.includes('Bob Durand') && !text.includes('Carol Petit'), 'reporters are not named');
    const since = q.items.map((i) => i.since);
    assert.deepEqual(since, [...since].sort(), 'oldest first');
    // On the idea itself, stewards learn it has open reports (to dismiss them there); nobody else does.
    assert.equal((await api.get<IdeaDetail>(`/api/ideas/${idea.body.id}`, { as: steward })).body.openReports, 1);
    assert.equal('openReports' in (await api.get<IdeaDetail>(`/api/ideas/${idea.body.id}`, { as: carol })).body, false);
    assert.equal((await act(steward, 'ideas', idea.body.id, 'dismiss', 'Une opinion, pas un abus.')).status, 200);
    assert.equal((await api.get<IdeaDetail>(`/api/ideas/${idea.body.id}`, { as: steward })).body.openReports, 0);
  });
});

describe('hiding and restoring', () => {
  test('a reason is required to hide; without one, nothing changes', async () => {
    const c = await comment(alice, 'À masquer peut-être.');
    const refused = await act(steward, 'comments', c.id, 'hide');
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'invalid_request');
    assert.equal(refused.body.error.details[0].path, 'reason');
    const blank = await act(steward, 'comments', c.id, 'hide', '   ');
    assert.equal(blank.status, 400);
    const [row] = await sql()`select status from comments where id = ${c.id}`;
    assert.equal(row!.status, 'published');
    const [log] = await sql()`select count(*)::int as n from moderation_actions where target_id = ${c.id}`;
    assert.equal(log!.n, 0);
  });

  test('a hidden comment: a placeholder for others, its text and the reason for its author and the stewards', async () => {
    const root = await comment(bob, 'Sujet de départ.');
    const hidden = await comment(alice, 'Propos déplacés.', { parentId: root.id });
    await comment(carol, 'Une réponse sous le commentaire masqué.', { parentId: hidden.id });
    await api.post(`/api/comments/${hidden.id}/report`, { reason: 'Insultant' }, { as: bob });
    const done = await act(steward, 'comments', hidden.id, 'hide', 'Propos contraires à la charte.');
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.deepEqual(done.body, { kind: 'comment', id: hidden.id, action: 'hide', state: 'hidden', resolvedReports: 1 });

    const forOthers = everyComment(await page(bob)).find((c) => c.id === hidden.id)!;
    assert.equal(forOthers.status, 'hidden');
    assert.equal(forOthers.body, '');
    assert.equal(forOthers.author, null);
    assert.equal(forOthers.moderation, undefined);

    const forAuthor = everyComment(await page(alice)).find((c) => c.id === hidden.id)!;
    assert.equal(forAuthor.body, 'Propos déplacés.');
    assert.equal(forAuthor.author?.name, 'Alice Martin');
    assert.equal(forAuthor.moderation?.state, 'hidden');
    assert.equal(forAuthor.moderation?.reason, 'Propos contraires à la charte.');
    const forSteward = everyComment(await page(steward)).find((c) => c.id === hidden.id)!;
    assert.equal(forSteward.body, 'Propos déplacés.');

    // The live event names the comment and keeps none of its words (it is read as it goes out).
    const [event] = await sql()<{ payload: { comment: Record<string, unknown> } }[]>`
      select payload from events where type = 'comment.updated' and payload->'comment'->>'id' = ${hidden.id} order by id desc limit 1`;
    assert.deepEqual(event!.payload.comment, { id: hidden.id });

    // The author is told why, not by whom.
    const told = await notifications(alice);
    const notice = told.items.find((n) => n.target.id === hidden.id)!;
    assert.equal(notice.kind, 'post_hidden');
    assert.equal(notice.reason, 'Propos contraires à la charte.');
    assert.equal(notice.target.kind, 'comment');
    assert.ok(!JSON.stringify(told).includes('Stella'), 'the steward is not named to the author');
    assert.ok(told.unreadCount >= 1);

    // The audit log says who, what, why, when.
    const log = await api.get('/api/moderation/log?space=atelier', { as: steward });
    assert.equal(log.status, 200);
    const entry = log.body.entries.find((e: { target: { id: string } | null }) => e.target?.id === hidden.id);
    assert.equal(entry.action, 'hide');
    assert.equal(entry.reason, 'Propos contraires à la charte.');
    assert.equal(entry.by.name, 'Stella Animatrice');
    assert.ok(Date.parse(entry.at) > 0);

    // Out of the queue, its report resolved.
    assert.ok(!(await queue()).items.some((i) => i.id === hidden.id));
    const [report] = await sql()`select resolution, resolved_by is not null as by from comment_reports where comment_id = ${hidden.id}`;
    assert.deepEqual({ ...report }, { resolution: 'hidden', by: true });

    // Restored: back for everyone, the author told.
    const restored = await act(steward, 'comments', hidden.id, 'restore');
    assert.equal(restored.status, 200);
    const back = everyComment(await page(bob)).find((c) => c.id === hidden.id)!;
    assert.equal(back.body, 'Propos déplacés.');
    assert.equal(back.status, 'published');
    assert.ok((await notifications(alice)).items.some((n) => n.kind === 'post_restored' && n.target.id === hidden.id));
  });

  test('a hidden comment without replies is gone for others, still there for its author', async () => {
    const alone = await comment(alice, 'Seul et masqué.');
    assert.equal((await act(steward, 'comments', alone.id, 'hide', 'Spam')).status, 200);
    assert.ok(!everyComment(await page(bob)).some((c) => c.id === alone.id));
    assert.ok(everyComment(await page(alice)).some((c) => c.id === alone.id && c.moderation?.reason === 'Spam'));
    const before = (await page(bob)).subject.commentCount;
    assert.equal((await page(alice)).subject.commentCount, before, 'not counted, even for its author');
  });

  test('dismissing closes the reports and leaves the post published, without telling its author', async () => {
    const c = await comment(alice, 'Un avis tranché mais correct.');
    await api.post(`/api/comments/${c.id}/report`, { reason: 'Pas d’accord' }, { as: bob });
    const before = (await notifications(alice)).items.length;
    const dismissed = await act(steward, 'comments', c.id, 'dismiss', 'Désaccord n’est pas abus.');
    assert.equal(dismissed.status, 200);
    assert.equal(dismissed.body.state, 'published');
    assert.equal(dismissed.body.resolvedReports, 1);
    assert.equal((await notifications(alice)).items.length, before);
    assert.ok(!(await queue()).items.some((i) => i.id === c.id));
    const again = await act(steward, 'comments', c.id, 'dismiss');
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'nothing_to_dismiss');
  });

  test('moves the post’s state does not allow are refused with 409', async () => {
    const c = await comment(alice, 'Publié.');
    for (const action of ['restore', 'approve', 'reject']) {
      const answer = await act(steward, 'comments', c.id, action, 'raison');
      assert.equal(answer.status, 409, action);
      assert.equal(answer.body.error.code, 'invalid_transition');
    }
    await api.request('DELETE', `/api/comments/${c.id}`, { as: alice });
    const gone = await act(steward, 'comments', c.id, 'hide', 'trop tard');
    assert.equal(gone.status, 409);
  });

  test('a hidden idea: not listed, not counted, not voted for, unknown to others; its author sees it and why', async () => {
    const created = await api.post<IdeaDetail>('/api/ideas', { space: 'atelier', title: 'Idée litigieuse', description: 'Texte.' }, { as: alice });
    const id = created.body.id;
    const countBefore = (await api.get('/api/ideas?space=atelier', { as: bob })).body.total;
    assert.equal((await act(steward, 'ideas', id, 'hide', 'Doublon d’une annonce officielle.')).status, 200);
    assert.equal((await api.get(`/api/ideas/${id}`, { as: bob })).status, 404);
    const list = (await api.get('/api/ideas?space=atelier', { as: bob })).body;
    assert.ok(!list.ideas.some((i: { id: string }) => i.id === id));
    assert.equal(list.total, countBefore - 1);
    const vote = await api.request('PUT', `/api/ideas/${id}/vote`, { as: alice });
    assert.equal(vote.status, 409);
    assert.equal(vote.body.error.code, 'idea_not_published');
    const mine = await api.get<IdeaDetail>(`/api/ideas/${id}`, { as: alice });
    assert.equal(mine.status, 200);
    assert.equal(mine.body.moderation?.state, 'hidden');
    assert.equal(mine.body.moderation?.reason, 'Doublon d’une annonce officielle.');
    const listedForAuthor = (await api.get('/api/ideas?space=atelier&mine=true', { as: alice })).body;
    assert.ok(listedForAuthor.ideas.some((i: { id: string }) => i.id === id));
    assert.ok((await notifications(alice)).items.some((n) => n.kind === 'post_hidden' && n.target.kind === 'idea' && n.target.id === id));
    assert.equal((await api.get(`/api/ideas/${id}`, { as: steward })).status, 200);
  });
});

describe('pre-moderation and the word list', () => {
  test('settings: everyone who reads sees whether posts wait; only stewards see and change the words', async () => {
    const saved = await settings({ premoderation: 'guests', words: ['Connard', 'mot de passe', 'connard '] });
    assert.deepEqual(saved.words, ['Connard', 'mot de passe'], 'one entry per word, trimmed');
    const forBob = (await api.get('/api/moderation/settings?space=atelier', { as: bob })).body;
    assert.equal(forBob.premoderation, 'guests');
    assert.equal(forBob.words, null);
    assert.equal(forBob.holdsMyPosts, false);
    const forGuest = (await api.get('/api/moderation/settings?space=partenaires', { as: guest })).body;
    assert.equal(forGuest.premoderation, 'off');
    const forSteward = (await api.get('/api/moderation/settings?space=atelier', { as: steward })).body;
    assert.deepEqual(forSteward.words, ['Connard', 'mot de passe']);
    const log = (await api.get('/api/moderation/log?space=atelier', { as: steward })).body;
    const change = log.entries.find((e: { action: string }) => e.action === 'settings');
    assert.deepEqual(change.details.premoderation, { from: 'off', to: 'guests' });
    assert.deepEqual(change.details.words.added, ['Connard', 'mot de passe']);
  });

  test('a listed word, whatever its case and accents, whole words only, sends the post to the queue', async () => {
    const held = await comment(bob, 'Quel CONNÅRD ce fournisseur !');
    assert.equal(held.status, 'pending');
    assert.equal(held.moderation?.heldFor, 'word');
    assert.equal(held.moderation?.word, null, 'the author is not told which word');
    const phrase = await comment(bob, 'Voici mon Mot-de-passe : 1234');
    assert.equal(phrase.status, 'pending');
    const fine = await comment(bob, 'Les connards? Non : les contrats, les connaissances.');
    assert.equal(fine.status, 'published', '"connards" and "contrats" are other words');

    const item = (await queue()).items.find((i) => i.id === held.id)!;
    assert.equal(item.state, 'pending');
    assert.equal(item.heldFor, 'word');
    assert.equal(item.word, 'Connard');
    assert.equal(item.author?.name, 'Bob Durand');
  });

  test('a pending comment: its author sees it waiting, stewards see it, nobody else; not counted, not live, until approved', async () => {
    const subject = 'https://intranet.example.com/actualites/attente';
    await comment(carol, 'Premier commentaire publié.', { subject });
    const held = await comment(bob, 'Encore ce connard de photocopieur.', { subject });
    assert.equal(held.status, 'pending');
    assert.deepEqual(await createdEvents(held.id), [], 'not on any live stream');

    const forCarol = await page(carol, 'atelier', subject);
    assert.ok(!everyComment(forCarol).some((c) => c.id === held.id));
    assert.equal(forCarol.subject.commentCount, 1);
    const forBob = await page(bob, 'atelier', subject);
    const own = everyComment(forBob).find((c) => c.id === held.id)!;
    assert.equal(own.status, 'pending');
    assert.equal(own.body, 'Encore ce connard de photocopieur.');
    assert.equal(forBob.subject.commentCount, 1);
    assert.ok(everyComment(await page(steward, 'atelier', subject)).some((c) => c.id === held.id));
    assert.equal((await api.post('/api/comments', { space: 'atelier', subject, parentId: held.id, body: 'Réponse' }, { as: carol })).status, 404);
    assert.equal((await api.request('PUT', `/api/comments/${held.id}/like`, { as: carol })).status, 404);

    const approved = await act(steward, 'comments', held.id, 'approve');
    assert.equal(approved.status, 200);
    assert.equal(approved.body.state, 'published');
    assert.deepEqual((await createdEvents(held.id)).map((e) => e.type), ['comment.created']);
    const after = await page(carol, 'atelier', subject);
    assert.ok(everyComment(after).some((c) => c.id === held.id && c.status === 'published'));
    assert.equal(after.subject.commentCount, 2);
    assert.ok((await notifications(bob)).items.some((n) => n.kind === 'post_approved' && n.target.id === held.id));
  });

  test('an edit that brings a listed word sends the post back to the stewards; under replies, others see it hidden meanwhile', async () => {
    const subject = 'https://intranet.example.com/actualites/edition';
    const original = await comment(bob, 'Un avis modéré.', { subject });
    await comment(carol, 'Une réponse à l’avis.', { subject, parentId: original.id });
    const edited = await api.request('PATCH', `/api/comments/${original.id}`, { as: bob, body: { body: 'Un avis de connard.' } });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.status, 'pending');
    assert.equal(edited.body.moderation.heldFor, 'word');
    const forCarol = everyComment(await page(carol, 'atelier', subject)).find((c) => c.id === original.id)!;
    assert.deepEqual([forCarol.status, forCarol.body, forCarol.author], ['hidden', '', null]);
    const [event] = await sql()<{ payload: { comment: Record<string, unknown> } }[]>`
      select payload from events where type = 'comment.updated' and payload->'comment'->>'id' = ${original.id} order by id desc limit 1`;
    assert.deepEqual(event!.payload.comment, { id: original.id }, 'the event keeps no words');
    assert.equal(everyComment(await page(bob, 'atelier', subject)).find((c) => c.id === original.id)!.body, 'Un avis de connard.');
    assert.ok((await queue()).items.some((i) => i.id === original.id && i.state === 'pending'));
    assert.equal((await act(steward, 'comments', original.id, 'approve')).status, 200);
    assert.equal(everyComment(await page(carol, 'atelier', subject)).find((c) => c.id === original.id)!.body, 'Un avis de connard.');

    const idea = await api.post<IdeaDetail>('/api/ideas', { space: 'atelier', title: 'Idée sage', description: 'Rien à redire.' }, { as: bob });
    const changed = await api.request('PATCH', `/api/ideas/${idea.body.id}`, { as: bob, body: { description: 'Quel connard a écrit ça ?' } });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.moderation.state, 'pending');
    assert.equal((await api.get(`/api/ideas/${idea.body.id}`, { as: carol })).status, 404);
  });

  test('rejecting needs a reason; the post stays hidden, its author told why', async () => {
    const held = await comment(bob, 'Connard.');
    assert.equal((await act(steward, 'comments', held.id, 'reject')).status, 400);
    const rejected = await act(steward, 'comments', held.id, 'reject', 'Insulte.');
    assert.equal(rejected.status, 200);
    assert.equal(rejected.body.state, 'hidden');
    assert.ok(!everyComment(await page(carol)).some((c) => c.id === held.id));
    const own = everyComment(await page(bob)).find((c) => c.id === held.id)!;
    assert.equal(own.moderation?.reason, 'Insulte.');
    const notice = (await notifications(bob)).items.find((n) => n.target.id === held.id)!;
    assert.equal(notice.kind, 'post_rejected');
    assert.equal(notice.reason, 'Insulte.');
  });

  test('its author may withdraw a pending comment', async () => {
    const held = await comment(bob, 'Un connard de plus.');
    assert.equal((await api.request('DELETE', `/api/comments/${held.id}`, { as: bob })).status, 204);
    assert.ok(!(await queue()).items.some((i) => i.id === held.id));
  });

  test('guests wait under "guests"; so does every anonymous idea, so that waiting says nothing of its author', async () => {
    await api.request('PUT', '/api/moderation/settings', { as: steward, body: { space: 'partenaires', premoderation: 'guests' } });
    const fromGuest = await api.post('/api/comments', { space: 'partenaires', subject: 'partenaires-accueil', body: 'Bonjour à tous' }, { as: guest });
    assert.equal(fromGuest.body.status, 'pending');
    assert.equal(fromGuest.body.moderation.heldFor, 'premoderation');
    assert.equal((await api.get('/api/moderation/settings?space=partenaires', { as: guest })).body.holdsMyPosts, true);
    const fromEmployee = await api.post('/api/comments', { space: 'partenaires', subject: 'partenaires-accueil', body: 'Bienvenue' }, { as: alice });
    assert.equal(fromEmployee.body.status, 'published');
    const fromSteward = await api.post('/api/comments', { space: 'partenaires', subject: 'partenaires-accueil', body: 'Connard' }, { as: steward });
    assert.equal(fromSteward.body.status, 'published', 'stewards are never held');

    const { version } = (await api.get('/api/ideas/policy?space=partenaires', { as: alice })).body;
    const anonymous = await api.post<IdeaDetail>(
      '/api/ideas',
      { space: 'partenaires', title: 'Idée anonyme d’un salarié', description: 'Sans nom.', anonymous: true, policyVersion: version },
      { as: alice },
    );
    assert.equal(anonymous.status, 201);
    assert.equal(anonymous.body.moderation?.state, 'pending');
    const signed = await api.post<IdeaDetail>('/api/ideas', { space: 'partenaires', title: 'Idée signée', description: 'Avec nom.' }, { as: alice });
    assert.equal(signed.body.moderation, undefined);

    const q = await queue(steward, 'partenaires');
    const item = q.items.find((i) => i.id === anonymous.body.id)!;
    assert.equal(item.author, null);
    assert.equal(item.createdAtPrecision, 'day');
    assert.ok(!JSON.stringify(item).includes('Alice'), 'the queue does not name the author of an anonymous idea');
    assert.equal((await api.get(`/api/ideas/${anonymous.body.id}`, { as: guest })).status, 404, 'pending: unknown to others');
    assert.equal((await act(steward, 'ideas', anonymous.body.id, 'approve')).status, 200);
    assert.equal((await api.get(`/api/ideas/${anonymous.body.id}`, { as: guest })).status, 200);
  });

  test('a steward’s anonymous idea waits by the same rules as anyone’s: skipping the queue would name them', async () => {
    const post = async (title: string, anonymous: boolean) => {
      const { version } = (await api.get('/api/ideas/policy?space=partenaires', { as: steward })).body;
      const answer = await api.post<IdeaDetail>(
        '/api/ideas',
        { space: 'partenaires', title, description: 'Une idée.', ...(anonymous ? { anonymous, policyVersion: version } : {}) },
        { as: steward },
      );
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return answer.body;
    };
    // Under "guests", every anonymous idea waits: the steward's too.
    assert.equal((await post('Anonyme sous « invités »', true)).moderation?.state, 'pending');
    assert.equal((await post('Signée sous « invités »', false)).moderation, undefined, 'signed, a steward is not held');
    // A watched word sends an anonymous idea to the queue, whoever wrote it.
    await api.request('PUT', '/api/moderation/settings', { as: steward, body: { space: 'partenaires', premoderation: 'off', words: ['confidentiel'] } });
    const worded = await post('Un sujet confidentiel', true);
    assert.deepEqual([worded.moderation?.state, worded.moderation?.heldFor], ['pending', 'word']);
    assert.equal((await post('Un autre sujet confidentiel', false)).moderation, undefined);
    // Under "everyone" too.
    await api.request('PUT', '/api/moderation/settings', { as: steward, body: { space: 'partenaires', premoderation: 'everyone', words: [] } });
    assert.equal((await post('Anonyme sous « tous »', true)).moderation?.state, 'pending');
    await api.request('PUT', '/api/moderation/settings', { as: steward, body: { space: 'partenaires', premoderation: 'guests' } });
  });

  test('"everyone": every post but the stewards’ waits, and a pending answer does not stop the question’s clock', async () => {
    await settings({ premoderation: 'everyone', words: [] });
    const subject = 'atelier-questions';
    const question = await api.post('/api/comments', { space: 'atelier', subject, mode: 'qa', body: 'Où est la clé du local ?' }, { as: steward });
    assert.equal(question.body.status, 'published');
    const answer = await api.post('/api/comments', { space: 'atelier', subject, parentId: question.body.id, body: 'À l’accueil.' }, { as: carol });
    assert.equal(answer.body.status, 'pending');
    const [waiting] = await sql()`select answered_at from comments where id = ${question.body.id}`;
    assert.equal(waiting!.answeredAt, null);
    assert.equal((await act(steward, 'comments', answer.body.id, 'approve')).status, 200);
    const [answered] = await sql()`select answered_at from comments where id = ${question.body.id}`;
    assert.ok(answered!.answeredAt instanceof Date);
    await settings({ premoderation: 'off' });
  });
});

describe('notifications', () => {
  test('marking read, some or all', async () => {
    const before = await notifications(alice);
    assert.ok(before.unreadCount >= 2);
    const one = before.items[0]!.id;
    const marked = await api.post('/api/notifications/read', { ids: [one] }, { as: alice });
    assert.equal(marked.status, 200);
    assert.equal(marked.body.unreadCount, before.unreadCount - 1);
    assert.equal((await api.get<RucheNotifications>('/api/notifications?unread=true', { as: alice })).body.items.some((n) => n.id === one), false);
    assert.equal((await api.post('/api/notifications/read', {}, { as: alice })).body.unreadCount, 0);
    assert.equal((await api.get('/api/notifications', { as: bob })).body.items.every((n: { target: { id: string } }) => n.target.id), true);
    assert.equal((await api.get('/api/notifications')).status, 401);
  });
});

describe('only stewards moderate', () => {
  test('every steward route answers 403 steward_only to a member, a colleague and a guest, and changes nothing', async () => {
    const target = await comment(alice, 'Cible des tentatives.');
    await api.post(`/api/comments/${target.id}/report`, { reason: 'test' }, { as: bob });
    const idea = (await api.post<IdeaDetail>('/api/ideas', { space: 'atelier', title: 'Cible idée', description: 'x' }, { as: alice })).body;
    await api.post(`/api/ideas/${idea.id}/report`, { reason: 'test' }, { as: bob });
    const heldSpace = await api.post('/api/comments', { space: 'partenaires', subject: 'partenaires-accueil', body: 'En attente' }, { as: guest });

    const snapshot = async () =>
      (await sql()`
        select (select count(*) from moderation_actions)::int as actions,
               (select count(*) from notifications)::int as notices,
               (select string_agg(id::text || status, ',' order by id) from comments) as comments,
               (select string_agg(id::text || moderation, ',' order by id) from ideas) as ideas,
               (select count(*) from comment_reports where resolved_at is null)::int as open_reports,
               (select string_agg(space_id::text || premoderation || array_to_string(words, '|'), ',') from space_moderation) as settings`)[0];
    const before = await snapshot();
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/moderation?space=atelier'],
      ['GET', '/api/moderation/log?space=atelier'],
      ['PUT', '/api/moderation/settings', { space: 'atelier', premoderation: 'off' }],
      ['PUT', '/api/moderation/settings', { space: 'atelier', words: [] }],
      ['GET', '/api/moderation?space=partenaires'],
      ['POST', `/api/moderation/comments/${heldSpace.body.id}/approve`, {}],
      ['POST', `/api/moderation/comments/${heldSpace.body.id}/reject`, { reason: 'non' }],
      ...['hide', 'restore', 'dismiss', 'approve', 'reject'].flatMap((action): [string, string, unknown][] => [
        ['POST', `/api/moderation/comments/${target.id}/${action}`, { reason: 'parce que' }],
        ['POST', `/api/moderation/ideas/${idea.id}/${action}`, { reason: 'parce que' }],
      ]),
    ];
    for (const who of [alice, bob, guest]) {
      for (const [method, path, body] of routes) {
        const answer = await api.request(method, path, { as: who, body });
        // A guest does not even see the open space: 404, which refuses as well.
        const expected = who === guest && !path.includes('partenaires') && !path.includes(heldSpace.body.id) ? [403, 404] : [403];
        assert.ok(expected.includes(answer.status), `${who.sub} ${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
        if (answer.status === 403) assert.equal(answer.body.error.code, 'steward_only', `${who.sub} ${method} ${path}`);
      }
    }
    for (const [method, path, body] of routes) {
      const answer = await api.request(method, path, { body });
      assert.ok([401, 404].includes(answer.status), `anonymous ${method} ${path}: ${answer.status}`);
    }
    assert.deepEqual(await snapshot(), before);

    // An admin may, everywhere.
    const admin = { sub: 'root', name: 'Ada Admin', admin: true };
    assert.equal((await api.get('/api/moderation?space=partenaires', { as: admin })).status, 200);
    assert.equal((await act(admin, 'comments', target.id, 'dismiss')).status, 200);
  });
});
