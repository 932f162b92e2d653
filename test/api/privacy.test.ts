import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CommentPage, ErasurePreview, IdeaDetail } from '../../shared/api-types.ts';
import { ConfigError, loadConfig } from '../../api/config.ts';
import { purgeExpired } from '../../api/privacy/retention.ts';
import { createTestApi, type RequestOptions, type TestApi } from '../support/api.ts';

/**
 * A person's own data: the export of everything Ruche holds about them, their privacy choices,
 * erasing their account (posts kept as a former colleague's, or deleted where the space allows),
 * and retention.
 */
type Person = NonNullable<RequestOptions['as']>;

let api: TestApi;
const steward = { sub: 'stella', name: 'Stella Animatrice' };
const alice = { sub: 'alice', name: 'Alice Martin', dept: 'Comptabilité', title: 'Comptable' };
const bob = { sub: 'bob', name: 'Bob Durand' };
const carol = { sub: 'carol', name: 'Carol Petit' };
const SUBJECT = 'https://intranet.example.com/actualites/vie-privee';

before(async () => {
  api = await createTestApi();
  await api.post('/api/spaces', { slug: 'ouvert', name: 'Ouvert', visibility: 'open' }, { as: steward });
  await api.post('/api/spaces', { slug: 'archives', name: 'Archives', visibility: 'open' }, { as: steward });
  await api.request('PUT', '/api/moderation/settings', { as: steward, body: { space: 'archives', keepPostsOnErasure: true } });
});
after(() => api.close());

const sql = () => api.db.database.sql;
const idOf = async (p: Person) => (await api.get('/api/me', { as: p })).body.id as string;

async function comment(as: Person, body: string, extra: Record<string, unknown> = {}) {
  const answer = await api.post('/api/comments', { space: 'ouvert', subject: SUBJECT, body, ...extra }, { as });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body as { id: string };
}

async function idea(as: Person, title: string, extra: Record<string, unknown> = {}, space = 'ouvert') {
  const answer = await api.post<IdeaDetail>('/api/ideas', { space, title, description: `Description de ${title}.`, ...extra }, { as });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}

async function anonymousIdea(as: Person, title: string) {
  const { version } = (await api.get('/api/ideas/policy?space=ouvert', { as })).body;
  return idea(as, title, { anonymous: true, policyVersion: version });
}

describe('privacy choices', () => {
  test('not listed among the most active contributors unless one chooses to be', async () => {
    assert.deepEqual((await api.get('/api/me/privacy', { as: alice })).body, { showInTopContributors: false });
    const set = await api.request('PUT', '/api/me/privacy', { as: alice, body: { showInTopContributors: true } });
    assert.deepEqual(set.body, { showInTopContributors: true });
    assert.deepEqual((await api.get('/api/me/privacy', { as: alice })).body, { showInTopContributors: true });
    assert.equal((await api.request('PUT', '/api/me/privacy', { as: alice, body: { showInTopContributors: 'yes' } })).status, 400);
    assert.equal((await api.request('PUT', '/api/me/privacy', { as: alice, body: { showInTopContributors: false, hr: true } })).status, 400);
    assert.equal((await api.get('/api/me/privacy')).status, 401);
  });
});

describe('export', () => {
  test('everything about me — anonymous ideas included — and nothing private to others', async () => {
    const mine = await comment(alice, 'Mon commentaire à exporter.');
    const bobs = await comment(bob, 'Le commentaire de Bob.');
    await api.request('PUT', `/api/comments/${bobs.id}/like`, { as: alice });
    await api.request('PUT', `/api/comments/${mine.id}/like`, { as: carol });
    const signed = await idea(alice, 'Idée signée d’Alice');
    const secret = await anonymousIdea(alice, 'Idée anonyme d’Alice');
    const others = await idea(bob, 'Idée de Bob');
    await api.request('PUT', `/api/ideas/${others.id}/vote`, { as: alice });
    await api.request('PUT', `/api/ideas/${others.id}/vote`, { as: carol });
    await api.request('PUT', `/api/ideas/${signed.id}/vote`, { as: carol });
    await api.post(`/api/comments/${bobs.id}/report`, { reason: 'Je signale' }, { as: alice });
    await api.post(`/api/comments/${mine.id}/report`, { reason: 'Carol me signale' }, { as: carol });
    await api.request('PUT', '/api/ideas/news/seen', { as: alice, body: { space: 'ouvert' } });

    const answer = await api.get('/api/me/export', { as: alice });
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-disposition') ?? '', /attachment/);
    const data = answer.body;
    assert.equal(data.format, 'ruche-export/1');
    assert.equal(data.person.name, 'Alice Martin');
    assert.equal(data.person.externalId, 'alice');
    assert.equal(data.settings.privacy.showInTopContributors, true);
    assert.deepEqual(data.settings.ideaNewsSeenBySpace.map((n: { space: { slug: string } }) => n.space.slug), ['ouvert']);
    assert.ok(data.comments.some((c: { id: string; body: string }) => c.id === mine.id && c.body === 'Mon commentaire à exporter.'));
    assert.ok(!data.comments.some((c: { id: string }) => c.id === bobs.id));
    const ideaIds = data.ideas.map((i: { id: string }) => i.id);
    assert.ok(ideaIds.includes(signed.id) && ideaIds.includes(secret.id));
    assert.equal(data.ideas.find((i: { id: string }) => i.id === secret.id).anonymous, true);
    assert.deepEqual(data.votes.map((v: { ideaId: string }) => v.ideaId), [others.id]);
    assert.deepEqual(data.likes.comments.map((l: { commentId: string }) => l.commentId), [bobs.id]);
    assert.deepEqual(data.reports.map((r: { reason: string }) => r.reason), ['Je signale']);
    assert.ok(data.memberships.length === 0 || data.memberships.every((m: { space: { slug: string } }) => m.space.slug));
    assert.ok(data.notes.some((n: string) => /not recorded per person/.test(n)));

    const text = JSON.stringify(data);
    assert.ok(!text.includes('Carol'), 'who liked, voted or reported is not exported');
    assert.ok(!text.includes('Carol me signale'));
    assert.ok(!text.includes(await idOf(carol)));
  });

  test('needs a signed-in person', async () => {
    assert.equal((await api.get('/api/me/export')).status, 401);
  });
});

