import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { IdeaDetail, IdeaNews, IdeaPage } from '../../shared/api-types.ts';
import { seedDemo } from '../../api/demo/seed.ts';
import { DEMO_CAMPAIGN, seedDemoIdeas } from '../../api/demo/seed-ideas.ts';
import { createTestApi, type TestApi } from '../support/api.ts';

/** The demo intranet's idea box (demo/site/idees.html), as the demo people see it through the API. */
let api: TestApi;
before(async () => {
  api = await createTestApi();
});
after(() => api.close());

// The demo people as their tokens describe them (the intranet keeps names and admin flags in step).
const claire = { sub: 'claire.martin', name: 'Claire Martin', admin: true };
const elodie = { sub: 'elodie.petit', name: 'Élodie Petit' };
const thomas = { sub: 'thomas.moreau', name: 'Thomas Moreau' };

describe('demo seed: the idea box', () => {
  test('does nothing before the demo people exist, then seeds once', async () => {
    const sql = api.db.database.sql;
    assert.equal(await seedDemoIdeas(sql), false, 'no demo people yet');
    assert.equal(await seedDemo(sql), true);
    assert.equal(await seedDemoIdeas(sql), true);
    assert.equal(await seedDemoIdeas(sql), false, 'a second start does not seed again');
    const [counts] = await sql<{ ideas: number; campaigns: number }[]>`
      select (select count(*) from ideas)::int as ideas, (select count(*) from idea_campaigns)::int as campaigns`;
    assert.deepEqual(counts, { ideas: 18, campaigns: 1 });
  });

  test('a running campaign, “Magasin de demain”, with about ten ideas in every status', async () => {
    const { status, body } = await api.get<IdeaPage>(`/api/ideas?campaign=${DEMO_CAMPAIGN}&limit=50`, { as: thomas });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.campaign!.title, 'Magasin de demain');
    assert.equal(body.campaign!.open, true);
    const closesIn = Date.parse(body.campaign!.closesAt!) - Date.now();
    assert.ok(closesIn > 6 * 86_400_000 && closesIn < 61 * 86_400_000, `closes a few weeks ahead (${body.campaign!.closesAt})`);
    assert.ok(body.viewer.canSubmit && body.viewer.canVote);
    assert.ok(body.ideas.length >= 8 && body.ideas.length <= 12, `${body.ideas.length} ideas shown`);
    for (const wanted of ['new', 'under_review', 'planned', 'in_progress', 'done', 'declined', 'merged'] as const) {
      assert.ok(body.statusCounts[wanted]! > 0, `some idea is ${wanted}`);
    }
    assert.ok(body.ideas.every((idea) => idea.status !== 'merged'), 'merged duplicates are left out of the list');
    const tags = new Set(body.ideas.flatMap((idea) => idea.tags));
    for (const tag of ['caisse', 'accueil', 'stock']) assert.ok(tags.has(tag), tag);
    assert.ok(body.ideas.every((idea) => idea.voteCount > 0), 'every idea has votes');

    const anonymous = body.ideas.filter((idea) => idea.anonymous);
    assert.ok(anonymous.length >= 2, 'some ideas are anonymous');
    assert.ok(anonymous.every((idea) => idea.author === null && idea.createdAtPrecision === 'day'), 'and nobody sees who wrote them');
    const declined = body.ideas.find((idea) => idea.status === 'declined')!;
    assert.ok(declined.statusReason && declined.statusReasonTree, 'declined with a reason shown to everyone');

    // Stewards do not see anonymous authors either: the demo policy says so, in the stewards' words.
    const asClaire = await api.get<IdeaPage>(`/api/ideas?campaign=${DEMO_CAMPAIGN}&limit=50`, { as: claire });
    assert.ok(asClaire.body.viewer.canSteward);
    assert.equal(asClaire.body.policy.stewardsSeeAuthors, false);
    assert.match(asClaire.body.policy.note, /anonyme/);
    assert.ok(asClaire.body.ideas.filter((idea) => idea.anonymous).every((idea) => idea.author === null));
  });

  test('the most voted idea has its history, a merged duplicate and a discussion', async () => {
    const { body } = await api.get<IdeaPage>(`/api/ideas?campaign=${DEMO_CAMPAIGN}&sort=top`, { as: thomas });
    const top = body.ideas[0]!;
    assert.equal(top.status, 'planned');
    assert.equal(top.author?.name, 'Élodie Petit');
    assert.ok(top.commentCount >= 3, `${top.commentCount} comments`);
    const detail = (await api.get<IdeaDetail>(`/api/ideas/${top.id}`, { as: thomas })).body;
    assert.deepEqual(detail.history.map((change) => change.to), ['under_review', 'planned']);
    assert.ok(detail.history.every((change) => change.by !== null));
    assert.equal(detail.mergedFrom.length, 1, 'a duplicate was merged into it');
    const duplicate = (await api.get<IdeaDetail>(`/api/ideas/${detail.mergedFrom[0]!.id}`, { as: thomas })).body;
    assert.equal(duplicate.status, 'merged');
    assert.equal(duplicate.mergedInto?.id, top.id);
    const comments = (await api.get(`/api/comments?subject=${encodeURIComponent(top.subjectKey)}`, { as: thomas })).body;
    assert.ok(comments.threads.length >= 2 && comments.threads.some((t: { replies: unknown[] }) => t.replies.length > 0));
  });

  test('the always-open box has ideas of its own', async () => {
    const { body } = await api.get<IdeaPage>('/api/ideas', { as: thomas });
    assert.equal(body.campaign, null);
    assert.ok(body.ideas.length >= 2);
  });

  test('people who wrote or voted have news of the stewards’ decisions', async () => {
    const forElodie = (await api.get<IdeaNews>('/api/ideas/news', { as: elodie })).body;
    assert.ok(forElodie.items.some((item) => item.reason === 'author' && item.change.to === 'planned'), 'her idea was planned');
    assert.ok(forElodie.unreadCount > 0);
    const forClaire = (await api.get<IdeaNews>('/api/ideas/news', { as: claire })).body;
    assert.ok(forClaire.items.length > 0, 'a steward has news too, of the other steward’s decisions');
    assert.ok(forClaire.items.every((item) => item.change.by?.name !== 'Claire Martin'), 'never of her own');
  });

  test('votes and history were written in order: nothing is dated in the future', async () => {
    const sql = api.db.database.sql;
    const [late] = await sql<{ n: number }[]>`
      select ((select count(*) from idea_votes where created_at > now()) + (select count(*) from idea_status_changes where created_at > now())
              + (select count(*) from comments where created_at > now()))::int as n`;
    assert.equal(late!.n, 0);
    const [before] = await sql<{ n: number }[]>`
      select count(*)::int as n from idea_status_changes sc join ideas i on i.id = sc.idea_id where sc.created_at < i.created_at`;
    assert.equal(before!.n, 0, 'no decision before its idea');
  });
});
