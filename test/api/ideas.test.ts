import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiErrorBody, IdeaCampaign, IdeaDetail, IdeaPage, IdeaSort } from '../../shared/api-types.ts';
import { createTestApi, type RequestOptions, type TestApi } from '../support/api.ts';
import { SseReader } from '../support/sse.ts';

/**
 * The idea box: campaigns, submitting, voting, sorting and filtering, the stewards' decisions and
 * merges, news on one's ideas, access, and bad input. Anonymity, search and webhooks have files of
 * their own (ideas-*.test.ts).
 */
type Person = NonNullable<RequestOptions['as']>;
/** An answer that may be the idea or an error, as the tests read both. */
type OrError<T> = T & ApiErrorBody;

let api: TestApi;
const carol = { sub: 'carol', name: 'Carol Animatrice' }; // steward of the spaces below
const alice = { sub: 'alice', name: 'Alice Martin' };
const bob = { sub: 'bob', name: 'Bob Durand' };
const dave = { sub: 'dave', name: 'Dave Lefèvre' };
const gus = { sub: 'gus', name: 'Gus Partenaire', guest: true };

before(async () => {
  api = await createTestApi();
  for (const [slug, visibility] of [['logistique', 'open'], ['codir', 'closed'], ['fusion', 'secret'], ['carrossiers', 'closed']] as const) {
    const created = await api.post('/api/spaces', { slug, name: `Espace ${slug}`, visibility, lang: 'fr' }, { as: carol });
    assert.equal(created.status, 201);
  }
  const gusId = (await api.get('/api/me', { as: gus })).body.id;
  await api.request('PUT', `/api/spaces/carrossiers/members/${gusId}`, { as: carol, body: { role: 'member' } });
});
after(() => api.close());

const q = (params: Record<string, string | string[]>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) search.append(key, v);
  return search.toString();
};

async function submit(as: Person, body: Record<string, unknown>) {
  const answer = await api.post<IdeaDetail>('/api/ideas', { space: 'logistique', description: 'Détails à venir.', ...body }, { as });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}
const vote = (as: Person, id: string) => api.request('PUT', `/api/ideas/${id}/vote`, { as });
const unvote = (as: Person, id: string) => api.request('DELETE', `/api/ideas/${id}/vote`, { as });
const setStatus = (as: Person, id: string, body: Record<string, unknown>) => api.post<OrError<IdeaDetail>>(`/api/ideas/${id}/status`, body, { as });
const list = (params: Record<string, string | string[]>, as: Person = alice) => api.get<OrError<IdeaPage>>(`/api/ideas?${q(params)}`, { as });

async function createCampaign(body: Record<string, unknown>, as: Person = carol) {
  const answer = await api.post<IdeaCampaign>('/api/ideas/campaigns', { space: 'logistique', ...body }, { as });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}

describe('campaigns', () => {
  test('stewards start a campaign with a question, a description and a deadline; others cannot', async () => {
    const closesAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const campaign = await createCampaign({
      slug: 'refonte-distribution',
      title: 'Refonte des concepts de distribution',
      question: 'Comment livrer nos magasins autrement ?',
      description: 'Vos idées **avant fin novembre**.',
      closesAt,
    });
    assert.equal(campaign.open, true);
    assert.equal(campaign.closesAt, closesAt);
    assert.deepEqual(campaign.tree, [{ t: 'p', c: ['Vos idées ', { t: 'strong', c: ['avant fin novembre'] }, '.'] }]);
    assert.equal(campaign.ideaCount, 0);

    const byBob = await api.post('/api/ideas/campaigns', { space: 'logistique', slug: 'pirate', title: 'x', question: 'y' }, { as: bob });
    assert.equal(byBob.status, 403);
    assert.equal(byBob.body.error.code, 'steward_only');
    const again = await api.post('/api/ideas/campaigns', { space: 'logistique', slug: 'refonte-distribution', title: 'x', question: 'y' }, { as: carol });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'slug_taken');

    const { body } = await api.get(`/api/ideas/campaigns?space=logistique`, { as: bob });
    assert.deepEqual(body.campaigns.map((c: IdeaCampaign) => c.slug), ['refonte-distribution']);
    assert.equal((await api.get(`/api/ideas/campaigns/${campaign.id}`, { as: bob })).body.slug, 'refonte-distribution');
  });

  test('ideas go to a campaign (by slug or id) or to the space’s always-open box', async () => {
    const campaign = await createCampaign({ slug: 'hiver', title: 'Opération hiver', question: 'Que proposer en magasin cet hiver ?' });
    const inCampaign = await submit(alice, { campaign: 'hiver', title: 'Des bornes de chocolat chaud' });
    const byId = await submit(bob, { campaign: campaign.id, title: 'Un rayon raquettes' });
    const inBox = await submit(alice, { title: 'Un local vélo au siège' });
    assert.equal(inCampaign.campaignId, campaign.id);
    assert.equal(byId.campaignId, campaign.id);
    assert.equal(inBox.campaignId, null);

    const box = await list({ space: 'logistique', sort: 'newest' });
    assert.equal(box.body.campaign, null);
    assert.ok(box.body.ideas.some((i) => i.id === inBox.id));
    assert.ok(!box.body.ideas.some((i) => i.id === inCampaign.id), 'campaign ideas are not in the open box');
    const ofCampaign = await list({ space: 'logistique', campaign: 'hiver' });
    assert.equal(ofCampaign.body.campaign?.slug, 'hiver');
    assert.equal(ofCampaign.body.campaign?.ideaCount, 2);
    assert.deepEqual(new Set(ofCampaign.body.ideas.map((i) => i.id)), new Set([inCampaign.id, byId.id]));
    const all = await list({ space: 'logistique', campaign: 'all' });
    assert.ok([inCampaign.id, byId.id, inBox.id].every((id) => all.body.ideas.some((i) => i.id === id)));
    assert.equal((await list({ space: 'logistique', campaign: 'nowhere' })).status, 404);
  });

  test('after the deadline, submissions, votes and edits are refused with campaign_closed; stewards still decide', async () => {
    const campaign = await createCampaign({ slug: 'ete', title: 'Été', question: 'Et cet été ?' });
    const idea = await submit(alice, { campaign: 'ete', title: 'Glaces à l’accueil' });
    await vote(bob, idea.id);
    const closed = await api.request('PATCH', `/api/ideas/campaigns/${campaign.id}`, {
      as: carol,
      body: { closesAt: new Date(Date.now() - 1000).toISOString() },
    });
    assert.equal(closed.status, 200);
    assert.equal(closed.body.open, false);

    const late = await api.post('/api/ideas', { space: 'logistique', campaign: 'ete', title: 'Trop tard', description: 'x' }, { as: dave });
    assert.equal(late.status, 409);
    assert.equal(late.body.error.code, 'campaign_closed');
    const lateVote = await vote(dave, idea.id);
    assert.equal(lateVote.status, 409);
    assert.equal(lateVote.body.error.code, 'campaign_closed');
    assert.match(lateVote.body.error.message, /closed/);
    assert.equal((await unvote(bob, idea.id)).body.error.code, 'campaign_closed', 'withdrawing would change the result too');
    const edit = await api.request('PATCH', `/api/ideas/${idea.id}`, { as: alice, body: { title: 'Modifiée' } });
    assert.equal(edit.body.error.code, 'campaign_closed');

    const [counts] = await api.db.database.sql`
      select (select count(*) from ideas where campaign_id = ${campaign.id})::int as ideas,
             (select count(*) from idea_votes where idea_id = ${idea.id})::int as votes,
             (select vote_count from ideas where id = ${idea.id}) as vote_count`;
    assert.deepEqual({ ...counts }, { ideas: 1, votes: 1, voteCount: 1 });

    const page = await list({ space: 'logistique', campaign: 'ete' }, bob);
    assert.equal(page.body.viewer.canSubmit, false);
    assert.equal(page.body.viewer.canVote, false);
    assert.equal((await setStatus(carol, idea.id, { status: 'planned' })).status, 200);

    const reopened = await api.request('PATCH', `/api/ideas/campaigns/${campaign.id}`, { as: carol, body: { closesAt: null } });
    assert.equal(reopened.body.open, true);
    assert.equal((await vote(dave, idea.id)).status, 200);
  });
});

