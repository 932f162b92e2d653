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
const dave = { sub: 'dave', name: 'Dave Lecteur' };
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

  test('a page starts its stream from its space’s newest event, whatever its subject: a quiet thread beside a busy one', async () => {
    await post(alice, { subject: 'gap-quiet', body: 'Il y a longtemps' });
    await post(alice, { subject: 'gap-busy', body: 'Plus tard' });
    await post(alice, { space: 'general', subject: 'gap-elsewhere', body: 'Encore plus tard' });
    const [newest] = await api.db.database.sql<{ id: string }[]>`
      select max(e.id)::text as id from events e join spaces s on s.id = e.space_id where s.slug = 'general'`;
    const { body: quiet } = await page(q({ subject: 'gap-quiet' }), bob);
    const { body: empty } = await page(q({ subject: 'gap-empty' }), bob);
    // Not the quiet thread's own last event (a stream for both pages would have to replay everything
    // since), and not "everything ever written about it", which only a scan could tell.
    assert.equal(quiet.lastEventId, newest!.id);
    assert.equal(empty.lastEventId, newest!.id);
    const first = await post(alice, { subject: 'gap-empty', body: 'Premier' });
    const stream = await openStream(q({ s: 'gap-empty' }), bob, empty.lastEventId);
    assert.equal((await stream.next()).data.comment.id, first.body.id);
    await stream.close();
  });

  test('the id a page starts from says nothing of other spaces’ activity', async () => {
    const { body: before } = await page(q({ subject: 'gap-other' }), bob);
    assert.equal((await post(carol, { space: 'codir', subject: 'budget-2027', body: 'Confidentiel' })).status, 201);
    const { body: after } = await page(q({ subject: 'gap-other' }), bob);
    assert.equal(after.lastEventId, before.lastEventId);
  });
});

