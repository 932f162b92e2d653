import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CommentPage, Thread } from '../../shared/api-types.ts';
import { createTestApi, type RequestOptions, type TestApi } from '../support/api.ts';

type Person = NonNullable<RequestOptions['as']>;
import { SseReader } from '../support/sse.ts';

let api: TestApi;
const alice = { sub: 'alice', name: 'Alice Martin', dept: 'Comptabilité' };
const bob = { sub: 'bob', name: 'Bob Durand' };
const carol = { sub: 'carol', name: 'Carol Steward' };
const PAGE = 'https://intranet.example.com/actualites/42';

before(async () => {
  api = await createTestApi();
  await api.post('/api/spaces', { slug: 'aide', name: 'Aide', visibility: 'open', answerPromiseHours: 48 }, { as: carol });
  await api.post('/api/spaces', { slug: 'codir', name: 'Codir', visibility: 'closed' }, { as: carol });
  await api.post('/api/spaces', { slug: 'fusion', name: 'Fusion', visibility: 'secret' }, { as: carol });
});
after(() => api.close());

async function post(as: Person, body: Record<string, unknown>) {
  const answer = await api.post('/api/comments', { subject: PAGE, ...body }, { as });
  return answer;
}
async function page(query: string, as: Person = alice) {
  return api.get<CommentPage>(`/api/comments?${query}`, { as });
}
const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