describe('submitting', () => {
  test('an idea has a title, a markdown description parsed safely, tags, and a discussion subject', async () => {
    const idea = await submit(alice, {
      title: '  Mutualiser   les tournées  ',
      description: 'Partager les camions entre **magasins voisins**.\n\n<script>alert(1)</script> [x](javascript:alert(2))',
      tags: ['Transport', 'transport', ' Éco  Responsable '],
    });
    assert.equal(idea.title, 'Mutualiser   les tournées');
    assert.deepEqual(idea.tags, ['transport', 'éco responsable']);
    assert.equal(idea.tree[0]!.t, 'p');
    assert.deepEqual(idea.tree[1], { t: 'p', c: ['<script>alert(1)</script> [x](javascript:alert(2))'] }, 'HTML and unsafe links stay text');
    assert.equal(idea.status, 'new');
    assert.equal(idea.author?.name, 'Alice Martin');
    assert.equal(idea.mine, true);
    assert.equal(idea.voteCount, 0, 'submitting is not voting');
    assert.equal(idea.subjectKey, `ruche:idea:${idea.id}`);
    assert.deepEqual(idea.history, []);
    assert.equal(idea.canEdit, true);

    const [subject] = await api.db.database.sql`select s.key, s.title, sp.slug from subjects s join spaces sp on sp.id = s.space_id
                                                 where s.key = ${idea.subjectKey}`;
    assert.deepEqual({ ...subject }, { key: idea.subjectKey, title: 'Mutualiser   les tournées', slug: 'logistique' });
  });

  test('the idea is discussed with the comments widget on its subject, and counts its comments', async () => {
    const idea = await submit(alice, { title: 'Covoiturage entre sites' });
    const comment = await api.post('/api/comments', { space: 'logistique', subject: idea.subjectKey, body: 'Excellente idée' }, { as: bob });
    assert.equal(comment.status, 201);
    const seen = await api.get<IdeaDetail>(`/api/ideas/${idea.id}`, { as: dave });
    assert.equal(seen.body.commentCount, 1);
    const thread = await api.get(`/api/comments?${q({ space: 'logistique', subject: idea.subjectKey })}`, { as: dave });
    assert.equal(thread.body.subject.commentCount, 1);
  });

  test('its author edits it while it is new; once the stewards decide, only they can', async () => {
    const idea = await submit(alice, { title: 'Badges sans contact' });
    const edited = await api.request('PATCH', `/api/ideas/${idea.id}`, { as: alice, body: { title: 'Badges sans contact partout', tags: ['sécurité'] } });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.title, 'Badges sans contact partout');
    assert.deepEqual(edited.body.tags, ['sécurité']);
    assert.ok(edited.body.editedAt);
    const byBob = await api.request('PATCH', `/api/ideas/${idea.id}`, { as: bob, body: { title: 'Piraté' } });
    assert.equal(byBob.status, 403);
    assert.equal(byBob.body.error.code, 'not_author');

    await setStatus(carol, idea.id, { status: 'under_review' });
    const late = await api.request('PATCH', `/api/ideas/${idea.id}`, { as: alice, body: { description: 'Autre chose' } });
    assert.equal(late.status, 409);
    assert.equal(late.body.error.code, 'idea_decided');
    const bySteward = await api.request('PATCH', `/api/ideas/${idea.id}`, { as: carol, body: { description: 'Reformulée par l’animatrice.' } });
    assert.equal(bySteward.status, 200);
    assert.equal(bySteward.body.canEdit, true);
    const asAlice = await api.get<IdeaDetail>(`/api/ideas/${idea.id}`, { as: alice });
    assert.equal(asAlice.body.canEdit, false);
    // A steward's edit of someone else's idea is logged (which fields, not the words) and its author told.
    const log = await api.get('/api/moderation/log?space=logistique', { as: carol });
    const entry = log.body.entries.find((e: { target: { id: string } | null }) => e.target?.id === idea.id);
    assert.deepEqual({ action: entry.action, details: entry.details, by: entry.by.name }, { action: 'edit', details: { fields: ['description'] }, by: 'Carol Animatrice' });
    const told = await api.get('/api/notifications', { as: alice });
    assert.ok(told.body.items.some((n: { kind: string; target: { id: string } }) => n.kind === 'post_edited' && n.target.id === idea.id), JSON.stringify(told.body));
    // An author's own edits are not steward actions.
    const before = log.body.entries.length;
    const own = await submit(carol, { title: 'Idée de l’animatrice' });
    assert.equal((await api.request('PATCH', `/api/ideas/${own.id}`, { as: carol, body: { title: 'Idée de l’animatrice, précisée' } })).status, 200);
    assert.equal((await api.get('/api/moderation/log?space=logistique', { as: carol })).body.entries.length, before);
  });
});