describe('erasure', () => {
  test('the preview says what would happen', async () => {
    const dora = { sub: 'dora', name: 'Dora Preview' };
    await comment(dora, 'Un commentaire.');
    await api.post('/api/comments', { space: 'archives', subject: 'archives-page', body: 'Gardé ici.' }, { as: dora });
    const secret = await anonymousIdea(dora, 'Anonyme de Dora');
    const supported = await idea(dora, 'Idée soutenue de Dora');
    await api.request('PUT', `/api/ideas/${supported.id}/vote`, { as: bob });
    await idea(dora, 'Idée sans écho de Dora');
    const preview = (await api.get<ErasurePreview>('/api/me/erasure', { as: dora })).body;
    assert.deepEqual(preview.posts, { comments: 2, ideas: 3, anonymousIdeas: 1 });
    // The ideas that stay whatever is chosen, and why.
    assert.deepEqual(
      preview.ideasThatStay.map((i) => [i.id, i.why, i.space.slug]).sort(),
      [[secret.id, 'anonymous', 'ouvert'], [supported.id, 'others_took_part', 'ouvert']].sort(),
    );
    assert.deepEqual(preview.spacesKeepingPosts, [{ slug: 'archives', name: 'Archives', comments: 1, ideas: 0 }]);
    assert.deepEqual(preview.lastStewardOf, []);
    assert.equal(preview.canErase, true);
    const forSteward = (await api.get<ErasurePreview>('/api/me/erasure', { as: steward })).body;
    assert.deepEqual(forSteward.lastStewardOf.map((s) => s.slug).sort(), ['archives', 'ouvert']);
    assert.equal(forSteward.canErase, false);
  });

  test('bad requests erase nothing', async () => {
    const eve = { sub: 'eve', name: 'Eve Hésitante' };
    const eveId = await idOf(eve);
    for (const body of [{}, { posts: 'delete_posts' }, { posts: 'burn', confirm: true }, { posts: 'delete_posts', confirm: 'yes' }, { posts: 'delete_posts', confirm: true, extra: 1 }]) {
      const answer = await api.request('DELETE', '/api/me', { as: eve, body });
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.error.code, 'invalid_request');
    }
    assert.equal((await api.request('DELETE', '/api/me', { body: { posts: 'delete_posts', confirm: true } })).status, 401);
    assert.equal((await sql()`select 1 from people where id = ${eveId}`).length, 1);
  });

  test('the last steward of a space cannot erase their account before naming another', async () => {
    const before = (await sql()`select count(*)::int as n from people`)[0]!.n;
    const answer = await api.request('DELETE', '/api/me', { as: steward, body: { posts: 'keep_as_former_colleague', confirm: true } });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, 'last_steward');
    assert.deepEqual(answer.body.error.details.spaces.map((s: { slug: string }) => s.slug).sort(), ['archives', 'ouvert']);
    assert.equal((await sql()`select count(*)::int as n from people`)[0]!.n, before);
  });

  test('keep_as_former_colleague: posts stay without an author; likes and votes go; a new sign-in is a new, empty person', async () => {
    const frank = { sub: 'frank', name: 'Frank Départ', dept: 'Logistique' };
    const frankId = await idOf(frank);
    const kept = await comment(frank, 'Je pars, mais mon conseil reste.');
    const bobs = await comment(bob, 'Un commentaire que Frank aime.');
    await api.request('PUT', `/api/comments/${bobs.id}/like`, { as: frank });
    const target = await idea(bob, 'Idée que Frank soutient');
    await api.request('PUT', `/api/ideas/${target.id}/vote`, { as: frank });
    const secret = await anonymousIdea(frank, 'Idée anonyme de Frank');
    await api.request('PUT', '/api/me/privacy', { as: frank, body: { showInTopContributors: true } });

    const erased = await api.request('DELETE', '/api/me', { as: frank, body: { posts: 'keep_as_former_colleague', confirm: true } });
    assert.equal(erased.status, 200, JSON.stringify(erased.body));
    assert.deepEqual(erased.body, {
      erased: true,
      posts: 'keep_as_former_colleague',
      comments: { deleted: 0, kept: 1 },
      ideas: { deleted: 0, kept: 1 },
      keptBySpace: [],
    });

    assert.equal((await sql()`select 1 from people where id = ${frankId}`).length, 0, 'the person row is gone');
    for (const table of ['memberships', 'comment_likes', 'idea_votes', 'privacy_settings', 'notifications', 'idempotency_keys']) {
      const rows = await sql().unsafe(`select 1 from ${table} where person_id = $1`, [frankId]);
      assert.equal(rows.length, 0, table);
    }
    const page = (await api.get<CommentPage>(`/api/comments?space=ouvert&subject=${encodeURIComponent(SUBJECT)}`, { as: bob })).body;
    const all = page.threads.flatMap((t) => [t, ...t.replies]);
    const stays = all.find((c) => c.id === kept.id)!;
    assert.equal(stays.body, 'Je pars, mais mon conseil reste.');
    assert.equal(stays.author, null, 'a former colleague');
    assert.equal(all.find((c) => c.id === bobs.id)!.likeCount, 0, 'the like went with the person');
    assert.equal((await api.get<IdeaDetail>(`/api/ideas/${target.id}`, { as: bob })).body.voteCount, 0);
    const anon = (await api.get<IdeaDetail>(`/api/ideas/${secret.id}`, { as: bob })).body;
    assert.equal(anon.author, null);
    assert.equal(anon.anonymous, true);
    const [stored] = await sql()`select author_id from ideas where id = ${secret.id}`;
    assert.equal(stored!.authorId, null, 'nothing links the anonymous idea to anyone any more');

    // A later sign-in with the same sub is a new, empty person. (New claims here: the sign-in cache
    // keeps the person it resolved a token to for up to a minute.)
    const again = await api.get('/api/me/export', { as: { ...frank, name: 'Frank Revenu' } });
    assert.equal(again.status, 200);
    assert.notEqual(again.body.person.id, frankId);
    assert.deepEqual([again.body.comments.length, again.body.ideas.length, again.body.votes.length], [0, 0, 0]);
  });

  test('delete_posts: comments deleted, ideas deleted unless others took part; refused where a space keeps posts, unless told to keep those', async () => {
    const gaby = { sub: 'gaby', name: 'Gaby Effacée' };
    const gabyId = await idOf(gaby);
    const root = await comment(gaby, 'Un fil lancé par Gaby.');
    await comment(bob, 'Bob répond à Gaby.', { parentId: root.id });
    const alone = await comment(gaby, 'Un commentaire sans réponse.');
    const archived = await api.post('/api/comments', { space: 'archives', subject: 'archives-page', body: 'À garder aux archives.' }, { as: gaby });
    const lonely = await idea(gaby, 'Idée sans écho');
    const popular = await idea(gaby, 'Idée soutenue');
    await api.request('PUT', `/api/ideas/${popular.id}/vote`, { as: bob });
    const discussed = await idea(gaby, 'Idée discutée');
    await api.post('/api/comments', { space: 'ouvert', subject: discussed.subjectKey, body: 'Bonne idée !' }, { as: carol });
    // Deleting an anonymous idea with the signed posts would show it was Gaby's: it stays, detached.
    const secret = await anonymousIdea(gaby, 'Idée anonyme de Gaby');

    const refused = await api.request('DELETE', '/api/me', { as: gaby, body: { posts: 'delete_posts', confirm: true } });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'posts_must_stay');
    assert.deepEqual(refused.body.error.details.spaces, [{ slug: 'archives', name: 'Archives' }]);
    assert.equal((await sql()`select 1 from people where id = ${gabyId}`).length, 1, 'nothing erased');
    const [untouched] = await sql()`select status from comments where id = ${alone.id}`;
    assert.equal(untouched!.status, 'published');

    const erased = await api.request('DELETE', '/api/me', {
      as: gaby,
      body: { posts: 'delete_posts', whereDeletionForbidden: 'keep', confirm: true },
    });
    assert.equal(erased.status, 200, JSON.stringify(erased.body));
    assert.deepEqual(erased.body.comments, { deleted: 2, kept: 1 });
    assert.deepEqual(erased.body.ideas, { deleted: 1, kept: 3 });
    assert.deepEqual(erased.body.keptBySpace, [{ slug: 'archives', name: 'Archives' }]);

    const page = (await api.get<CommentPage>(`/api/comments?space=ouvert&subject=${encodeURIComponent(SUBJECT)}`, { as: bob })).body;
    const all = page.threads.flatMap((t) => [t, ...t.replies]);
    const placeholder = all.find((c) => c.id === root.id)!;
    assert.deepEqual([placeholder.status, placeholder.body, placeholder.author], ['deleted', '', null], 'its place stays above Bob’s reply');
    assert.ok(all.some((c) => c.body === 'Bob répond à Gaby.'));
    assert.ok(!all.some((c) => c.id === alone.id));
    const [archive] = await sql()`select status, body, author_id from comments where id = ${archived.body.id}`;
    assert.deepEqual({ ...archive }, { status: 'published', body: 'À garder aux archives.', authorId: null });
    assert.equal((await api.get(`/api/ideas/${lonely.id}`, { as: bob })).status, 404);
    assert.equal((await sql()`select 1 from subjects where key = ${lonely.subjectKey}`).length, 0, 'its discussion went with it');
    const kept = (await api.get<IdeaDetail>(`/api/ideas/${popular.id}`, { as: bob })).body;
    assert.deepEqual([kept.author, kept.voteCount], [null, 1]);
    assert.equal((await api.get(`/api/ideas/${discussed.id}`, { as: bob })).status, 200);
    const anon = (await api.get<IdeaDetail>(`/api/ideas/${secret.id}`, { as: bob })).body;
    assert.deepEqual([anon.title, anon.author, anon.anonymous], ['Idée anonyme de Gaby', null, true]);
    const [stored] = await sql()`select author_id from ideas where id = ${secret.id}`;
    assert.equal(stored!.authorId, null, 'nothing links it to anyone');
  });
});