describe('comments', () => {
  test('a page with no comment yet reads as empty, and creates nothing', async () => {
    const { status, body } = await page(q({ subject: 'https://intranet.example.com/vide' }));
    assert.equal(status, 200);
    assert.equal(body.subject.id, null);
    assert.equal(body.subject.commentCount, 0);
    assert.deepEqual(body.threads, []);
    assert.equal(body.space.slug, 'general', 'the default space when none is named');
    const rows = await api.db.database.sql`select 1 from subjects where key = 'https://intranet.example.com/vide'`;
    assert.equal(rows.length, 0);
  });

  test('posting, replying and reading threads, with the subject key normalised', async () => {
    const first = await post(alice, { subject: `${PAGE}?utm_source=newsletter#comments`, body: 'Merci pour ce **nouveau portail** !' });
    assert.equal(first.status, 201);
    assert.equal(first.body.author.name, 'Alice Martin');
    assert.deepEqual(first.body.tree, [{ t: 'p', c: ['Merci pour ce ', { t: 'strong', c: ['nouveau portail'] }, ' !'] }]);
    const reply = await post(bob, { parentId: first.body.id, body: 'Oui, enfin !' });
    assert.equal(reply.status, 201);
    const nested = await post(alice, { parentId: reply.body.id, body: 'Et les notes de frais aussi.' });
    assert.equal(nested.status, 201);

    const { body } = await page(q({ subject: PAGE }));
    assert.equal(body.subject.commentCount, 3);
    assert.equal(body.threads.length, 1);
    const thread = body.threads[0]!;
    assert.equal(thread.id, first.body.id);
    assert.deepEqual(thread.replies.map((r) => [r.id, r.parentId]), [
      [reply.body.id, first.body.id],
      [nested.body.id, reply.body.id],
    ]);
    assert.equal(body.viewer.canWrite, true);
  });

  test('text is stored as written and can never become live HTML', async () => {
    const payload = '<script>alert(1)</script> <img src=x onerror=alert(2)> [clic](javascript:alert(3)) [ok](https://intranet.example.com/)';
    const { body, status } = await post(alice, { subject: 'xss-test', body: payload });
    assert.equal(status, 201);
    assert.equal(body.body, payload, 'stored as written');
    const links: string[] = [];
    const text: string[] = [];
    const walk = (node: unknown): void => {
      if (typeof node === 'string') text.push(node);
      else if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const n = node as { t: string; href?: string; c?: unknown; items?: unknown };
        if (n.t === 'link') links.push(n.href!);
        walk(n.c);
        walk(n.items);
      }
    };
    walk(body.tree);
    assert.deepEqual(links, ['https://intranet.example.com/']);
    assert.ok(text.join('').includes('<script>alert(1)</script>'), 'the markup is kept as plain text');
  });

  test('a reply must be to a comment of the same subject', async () => {
    const other = await post(alice, { subject: 'autre-sujet', body: 'Ailleurs' });
    const wrong = await post(bob, { parentId: other.body.id, body: 'Hors sujet' });
    assert.equal(wrong.status, 404);
    const unknown = await post(bob, { parentId: '00000000-0000-4000-8000-000000000000', body: 'Perdu' });
    assert.equal(unknown.status, 404);
  });

  test('authors edit their own comments, and only theirs', async () => {
    const { body: mine } = await post(alice, { subject: 'edit-test', body: 'Premier jet' });
    const edited = await api.request('PATCH', `/api/comments/${mine.id}`, { as: alice, body: { body: 'Version *corrigée*' } });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.body, 'Version *corrigée*');
    assert.ok(edited.body.editedAt);
    const byBob = await api.request('PATCH', `/api/comments/${mine.id}`, { as: bob, body: { body: 'Piraté' } });
    assert.equal(byBob.status, 403);
    assert.equal(byBob.body.error.code, 'not_author');
  });

  test('a deleted comment keeps its place when it has replies, without its words or author', async () => {
    const { body: root } = await post(alice, { subject: 'delete-test', body: 'À supprimer' });
    await post(bob, { subject: 'delete-test', parentId: root.id, body: 'Une réponse' });
    const { body: lonely } = await post(alice, { subject: 'delete-test', body: 'Seul' });
    assert.equal((await api.request('DELETE', `/api/comments/${root.id}`, { as: bob })).status, 403);
    assert.equal((await api.request('DELETE', `/api/comments/${root.id}`, { as: alice })).status, 204);
    assert.equal((await api.request('DELETE', `/api/comments/${lonely.id}`, { as: alice })).status, 204);
    assert.equal((await api.request('DELETE', `/api/comments/${lonely.id}`, { as: alice })).status, 204, 'again: no change');
    const { body } = await page(q({ subject: 'delete-test' }));
    assert.equal(body.threads.length, 1, 'the deleted comment without replies is gone');
    const placeholder = body.threads[0]!;
    assert.equal(placeholder.status, 'deleted');
    assert.equal(placeholder.body, '');
    assert.equal(placeholder.author, null);
    assert.equal(placeholder.replies.length, 1);
    assert.equal(body.subject.commentCount, 1);
    const [row] = await api.db.database.sql`select body from comments where id = ${root.id}`;
    assert.equal(row!.body, '', 'the words are erased from the database too');
    const reply = await post(bob, { subject: 'delete-test', parentId: root.id, body: 'Trop tard' });
    assert.equal(reply.status, 409);
  });

  test('a steward does not delete someone else’s comment: they are told to hide it with a reason', async () => {
    const { body } = await post(alice, { space: 'aide', subject: 'steward-delete', body: 'Hors charte' });
    const refused = await api.request('DELETE', `/api/comments/${body.id}`, { as: carol });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'hide_instead');
    const [row] = await api.db.database.sql<{ status: string }[]>`select status from comments where id = ${body.id}`;
    assert.equal(row!.status, 'published', 'nothing deleted');
  });

  test('reporting a comment to the stewards, once per person', async () => {
    const { body } = await post(alice, { subject: 'report-test', body: 'Propos limite' });
    const first = await api.post(`/api/comments/${body.id}/report`, { reason: 'Propos déplacés' }, { as: bob });
    const again = await api.post(`/api/comments/${body.id}/report`, { reason: 'Encore' }, { as: bob });
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    const rows = await api.db.database.sql`select reason from comment_reports where comment_id = ${body.id}`;
    assert.deepEqual(rows.map((r) => r.reason), ['Propos déplacés']);
    const empty = await api.post(`/api/comments/${body.id}/report`, { reason: '' }, { as: bob });
    assert.equal(empty.status, 400);
  });

  test('sorting and paginating long threads, without gaps or repeats', async () => {
    const subject = 'long-thread';
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await post(i % 2 ? alice : bob, { subject, body: `Message ${i}` })).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const params: Record<string, string> = { subject, sort: 'oldest', limit: '10' };
      if (cursor) params.cursor = cursor;
      const { body } = await page(q(params));
      seen.push(...body.threads.map((t) => t.id));
      cursor = body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, ids);
    const newest = await page(q({ subject, limit: '3' }));
    assert.deepEqual(newest.body.threads.map((t) => t.id), ids.slice(-3).reverse());
    assert.equal(newest.body.subject.commentCount, 25);
  });
});