describe('voting', () => {
  test('one vote per person, set semantics: again changes nothing; withdrawing works once', async () => {
    const idea = await submit(alice, { title: 'Vote simple' });
    assert.deepEqual((await vote(bob, idea.id)).body, { voteCount: 1, votedByMe: true });
    assert.deepEqual((await vote(bob, idea.id)).body, { voteCount: 1, votedByMe: true });
    assert.deepEqual((await vote(alice, idea.id)).body, { voteCount: 2, votedByMe: true }, 'an author may vote for their idea');
    assert.deepEqual((await unvote(bob, idea.id)).body, { voteCount: 1, votedByMe: false });
    assert.deepEqual((await unvote(bob, idea.id)).body, { voteCount: 1, votedByMe: false });
    const seen = await api.get<IdeaDetail>(`/api/ideas/${idea.id}`, { as: alice });
    assert.equal(seen.body.votedByMe, true);
    assert.equal(seen.body.voteCount, 1);
  });

  test('100 people voting at once (each twice) make exactly 100 votes; 100 withdrawals make 0', async () => {
    const idea = await submit(alice, { title: 'Idée très populaire' });
    const people = Array.from({ length: 100 }, (_, i) => ({ sub: `voter-${i}`, name: `Votant ${i}` }));
    const answers = await Promise.all(people.flatMap((as) => [vote(as, idea.id), vote(as, idea.id)]));
    assert.ok(answers.every((a) => a.status === 200), JSON.stringify(answers.find((a) => a.status !== 200)?.body));
    let [row] = await api.db.database.sql`select vote_count, (select count(*)::int from idea_votes where idea_id = ${idea.id}) as n
                                          from ideas where id = ${idea.id}`;
    assert.deepEqual({ ...row }, { voteCount: 100, n: 100 });
    await Promise.all(people.map((as) => unvote(as, idea.id)));
    [row] = await api.db.database.sql`select vote_count from ideas where id = ${idea.id}`;
    assert.equal(row!.voteCount, 0);
  });

  test('voting needs someone, an idea that exists, and a right to write in its space', async () => {
    const idea = await submit(alice, { title: 'Vote refusé' });
    assert.equal((await api.request('PUT', `/api/ideas/${idea.id}/vote`)).status, 401);
    const unknown = await vote(bob, '00000000-0000-4000-8000-000000000000');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'not_found');
    const [row] = await api.db.database.sql`select count(*)::int as n from idea_votes where idea_id = ${idea.id}`;
    assert.equal(row!.n, 0);
  });

  test('sorted by top, newest and trending; filtered by status, tag and mine; paginated', async () => {
    const campaign = await createCampaign({ slug: 'tri', title: 'Tri', question: 'Trier ?' });
    const old = await submit(alice, { campaign: 'tri', title: 'Ancienne et très votée', tags: ['quai'] });
    const recent = await submit(bob, { campaign: 'tri', title: 'Récente et votée cette semaine', tags: ['quai'] });
    const fresh = await submit(dave, { campaign: 'tri', title: 'Toute fraîche' });
    const sql = api.db.database.sql;
    // Ten votes two months ago for the old one; four this week for the recent one.
    await sql`update ideas set created_at = now() - interval '70 days' where id = ${old.id}`;
    await sql`update ideas set created_at = now() - interval '3 days' where id = ${recent.id}`;
    for (let i = 0; i < 10; i++) {
      const personId = (await api.get('/api/me', { as: { sub: `old-${i}`, name: `Old ${i}` } })).body.id;
      await sql`insert into idea_votes (idea_id, person_id, created_at) values (${old.id}, ${personId}, now() - interval '60 days')`;
    }
    await sql`update ideas set vote_count = 10 where id = ${old.id}`;
    for (const as of [alice, dave, carol, { sub: 'x1', name: 'X' }]) await vote(as, recent.id);

    const order = async (sort: IdeaSort) => (await list({ space: 'logistique', campaign: 'tri', sort })).body.ideas.map((i) => i.title);
    assert.deepEqual(await order('top'), [old.title, recent.title, fresh.title]);
    assert.deepEqual(await order('newest'), [fresh.title, recent.title, old.title]);
    assert.deepEqual(await order('trending'), [recent.title, fresh.title, old.title], 'recent votes beat old ones');

    await setStatus(carol, recent.id, { status: 'planned' });
    const planned = await list({ space: 'logistique', campaign: 'tri', status: 'planned' });
    assert.deepEqual(planned.body.ideas.map((i) => i.id), [recent.id]);
    assert.equal(planned.body.total, 1);
    assert.deepEqual(planned.body.statusCounts, { new: 2, planned: 1 });
    const several = await list({ space: 'logistique', campaign: 'tri', status: ['planned', 'new'], sort: 'top' });
    assert.equal(several.body.total, 3);
    const tagged = await list({ space: 'logistique', campaign: 'tri', tag: 'Quai', sort: 'top' });
    assert.deepEqual(tagged.body.ideas.map((i) => i.id), [old.id, recent.id]);
    const mine = await list({ space: 'logistique', campaign: 'tri', mine: 'true' }, dave);
    assert.deepEqual(mine.body.ideas.map((i) => i.id), [fresh.id]);
    const tags = await api.get(`/api/ideas/tags?${q({ space: 'logistique', campaign: 'tri' })}`, { as: bob });
    assert.deepEqual(tags.body.tags, [{ tag: 'quai', count: 2 }]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const params: Record<string, string> = { space: 'logistique', campaign: 'tri', sort: 'top', limit: '2' };
      if (cursor) params.cursor = cursor;
      const { body } = await list(params);
      seen.push(...body.ideas.map((i) => i.id));
      cursor = body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [old.id, recent.id, fresh.id]);
  });
});