async function openStream(query: string, as: Person, lastEventId?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${await api.token(as)}` };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  const response = await api.app.request(`/api/events?${query}`, { headers });
  assert.equal(response.status, 200);
  return new SseReader(response);
}

/** Everything a stream replays from `lastEventId` on, as raw text, once it has caught up. */
async function replayText(query: string, as: Person, lastEventId: string): Promise<string> {
  const response = await api.app.request(`/api/events?${query}`, { headers: { authorization: `Bearer ${await api.token(as)}`, 'last-event-id': lastEventId } });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + 1000;
  while (Date.now() < deadline) {
    const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), 200))]);
    if (!chunk || chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  await reader.cancel();
  return text;
}

describe('catching up after a reconnect', () => {
  test('a comment committed after a later one (its event id is older than the one the page was read at) is replayed', async () => {
    const subject = 'late-commit';
    await post(alice, { subject, body: 'Déjà là' });
    const sql = api.db.database.sql;
    // A transaction takes its event id when it writes, and may commit after a later one: this one
    // takes an id, and the comment it writes only becomes visible after another comment's event.
    const [taken] = await sql<{ id: string }[]>`select nextval(pg_get_serial_sequence('events', 'id'))::text as id`;
    const early = taken!.id;
    const quick = await post(bob, { subject, body: 'Rapide' });
    const { body: read } = await page(q({ subject }), carol);
    assert.ok(BigInt(read.lastEventId) > BigInt(early));
    const late = await post(alice, { subject, body: 'Commis en retard' });
    await sql`
      with moved as (delete from events where payload->'comment'->>'id' = ${late.body.id} returning space_id, subject_id, type, payload)
      insert into events (id, space_id, subject_id, type, payload, created_at) overriding system value
      select ${early}, space_id, subject_id, type, payload, now() - interval '1 second' from moved`;
    const stream = await openStream(q({ s: subject }), carol, read.lastEventId);
    const replayed = await stream.next((e) => e.data.comment?.id === late.body.id);
    assert.equal(replayed.id, early, 'the older id');
    assert.equal(replayed.data.comment.id, late.body.id);
    assert.equal(replayed.data.comment.body, 'Commis en retard');
    assert.ok(replayed.data.comment.version >= 1, 'with its version, which readers compare instead of event ids');
    assert.ok(!stream.pending().some((e) => e.id === read.lastEventId), 'not the event the page was read at');
    void quick;
    await stream.close();
  });

  test('an id no longer kept, or more than one replay carries, is answered with `event: reset` for each subject', async () => {
    await post(alice, { subject: 'reset-a', body: 'A' });
    const { body: b } = await post(alice, { subject: 'reset-b', body: 'B' });
    // Purged (events are kept 7 days) or never given: what was missed cannot be told.
    await api.db.database.sql`delete from events where id = 1`;
    let stream = await openStream(q({ s: 'reset-a' }) + '&s=reset-b&s=reset-nobody', bob, '1');
    const resets = [await stream.next((e) => e.event === 'reset'), await stream.next((e) => e.event === 'reset'), await stream.next((e) => e.event === 'reset')];
    assert.deepEqual(resets.map((e) => e.data), ['reset-a', 'reset-b', 'reset-nobody'].map((subject) => ({ type: 'reset', subject })));
    const [newest] = await api.db.database.sql<{ id: string }[]>`select max(id)::text as id from events`;
    assert.ok(resets.every((e) => e.id === newest!.id), 'each says where to go on from');
    await stream.close();

    // More than a replay carries (1000 events).
    const [last] = await api.db.database.sql<{ id: string }[]>`select max(id)::text as id from events`;
    await api.db.database.sql`
      insert into events (space_id, subject_id, type, payload)
      select e.space_id, e.subject_id, 'comment.updated', e.payload
        from (select * from events where payload->'comment'->>'id' = ${b.id} limit 1) e cross join generate_series(1, 1001)`;
    stream = await openStream(q({ s: 'reset-b' }), bob, last!.id);
    assert.deepEqual((await stream.next((e) => e.event === 'reset')).data, { type: 'reset', subject: 'reset-b' });
    assert.deepEqual(stream.pending().filter((e) => e.event === 'message'), [], 'and none of the events');
    await stream.close();
  });
});

describe('what live events keep', () => {
  test('events store the comment’s id only; a replay from 0 gives a hidden comment as a placeholder, and an edited one as it is now', async () => {
    const subject = 'events-privacy';
    const hidden = await post(alice, { space: 'aide', subject, body: 'Mots regrettables' });
    const edited = await post(bob, { space: 'aide', subject, body: 'Première version indiscrète' });
    await api.request('PATCH', `/api/comments/${edited.body.id}`, { as: bob, body: { body: 'Version revue' } });
    const hide = await api.post(`/api/moderation/comments/${hidden.body.id}/hide`, { reason: 'Hors charte' }, { as: carol });
    assert.equal(hide.status, 200, JSON.stringify(hide.body));

    const stored = await api.db.database.sql<{ payload: Record<string, unknown> }[]>`
      select payload from events where payload->>'subject' = ${subject}`;
    assert.ok(stored.length >= 4);
    for (const { payload } of stored) assert.deepEqual(Object.keys(payload.comment as object), ['id'], JSON.stringify(payload));

    const text = await replayText(q({ space: 'aide', s: subject }), bob, '0');
    assert.ok(text.includes(hidden.body.id), 'the hidden comment’s events are there…');
    assert.ok(!text.includes('Mots regrettables'), '…without its words');
    assert.ok(!text.includes('Alice Martin'), '…or its author');
    assert.ok(!text.includes('Première version'), 'an edit’s earlier words are gone');
    assert.ok(text.includes('Version revue'));
  });
});

describe('the mode of a subject', () => {
  test('a like does not decide it: a Q&A page liked first still gets questions', async () => {
    const subject = 'https://intranet.example.com/aide/liked-first';
    assert.equal((await api.request('PUT', '/api/likes', { as: bob, body: { space: 'aide', subject } })).status, 200);
    const { body: before } = await page(q({ space: 'aide', subject }));
    assert.equal(before.subject.mode, null, 'not decided yet');
    const asked = await post(alice, { space: 'aide', subject, mode: 'qa', body: 'Une question ?' });
    assert.equal(asked.body.isQuestion, true);
    const { body: after } = await page(q({ space: 'aide', subject }));
    assert.equal(after.subject.mode, 'qa');
  });

  test('the first top-level comment decides; a later one, or a reply, does not change it', async () => {
    const subject = 'mode-decided';
    const first = await post(alice, { subject, body: 'Une discussion' });
    assert.equal((await page(q({ subject }))).body.subject.mode, 'discussion');
    const reply = await post(bob, { subject, parentId: first.body.id, mode: 'qa', body: 'Réponse' });
    assert.equal(reply.status, 201);
    const qa = await post(bob, { subject, mode: 'qa', body: 'Une question ?' });
    assert.equal(qa.body.isQuestion, false, 'a discussion stays one');
    assert.equal((await page(q({ subject }))).body.subject.mode, 'discussion');
  });
});

describe('an accepted answer that goes', () => {
  const subject = 'https://intranet.example.com/aide/accepted-gone';

  async function qa(name: string) {
    const key = `${subject}-${name}`;
    const question = (await post(alice, { space: 'aide', subject: key, mode: 'qa', body: 'Où est la note ?' })).body;
    const answer = async (as: Person, body: string) => (await post(as, { space: 'aide', subject: key, parentId: question.id, body })).body;
    const read = async () => (await page(q({ space: 'aide', subject: key }))).body.threads[0]!;
    return { key, question, answer, read };
  }

  test('deleted by its author: no longer accepted, said live, and the clock runs again when no answer is left', async () => {
    const { key, question, answer, read } = await qa('deleted');
    const only = await answer(bob, 'Dans le classeur.');
    assert.equal((await api.request('PUT', `/api/comments/${only.id}/accept`, { as: alice })).status, 200);
    assert.ok((await read()).answeredAt);
    const stream = await openStream(q({ space: 'aide', s: key }), dave);
    await stream.next((e) => e.event === 'ready');
    assert.equal((await api.request('DELETE', `/api/comments/${only.id}`, { as: bob })).status, 204);
    const accepted = await stream.next((e) => e.data.type === 'comment.accepted');
    assert.equal(accepted.data.questionId, question.id);
    assert.equal(accepted.data.acceptedAnswerId, null);
    assert.equal(accepted.data.comment.acceptedAnswerId, null, 'with the question as it is now');
    const after = await read();
    assert.equal(after.acceptedAnswerId, null);
    assert.equal(after.answeredAt, null, 'unanswered again');
    await stream.close();
  });

  test('hidden by a steward: no longer accepted, and the question counts as answered from the next answer', async () => {
    const { question, answer, read } = await qa('hidden');
    const first = await answer(bob, 'Première.');
    const answeredAt = (await read()).answeredAt!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await answer(dave, 'Seconde.');
    assert.equal((await api.request('PUT', `/api/comments/${first.id}/accept`, { as: alice })).status, 200);
    assert.equal((await api.post(`/api/moderation/comments/${first.id}/hide`, { reason: 'Erronée' }, { as: carol })).status, 200);
    const after = await read();
    assert.equal(after.acceptedAnswerId, null);
    assert.ok(Date.parse(after.answeredAt!) > Date.parse(answeredAt), 'answered when the answer still shown came');
    assert.equal(after.answeredAt, second.createdAt);
    const events = await api.db.database.sql<{ type: string; payload: { acceptedAnswerId: string | null } }[]>`
      select type, payload from events where type = 'comment.accepted' and payload->>'questionId' = ${question.id} order by id`;
    assert.deepEqual(events.map((e) => e.payload.acceptedAnswerId), [first.id, null]);
    // Restored: answered from the first answer again is not claimed, but it may be accepted again.
    assert.equal((await api.post(`/api/moderation/comments/${first.id}/restore`, {}, { as: carol })).status, 200);
    assert.equal((await api.request('PUT', `/api/comments/${first.id}/accept`, { as: alice })).status, 200);
  });

  test('edited into a watched word and held again: no longer accepted, and unanswered while it waits', async () => {
    const { answer, read } = await qa('held-again');
    const only = await answer(bob, 'Dans le classeur.');
    assert.equal((await api.request('PUT', `/api/comments/${only.id}/accept`, { as: alice })).status, 200);
    assert.equal((await api.request('PUT', '/api/moderation/settings', { as: carol, body: { space: 'aide', words: ['classeur rouge'] } })).status, 200);
    const edited = await api.request('PATCH', `/api/comments/${only.id}`, { as: bob, body: { body: 'Dans le classeur rouge.' } });
    assert.equal(edited.body.status, 'pending');
    const after = await read();
    assert.equal(after.acceptedAnswerId, null);
    assert.equal(after.answeredAt, null, 'its clock runs again while the only answer waits');
    await api.request('PUT', '/api/moderation/settings', { as: carol, body: { space: 'aide', words: [] } });
  });

  test('the asker cannot have their own reply accepted, not even by a steward', async () => {
    const { answer } = await qa('own');
    const own = await answer(alice, 'Trouvé moi-même.');
    for (const as of [alice, carol]) {
      const refused = await api.request('PUT', `/api/comments/${own.id}/accept`, { as });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'own_answer');
    }
  });
});