describe('questions and answers', () => {
  const subject = 'https://intranet.example.com/aide/tva';
  let question: Thread;

  test('in Q&A mode, a top-level post is a question and replies are answers', async () => {
    const asked = await post(alice, { space: 'aide', subject, mode: 'qa', body: 'Comment déclarer la TVA intracommunautaire ?' });
    assert.equal(asked.status, 201);
    assert.equal(asked.body.isQuestion, true);
    assert.equal(asked.body.answeredAt, null);
    question = asked.body;

    await post(alice, { space: 'aide', subject, parentId: question.id, body: 'Précision : pour un fournisseur allemand.' });
    let { body } = await page(q({ space: 'aide', subject }));
    assert.equal(body.subject.mode, 'qa');
    assert.equal(body.space.answerPromiseHours, 48);
    assert.equal(body.threads[0]!.answeredAt, null, 'the asker’s own follow-up is not an answer');

    const answer = await post(bob, { space: 'aide', subject, parentId: question.id, body: 'Autoliquidation : ligne 17 de la CA3.' });
    assert.equal(answer.status, 201);
    ({ body } = await page(q({ space: 'aide', subject })));
    assert.ok(body.threads[0]!.answeredAt, 'the first answer by someone else is when the question was answered');
  });

  test('the asker accepts an answer; others cannot, a steward can', async () => {
    const { body } = await page(q({ space: 'aide', subject }));
    const answer = body.threads[0]!.replies.find((r) => r.author?.name === 'Bob Durand')!;
    const byBob = await api.request('PUT', `/api/comments/${answer.id}/accept`, { as: bob });
    assert.equal(byBob.status, 403);
    assert.equal(byBob.body.error.code, 'not_asker');
    const byAlice = await api.request('PUT', `/api/comments/${answer.id}/accept`, { as: alice });
    assert.equal(byAlice.status, 200);
    assert.deepEqual(byAlice.body, { questionId: question.id, acceptedAnswerId: answer.id });
    const withdrawn = await api.request('DELETE', `/api/comments/${answer.id}/accept`, { as: carol });
    assert.equal(withdrawn.body.acceptedAnswerId, null);
    const again = await api.request('PUT', `/api/comments/${answer.id}/accept`, { as: carol });
    assert.equal(again.body.acceptedAnswerId, answer.id);
    const notAnAnswer = await api.request('PUT', `/api/comments/${question.id}/accept`, { as: alice });
    assert.equal(notAnAnswer.status, 409);
  });
});

describe('closed spaces are closed on the server', () => {
  test('a non-member cannot read or write in a closed space; a secret one does not exist for them', async () => {
    const written = await post(carol, { space: 'codir', subject: 'budget', body: 'Confidentiel' });
    assert.equal(written.status, 201);
    const read = await page(q({ space: 'codir', subject: 'budget' }), bob);
    assert.equal(read.status, 403);
    const write = await post(bob, { space: 'codir', subject: 'budget', body: 'Je peux ?' });
    assert.equal(write.status, 403);
    const byId = await api.request('PATCH', `/api/comments/${written.body.id}`, { as: bob, body: { body: 'x' } });
    assert.equal(byId.status, 403);
    const report = await api.post(`/api/comments/${written.body.id}/report`, { reason: 'curieux' }, { as: bob });
    assert.equal(report.status, 403);

    const secret = await post(carol, { space: 'fusion', subject: 'cible', body: 'Top secret' });
    assert.equal((await page(q({ space: 'fusion', subject: 'cible' }), bob)).status, 404);
    const like = await api.request('PUT', `/api/comments/${secret.body.id}/like`, { as: bob });
    assert.equal(like.status, 404, 'a secret space’s comment does not exist for outsiders');
  });

  test('anonymous people cannot read when anonymous reading is off', async () => {
    const answer = await api.get(`/api/comments?${q({ subject: PAGE })}`);
    assert.equal(answer.status, 401);
  });
});