describe('the stewards decide', () => {
  test('only stewards change a status (403 steward_only), and nothing is written otherwise', async () => {
    const idea = await submit(alice, { title: 'Statut réservé' });
    const byAuthor = await setStatus(alice, idea.id, { status: 'planned' });
    assert.equal(byAuthor.status, 403);
    assert.equal(byAuthor.body.error.code, 'steward_only');
    const [row] = await api.db.database.sql`select status, (select count(*)::int from idea_status_changes where idea_id = ${idea.id}) as changes
                                            from ideas where id = ${idea.id}`;
    assert.deepEqual({ ...row }, { status: 'new', changes: 0 });
  });

  test('every change is kept and shown; declining needs a reason, which everyone sees', async () => {
    const idea = await submit(alice, { title: 'Parcours complet' });
    assert.equal((await setStatus(carol, idea.id, { status: 'under_review' })).status, 200);
    assert.equal((await setStatus(carol, idea.id, { status: 'planned', reason: 'Prévu pour le **T2**.' })).status, 200);
    const noReason = await setStatus(carol, idea.id, { status: 'declined' });
    assert.equal(noReason.status, 400);
    assert.equal((noReason.body.error.details as { path: string }[])[0]!.path, 'reason');
    const declined = await setStatus(carol, idea.id, { status: 'declined', reason: 'Le budget 2027 ne le permet pas.' });
    assert.equal(declined.status, 200);
    const same = await setStatus(carol, idea.id, { status: 'declined', reason: 'Le budget 2027 ne le permet pas.' });
    assert.equal(same.body.history.length, 3, 'the same decision again is not a new change');

    const { body } = await api.get<IdeaDetail>(`/api/ideas/${idea.id}`, { as: bob });
    assert.equal(body.status, 'declined');
    assert.equal(body.statusReason, 'Le budget 2027 ne le permet pas.');
    assert.deepEqual(body.statusReasonTree, [{ t: 'p', c: ['Le budget 2027 ne le permet pas.'] }]);
    assert.deepEqual(body.history.map((h) => [h.from, h.to, h.reason]), [
      ['new', 'under_review', null],
      ['under_review', 'planned', 'Prévu pour le **T2**.'],
      ['planned', 'declined', 'Le budget 2027 ne le permet pas.'],
    ]);
    assert.equal(body.history[0]!.by?.name, 'Carol Animatrice');
    assert.deepEqual(body.history[1]!.reasonTree, [{ t: 'p', c: ['Prévu pour le ', { t: 'strong', c: ['T2'] }, '.'] }]);
    for (const status of ['in_progress', 'done', 'new']) assert.equal((await setStatus(carol, idea.id, { status })).status, 200);
  });

  test('a status change is a live event on the idea’s subject', async () => {
    const idea = await submit(alice, { title: 'En direct' });
    const response = await api.app.request(`/api/events?${q({ space: 'logistique', s: idea.subjectKey })}`, {
      headers: { authorization: `Bearer ${await api.token(bob)}` },
    });
    const stream = new SseReader(response);
    await stream.next((e) => e.event === 'ready');
    await setStatus(carol, idea.id, { status: 'planned', reason: 'Validé en comité.' });
    const event = await stream.next();
    assert.equal(event.data.type, 'idea.status');
    assert.equal(event.data.subject, idea.subjectKey);
    assert.equal(event.data.status, 'planned');
    assert.equal(event.data.change.reason, 'Validé en comité.');
    await stream.close();
  });

  test('merging a duplicate carries its voters to the original without counting anyone twice', async () => {
    const original = await submit(alice, { title: 'Navette entre les entrepôts' });
    const duplicate = await submit(bob, { title: 'Une navette pour les entrepôts' });
    const people = ['m1', 'm2', 'm3', 'm4'].map((sub) => ({ sub, name: sub.toUpperCase() }));
    for (const as of [people[0]!, people[1]!, people[2]!]) await vote(as, duplicate.id);
    for (const as of [people[2]!, people[3]!]) await vote(as, original.id);

    const byBob = await api.post(`/api/ideas/${duplicate.id}/merge`, { into: original.id }, { as: bob });
    assert.equal(byBob.status, 403);
    assert.equal(byBob.body.error.code, 'steward_only');
    const itself = await api.post(`/api/ideas/${duplicate.id}/merge`, { into: duplicate.id }, { as: carol });
    assert.equal(itself.body.error.code, 'merge_into_itself');

    const merged = await api.post<OrError<IdeaDetail>>(`/api/ideas/${duplicate.id}/merge`, { into: original.id, reason: 'Même idée.' }, { as: carol });
    assert.equal(merged.status, 200, JSON.stringify(merged.body));
    assert.equal(merged.body.status, 'merged');
    assert.deepEqual(merged.body.mergedInto, { id: original.id, title: original.title, status: 'new' });
    assert.equal(merged.body.history.at(-1)!.to, 'merged');

    const { body } = await api.get<IdeaDetail>(`/api/ideas/${original.id}`, { as: people[0]! });
    assert.equal(body.voteCount, 4, 'm1, m2, m3 (once) and m4');
    assert.equal(body.votedByMe, true);
    assert.deepEqual(body.mergedFrom, [{ id: duplicate.id, title: duplicate.title, status: 'merged' }]);

    const late = await vote(dave, duplicate.id);
    assert.equal(late.status, 409);
    assert.equal(late.body.error.code, 'idea_merged');
    assert.equal(late.body.error.details.mergedInto, original.id);
    assert.equal((await setStatus(carol, duplicate.id, { status: 'new' })).body.error.code, 'idea_merged');
    assert.equal((await api.post(`/api/ideas/${duplicate.id}/merge`, { into: original.id }, { as: carol })).body.error.code, 'idea_merged');
    const third = await submit(dave, { title: 'Encore la navette' });
    const intoMerged = await api.post(`/api/ideas/${third.id}/merge`, { into: duplicate.id }, { as: carol });
    assert.equal(intoMerged.body.error.code, 'original_merged');
    assert.equal(intoMerged.body.error.details.mergedInto, original.id);

    const listed = await list({ space: 'logistique', sort: 'newest' });
    assert.ok(!listed.body.ideas.some((i) => i.id === duplicate.id), 'merged duplicates leave the listing');
    const asked = await list({ space: 'logistique', status: 'merged' });
    assert.deepEqual(asked.body.ideas.map((i) => i.id), [duplicate.id]);

    await api.post('/api/spaces', { slug: 'ailleurs', name: 'Ailleurs', visibility: 'open' }, { as: carol });
    const elsewhere = await submit(dave, { space: 'ailleurs', title: 'Ailleurs' });
    const crossSpace = await api.post(`/api/ideas/${third.id}/merge`, { into: elsewhere.id }, { as: carol });
    assert.equal(crossSpace.status, 404);
  });

  test('an idea merged into a duplicate follows it when that duplicate is merged in turn', async () => {
    const a = await submit(alice, { title: 'Chaîne A' });
    const b = await submit(bob, { title: 'Chaîne B' });
    const c = await submit(dave, { title: 'Chaîne C' });
    await vote(dave, c.id);
    await api.post(`/api/ideas/${c.id}/merge`, { into: b.id }, { as: carol });
    await api.post(`/api/ideas/${b.id}/merge`, { into: a.id }, { as: carol });
    const { body } = await api.get<IdeaDetail>(`/api/ideas/${c.id}`, { as: bob });
    assert.equal(body.mergedInto?.id, a.id);
    assert.equal((await api.get<IdeaDetail>(`/api/ideas/${a.id}`, { as: bob })).body.voteCount, 1);
  });
});