describe('retention', () => {
  test('notifications, the audit log and dealt-with reports past the retention are deleted; open reports and posts stay', async () => {
    const hank = { sub: 'hank', name: 'Hank Ancien' };
    const old = await comment(hank, 'Un vieux commentaire.');
    const recent = await comment(hank, 'Un commentaire récent.');
    await api.post(`/api/comments/${old.id}/report`, { reason: 'Ancien signalement' }, { as: bob });
    await api.post(`/api/comments/${recent.id}/report`, { reason: 'Signalement ouvert' }, { as: bob });
    await api.post(`/api/moderation/comments/${old.id}/hide`, { reason: 'Ancienne décision' }, { as: steward });
    const longAgo = new Date(Date.now() - 500 * 86_400_000);
    await sql()`update notifications set created_at = ${longAgo}, updated_at = ${longAgo} where target_id = ${old.id}`;
    await sql()`update moderation_actions set created_at = ${longAgo} where target_id = ${old.id}`;
    await sql()`update comment_reports set created_at = ${longAgo}, resolved_at = ${longAgo} where comment_id = ${old.id}`;

    const purged = await purgeExpired(sql(), 400);
    assert.ok(purged.notifications >= 1 && purged.auditEntries >= 1 && purged.resolvedReports >= 1, JSON.stringify(purged));
    assert.equal((await sql()`select 1 from notifications where target_id = ${old.id}`).length, 0);
    assert.equal((await sql()`select 1 from moderation_actions where target_id = ${old.id}`).length, 0);
    assert.equal((await sql()`select 1 from comment_reports where comment_id = ${old.id}`).length, 0);
    assert.equal((await sql()`select 1 from comment_reports where comment_id = ${recent.id}`).length, 1, 'open reports stay');
    assert.equal((await sql()`select 1 from comments where id = ${old.id}`).length, 1, 'posts stay');
    assert.ok((await sql()`select 1 from moderation_actions`).length >= 1, 'recent audit entries stay');
  });

  test('RUCHE_RETENTION_DAYS: 400 days unless set, at least 7', () => {
    const base = { RUCHE_JWT_SECRET: 'x'.repeat(32) };
    assert.equal(loadConfig(base).retentionDays, 400);
    assert.equal(loadConfig({ ...base, RUCHE_RETENTION_DAYS: '90' }).retentionDays, 90);
    assert.throws(() => loadConfig({ ...base, RUCHE_RETENTION_DAYS: '3' }), ConfigError);
    assert.throws(() => loadConfig({ ...base, RUCHE_RETENTION_DAYS: 'forever' }), ConfigError);
  });
});