describe('liking comments', () => {
  test('a like per person, idempotent, exact under concurrency', async () => {
    const { body } = await post(alice, { subject: 'likes-on-comments', body: 'Aimez-moi' });
    const people = Array.from({ length: 20 }, (_, i) => ({ sub: `liker-${i}`, name: `Liker ${i}` }));
    await Promise.all(people.flatMap((as) => [api.request('PUT', `/api/comments/${body.id}/like`, { as }), api.request('PUT', `/api/comments/${body.id}/like`, { as })]));
    const { body: listed } = await page(q({ subject: 'likes-on-comments' }), people[0]);
    assert.equal(listed.threads[0]!.likeCount, 20);
    assert.equal(listed.threads[0]!.likedByMe, true);
    const unliked = await api.request('DELETE', `/api/comments/${body.id}/like`, { as: people[0] });
    assert.deepEqual(unliked.body, { count: 19, liked: false });
    const again = await api.request('DELETE', `/api/comments/${body.id}/like`, { as: people[0] });
    assert.deepEqual(again.body, { count: 19, liked: false });
  });
});

describe('live events', () => {
  async function open(query: string, as: Person, lastEventId?: string) {
    const headers: Record<string, string> = { authorization: `Bearer ${await api.token(as)}` };
    if (lastEventId) headers['last-event-id'] = lastEventId;
    const response = await api.app.request(`/api/events?${query}`, { headers });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
    return new SseReader(response);
  }

  test('new, edited and deleted comments reach the open streams of that subject only', async () => {
    const stream = await open(q({ s: 'live-1' }), bob);
    await stream.next((e) => e.event === 'ready');
    await post(alice, { subject: 'live-other', body: 'Ailleurs' });
    const created = await post(alice, { subject: 'live-1', body: 'En direct' });
    const event = await stream.next();
    assert.equal(event.data.type, 'comment.created');
    assert.equal(event.data.subject, 'live-1');
    assert.equal(event.data.comment.id, created.body.id);
    assert.ok(event.id);

    await api.request('PATCH', `/api/comments/${created.body.id}`, { as: alice, body: { body: 'En direct (modifié)' } });
    assert.equal((await stream.next()).data.type, 'comment.updated');
    await api.request('DELETE', `/api/comments/${created.body.id}`, { as: alice });
    const deleted = await stream.next();
    assert.equal(deleted.data.type, 'comment.deleted');
    assert.equal(deleted.data.comment.body, '');
    assert.deepEqual(stream.pending(), [], 'nothing about the other subject');
    await stream.close();
  });

  test('a client that reconnects with Last-Event-ID catches up on what it missed', async () => {
    let stream = await open(q({ s: 'live-2' }), bob);
    await post(alice, { subject: 'live-2', body: 'Un' });
    const last = await stream.next();
    await stream.close();
    const missed = [(await post(alice, { subject: 'live-2', body: 'Deux' })).body.id, (await post(alice, { subject: 'live-2', body: 'Trois' })).body.id];
    stream = await open(q({ s: 'live-2' }), bob, last.id);
    const caught = [(await stream.next()).data.comment.id, (await stream.next()).data.comment.id];
    assert.deepEqual(caught, missed);
    await stream.close();
  });

  test('a stream on a closed space is refused to non-members', async () => {
    const response = await api.app.request(`/api/events?${q({ space: 'codir', s: 'budget' })}`, {
      headers: { authorization: `Bearer ${await api.token(bob)}` },
    });
    assert.equal(response.status, 403);
  });
});

describe('from a page to its live stream', () => {
  test('a comment written between reading the page and opening the stream is not missed', async () => {
    await post(alice, { subject: 'gap-test', body: 'Avant' });
    const { body: page1 } = await page(q({ subject: 'gap-test' }), bob);
    assert.match(page1.lastEventId, /^\d+$/);
    const between = await post(alice, { subject: 'gap-test', body: 'Entre les deux' });
    const response = await api.app.request(`/api/events?${q({ s: 'gap-test' })}`, {
      headers: { authorization: `Bearer ${await api.token(bob)}`, 'last-event-id': page1.lastEventId },
    });
    const stream = new SseReader(response);
    assert.equal((await stream.next()).data.comment.id, between.body.id);
    await stream.close();
  });

  test('a subject nobody wrote on yet starts from "0", and its first comment is caught', async () => {
    const { body: empty } = await page(q({ subject: 'gap-empty' }), bob);
    assert.equal(empty.lastEventId, '0');
    const first = await post(alice, { subject: 'gap-empty', body: 'Premier' });
    const response = await api.app.request(`/api/events?${q({ s: 'gap-empty' })}`, {
      headers: { authorization: `Bearer ${await api.token(bob)}`, 'last-event-id': '0' },
    });
    const stream = new SseReader(response);
    assert.equal((await stream.next()).data.comment.id, first.body.id);
    await stream.close();
  });
});