describe('waiting and hidden ideas in the stewards’ decisions', () => {
  const sql = () => api.db.database.sql;
  before(async () => {
    assert.equal((await api.post('/api/spaces', { slug: 'reserve', name: 'Réserve', visibility: 'open', lang: 'fr' }, { as: carol })).status, 201);
    const [space] = await sql()<{ id: string }[]>`select id from spaces where slug = 'reserve'`;
    // A webhook that cannot be reached (this machine): what matters is whether a delivery is queued.
    await sql()`insert into idea_webhooks (space_id, url, secret) values (${space!.id}, 'http://127.0.0.1:9/hook', 'secret')`;
  });
  const inReserve = (as: Person, title: string) => submit(as, { space: 'reserve', title });
  const hide = (id: string) => api.post(`/api/moderation/ideas/${id}/hide`, { reason: 'Hors sujet.' }, { as: carol });
  const news = async (id: string) => {
    const [row] = await sql()<{ events: number; deliveries: number }[]>`
      select (select count(*) from events where type = 'idea.status' and payload->>'ideaId' = ${id})::int as events,
             (select count(*) from idea_webhook_deliveries where payload->'idea'->>'id' = ${id})::int as deliveries`;
    return row!;
  };

  test('a status change on a hidden idea goes to no live stream and no webhook; on a published one, it does', async () => {
    const shown = await inReserve(alice, 'Une idée publiée');
    assert.equal((await setStatus(carol, shown.id, { status: 'planned' })).status, 200);
    assert.deepEqual(await news(shown.id), { events: 1, deliveries: 1 });

    const hidden = await inReserve(alice, 'Un titre qui ne doit pas sortir');
    assert.equal((await hide(hidden.id)).status, 200);
    const decided = await setStatus(carol, hidden.id, { status: 'declined', reason: 'Non.' });
    assert.equal(decided.status, 200);
    assert.equal((decided.body as IdeaDetail).history.at(-1)!.to, 'declined', 'kept in its history');
    assert.deepEqual(await news(hidden.id), { events: 0, deliveries: 0 });
  });

  test('a hidden idea is neither merged nor merged into (409), and a closed campaign takes no merged votes', async () => {
    const original = await inReserve(alice, 'Original publié');
    const hidden = await inReserve(bob, 'Doublon masqué');
    await vote(dave, hidden.id);
    assert.equal((await hide(hidden.id)).status, 200);
    for (const [from, into] of [[hidden.id, original.id], [original.id, hidden.id]]) {
      const refused = await api.post(`/api/ideas/${from}/merge`, { into }, { as: carol });
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, 'idea_not_published');
    }
    const [votes] = await sql()<{ n: number }[]>`select count(*)::int as n from idea_votes where idea_id = ${original.id}`;
    assert.equal(votes!.n, 0, 'no vote carried');

    const campaign = await createCampaign({ space: 'reserve', slug: 'bientot-close', title: 'Bientôt close', question: 'Quoi ?', description: 'x', closesAt: new Date(Date.now() + 86_400_000).toISOString() });
    const inCampaign = await submit(alice, { space: 'reserve', campaign: campaign.slug, title: 'Dans la campagne' });
    await sql()`update idea_campaigns set closes_at = now() - interval '1 hour' where id = ${campaign.id}`;
    const duplicate = await inReserve(bob, 'Doublon hors campagne');
    await vote(dave, duplicate.id);
    const late = await api.post(`/api/ideas/${duplicate.id}/merge`, { into: inCampaign.id }, { as: carol });
    assert.equal(late.status, 409);
    assert.equal(late.body.error.code, 'campaign_closed');
    assert.equal((await api.get<IdeaDetail>(`/api/ideas/${inCampaign.id}`, { as: carol })).body.voteCount, 0);
  });

  test('a duplicate hidden after its merge is left out of the original’s mergedFrom, but for the stewards and its author', async () => {
    const original = await inReserve(alice, 'Original');
    const duplicate = await inReserve(bob, 'Doublon à masquer ensuite');
    assert.equal((await api.post(`/api/ideas/${duplicate.id}/merge`, { into: original.id }, { as: carol })).status, 200);
    assert.equal((await hide(duplicate.id)).status, 200);
    const mergedFrom = async (as: Person) => (await api.get<IdeaDetail>(`/api/ideas/${original.id}`, { as })).body.mergedFrom.map((i) => i.id);
    assert.deepEqual(await mergedFrom(dave), []);
    assert.deepEqual(await mergedFrom(carol), [duplicate.id]);
    assert.deepEqual(await mergedFrom(bob), [duplicate.id]);
  });
});

describe('news on my ideas', () => {
  test('authors and voters see the status changes of their ideas, marked unread until seen', async () => {
    const reader = { sub: 'news-reader', name: 'Nadia Lecteur' };
    const writer = { sub: 'news-writer', name: 'Walid Auteur' };
    const idea = await submit(writer, { title: 'Des casiers connectés' });
    await setStatus(carol, idea.id, { status: 'under_review' });
    await vote(reader, idea.id);
    await setStatus(carol, idea.id, { status: 'planned', reason: 'Au printemps.' });

    const forWriter = await api.get('/api/ideas/news', { as: writer });
    assert.equal(forWriter.status, 200);
    assert.deepEqual(forWriter.body.items.map((n: any) => [n.change.to, n.reason, n.unread]), [
      ['planned', 'author', true],
      ['under_review', 'author', true],
    ]);
    assert.equal(forWriter.body.unreadCount, 2);
    assert.equal(forWriter.body.items[0].idea.subjectKey, idea.subjectKey);
    assert.equal(forWriter.body.items[0].idea.spaceSlug, 'logistique');
    const forReader = await api.get('/api/ideas/news', { as: reader });
    assert.deepEqual(forReader.body.items.map((n: any) => [n.change.to, n.reason]), [['planned', 'voter']], 'from their vote on');
    const forSteward = await api.get('/api/ideas/news', { as: carol });
    assert.ok(!forSteward.body.items.some((n: any) => n.idea.id === idea.id), 'one’s own decisions are not news');

    const seen = await api.request('PUT', '/api/ideas/news/seen', { as: writer, body: {} });
    assert.equal(seen.status, 200);
    let after = await api.get('/api/ideas/news', { as: writer });
    assert.equal(after.body.unreadCount, 0);
    assert.ok(after.body.items.every((n: any) => !n.unread));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await setStatus(carol, idea.id, { status: 'in_progress' });
    after = await api.get('/api/ideas/news', { as: writer });
    assert.equal(after.body.unreadCount, 1);
    assert.deepEqual(after.body.items.map((n: any) => n.unread), [true, false, false]);

    const paged = await api.get(`/api/ideas/news?limit=2`, { as: writer });
    assert.equal(paged.body.items.length, 2);
    const next = await api.get(`/api/ideas/news?limit=2&cursor=${paged.body.nextCursor}`, { as: writer });
    assert.deepEqual(next.body.items.map((n: any) => n.change.to), ['under_review']);
    assert.equal(next.body.nextCursor, null);
  });

  test('news seen in one space stays unread in the others (a widget shows one space’s news)', async () => {
    const writer = { sub: 'two-spaces', name: 'Deux Espaces' };
    const here = await submit(writer, { title: 'Idée ici' });
    assert.equal((await api.post('/api/spaces', { slug: 'nouvelles-ailleurs', name: 'Ailleurs', visibility: 'open', lang: 'fr' }, { as: carol })).status, 201);
    const there = await submit(writer, { space: 'nouvelles-ailleurs', title: 'Idée ailleurs' });
    await setStatus(carol, here.id, { status: 'planned' });
    await setStatus(carol, there.id, { status: 'planned' });
    const unread = async (space?: string) => (await api.get(`/api/ideas/news${space ? `?space=${space}` : ''}`, { as: writer })).body;
    assert.equal((await unread()).unreadCount, 2);

    const seen = await api.request('PUT', '/api/ideas/news/seen', { as: writer, body: { space: 'logistique' } });
    assert.equal(seen.status, 200, JSON.stringify(seen.body));
    assert.equal((await unread('logistique')).unreadCount, 0);
    assert.equal((await unread('nouvelles-ailleurs')).unreadCount, 1, 'the other space’s news is still new');
    const all = await unread();
    assert.equal(all.unreadCount, 1);
    assert.deepEqual(all.items.map((n: any) => [n.idea.spaceSlug, n.unread]), [['nouvelles-ailleurs', true], ['logistique', false]]);
    // Seen everywhere: the other space too.
    await api.request('PUT', '/api/ideas/news/seen', { as: writer, body: {} });
    assert.equal((await unread('nouvelles-ailleurs')).unreadCount, 0);
    const closed = await api.request('PUT', '/api/ideas/news/seen', { as: writer, body: { space: 'codir' } });
    assert.equal(closed.status, 403, 'not in a space one cannot read');
  });

  test('the author of a merged duplicate follows the original', async () => {
    const writer = { sub: 'dup-writer', name: 'Dup Writer' };
    const original = await submit(alice, { title: 'Original suivi' });
    const duplicate = await submit(writer, { title: 'Doublon suivi' });
    await api.post(`/api/ideas/${duplicate.id}/merge`, { into: original.id }, { as: carol });
    await setStatus(carol, original.id, { status: 'planned' });
    const { body } = await api.get('/api/ideas/news', { as: writer });
    assert.deepEqual(body.items.map((n: any) => [n.idea.id, n.change.to, n.reason]), [
      [original.id, 'planned', 'merged'],
      [duplicate.id, 'merged', 'author'],
    ]);
  });

  test('news from a space one can no longer read drops out', async () => {
    const member = { sub: 'leaving', name: 'Léa Partante' };
    const memberId = (await api.get('/api/me', { as: member })).body.id;
    await api.request('PUT', `/api/spaces/codir/members/${memberId}`, { as: carol, body: { role: 'member' } });
    const idea = await submit(member, { space: 'codir', title: 'Idée du codir' });
    await setStatus(carol, idea.id, { status: 'planned' });
    assert.equal((await api.get('/api/ideas/news', { as: member })).body.items.length, 1);
    await api.request('DELETE', `/api/spaces/codir/members/${memberId}`, { as: carol });
    const after = await api.get('/api/ideas/news', { as: member });
    assert.deepEqual(after.body.items, []);
    assert.equal(after.body.unreadCount, 0);
    assert.equal((await api.get('/api/ideas/news?space=codir', { as: member })).status, 403);
  });
});

describe('closed and secret spaces, guests', () => {
  test('a non-member or a guest cannot see the ideas of a closed space; a secret one does not exist for them', async () => {
    const idea = await submit(carol, { space: 'codir', title: 'Réorganiser le codir' });
    for (const as of [bob, gus]) {
      const listed = await list({ space: 'codir' }, as);
      assert.equal(listed.status, as === gus ? 404 : 403, 'guests do not even see a space they were not added to');
      assert.equal((await api.get(`/api/ideas/${idea.id}`, { as })).status, as === gus ? 404 : 403);
      assert.notEqual((await vote(as, idea.id)).status, 200);
      assert.notEqual((await api.get(`/api/ideas/similar?${q({ space: 'codir', q: 'codir' })}`, { as })).status, 200);
    }
    assert.equal((await list({ space: 'codir' }, bob)).body.error.code, 'space_closed');
    const write = await api.post('/api/ideas', { space: 'codir', title: 'Intrus', description: 'x' }, { as: bob });
    assert.equal(write.status, 403);

    const secret = await submit(carol, { space: 'fusion', title: 'Projet secret' });
    assert.equal((await list({ space: 'fusion' }, bob)).status, 404);
    assert.equal((await api.get(`/api/ideas/${secret.id}`, { as: bob })).status, 404);
    assert.equal((await vote(bob, secret.id)).status, 404);
    assert.equal((await api.get(`/api/ideas/campaigns?space=fusion`, { as: bob })).status, 404);
    assert.equal((await api.get(`/api/ideas/${secret.id}`)).status, 404, 'nor for anonymous readers');
    assert.equal((await api.get('/api/ideas?space=logistique')).status, 401, 'anonymous reading is off here');
  });

  test('a guest takes part in the spaces they were added to', async () => {
    const idea = await submit(gus, { space: 'carrossiers', title: 'Partager les plannings d’atelier' });
    assert.equal((await vote(gus, idea.id)).status, 200);
    assert.equal((await list({ space: 'carrossiers' }, gus)).body.ideas.length, 1);
  });
});

// ---------------------------------------------------------------------------------------------------

async function snapshot() {
  const [row] = await api.db.database.sql`
    select (select count(*) from ideas)::int as ideas,
           (select count(*) from idea_votes)::int as votes,
           (select count(*) from idea_status_changes)::int as changes,
           (select count(*) from idea_campaigns)::int as campaigns,
           (select count(*) from idea_policies)::int as policies,
           (select count(*) from idea_webhooks)::int as webhooks,
           (select count(*) from subjects)::int as subjects,
           (select string_agg(id::text || status || title || vote_count || coalesce(status_reason, ''), ',' order by id) from ideas) as content`;
  return row;
}

describe('bad input is refused and changes nothing', () => {
  let idea: IdeaDetail;
  before(async () => {
    idea = await submit(alice, { title: 'Cible des mauvaises requêtes' });
  });
  const UNKNOWN = '00000000-0000-4000-8000-000000000000';
  const valid = { space: 'logistique', title: 'Valide', description: 'Valide' };
  const cases: { what: string; method: string; path: () => string; body?: unknown; raw?: string; as?: Person; status: number; code: string }[] = [
    { what: 'an unknown field', method: 'POST', path: () => '/api/ideas', body: { ...valid, authorId: UNKNOWN }, status: 400, code: 'invalid_request' },
    { what: 'a title too long', method: 'POST', path: () => '/api/ideas', body: { ...valid, title: 't'.repeat(141) }, status: 400, code: 'invalid_request' },
    { what: 'a blank title', method: 'POST', path: () => '/api/ideas', body: { ...valid, title: '   ' }, status: 400, code: 'invalid_request' },
    { what: 'a title on two lines', method: 'POST', path: () => '/api/ideas', body: { ...valid, title: 'a\nb' }, status: 400, code: 'invalid_request' },
    { what: 'no description', method: 'POST', path: () => '/api/ideas', body: { space: 'logistique', title: 'x' }, status: 400, code: 'invalid_request' },
    { what: 'too many tags', method: 'POST', path: () => '/api/ideas', body: { ...valid, tags: ['a1', 'b2', 'c3', 'd4', 'e5', 'f6'] }, status: 400, code: 'invalid_request' },
    { what: 'a tag with markup', method: 'POST', path: () => '/api/ideas', body: { ...valid, tags: ['<b>'] }, status: 400, code: 'invalid_request' },
    { what: 'anonymous without the policy version', method: 'POST', path: () => '/api/ideas', body: { ...valid, anonymous: true }, status: 400, code: 'invalid_request' },
    { what: 'an unknown campaign', method: 'POST', path: () => '/api/ideas', body: { ...valid, campaign: 'nulle-part' }, status: 404, code: 'not_found' },
    { what: 'an unknown space', method: 'POST', path: () => '/api/ideas', body: { ...valid, space: 'nulle-part' }, status: 404, code: 'not_found' },
    { what: 'malformed JSON', method: 'POST', path: () => '/api/ideas', raw: '{"title":', status: 400, code: 'malformed_request' },
    { what: 'a bad status', method: 'POST', path: () => `/api/ideas/${idea.id}/status`, body: { status: 'approved' }, as: carol, status: 400, code: 'invalid_request' },
    { what: 'setting merged by hand', method: 'POST', path: () => `/api/ideas/${idea.id}/status`, body: { status: 'merged' }, as: carol, status: 400, code: 'invalid_request' },
    { what: 'declined without a reason', method: 'POST', path: () => `/api/ideas/${idea.id}/status`, body: { status: 'declined', reason: '  ' }, as: carol, status: 400, code: 'invalid_request' },
    { what: 'a status by a non-steward', method: 'POST', path: () => `/api/ideas/${idea.id}/status`, body: { status: 'done' }, as: bob, status: 403, code: 'steward_only' },
    { what: 'a vote on an unknown idea', method: 'PUT', path: () => `/api/ideas/${UNKNOWN}/vote`, status: 404, code: 'not_found' },
    { what: 'a vote on a non-id', method: 'PUT', path: () => '/api/ideas/42/vote', status: 400, code: 'invalid_request' },
    { what: 'an empty edit', method: 'PATCH', path: () => `/api/ideas/${idea.id}`, body: {}, status: 400, code: 'invalid_request' },
    { what: 'making a signed idea anonymous', method: 'PATCH', path: () => `/api/ideas/${idea.id}`, body: { anonymous: true }, status: 400, code: 'invalid_request' },
    { what: 'a merge into an unknown idea', method: 'POST', path: () => `/api/ideas/${idea.id}/merge`, body: { into: UNKNOWN }, as: carol, status: 404, code: 'not_found' },
    { what: 'a campaign with a reserved slug', method: 'POST', path: () => '/api/ideas/campaigns', body: { space: 'logistique', slug: 'all', title: 'x', question: 'y' }, as: carol, status: 400, code: 'invalid_request' },
    { what: 'a campaign with a bad deadline', method: 'POST', path: () => '/api/ideas/campaigns', body: { space: 'logistique', slug: 'bad-date', title: 'x', question: 'y', closesAt: 'demain' }, as: carol, status: 400, code: 'invalid_request' },
    { what: 'a policy with an unknown field', method: 'PUT', path: () => '/api/ideas/policy?space=logistique', body: { stewardsSeeAuthors: true, everyone: true }, as: carol, status: 400, code: 'invalid_request' },
    { what: 'a policy by a non-steward', method: 'PUT', path: () => '/api/ideas/policy?space=logistique', body: { stewardsSeeAuthors: true }, as: bob, status: 403, code: 'steward_only' },
    { what: 'a javascript: webhook', method: 'POST', path: () => '/api/ideas/webhooks', body: { space: 'logistique', url: 'javascript:alert(1)' }, as: carol, status: 400, code: 'invalid_request' },
    { what: 'an ftp: webhook', method: 'POST', path: () => '/api/ideas/webhooks', body: { space: 'logistique', url: 'ftp://example.com/x' }, as: carol, status: 400, code: 'invalid_request' },
    { what: 'a short webhook secret', method: 'POST', path: () => '/api/ideas/webhooks', body: { space: 'logistique', url: 'https://example.com/hook', secret: 'short' }, as: carol, status: 400, code: 'invalid_request' },
    { what: 'a webhook by a non-steward', method: 'POST', path: () => '/api/ideas/webhooks', body: { space: 'logistique', url: 'https://example.com/hook' }, as: bob, status: 403, code: 'steward_only' },
    { what: 'an unknown sort', method: 'GET', path: () => '/api/ideas?space=logistique&sort=random', status: 400, code: 'invalid_request' },
    { what: 'a forged cursor', method: 'GET', path: () => '/api/ideas?space=logistique&cursor=abc', status: 400, code: 'invalid_request' },
    { what: 'a one-letter search', method: 'GET', path: () => '/api/ideas/similar?space=logistique&q=a', status: 400, code: 'invalid_request' },
  ];
  for (const c of cases) {
    test(`${c.what}: ${c.status} ${c.code}`, async () => {
      const before = await snapshot();
      const answer = await api.request(c.method, c.path(), { as: c.as ?? alice, body: c.body, raw: c.raw });
      assert.equal(answer.status, c.status, JSON.stringify(answer.body).slice(0, 300));
      assert.equal(answer.body.error.code, c.code);
      assert.deepEqual(await snapshot(), before);
    });
  }

  test('the OpenAPI document describes the idea routes and refuses unknown fields', async () => {
    const { body } = await api.get('/api/openapi.json');
    for (const path of ['/api/ideas', '/api/ideas/{id}', '/api/ideas/{id}/vote', '/api/ideas/{id}/status', '/api/ideas/{id}/merge',
      '/api/ideas/similar', '/api/ideas/news', '/api/ideas/policy', '/api/ideas/campaigns', '/api/ideas/webhooks']) {
      assert.ok(body.paths[path], path);
    }
    assert.equal(body.components.schemas.NewIdea.additionalProperties, false);
  });
});
