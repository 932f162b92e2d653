import { randomUUID } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import type { Db } from '../db/database.ts';
import { requirePerson } from '../identity/authenticate.ts';
import { offsetCursor } from '../http/cursor.ts';
import { conflict, forbidden, notFound } from '../http/errors.ts';
import { errors, idempotencyHeader, json, jsonBody } from '../http/openapi.ts';
import { router } from '../http/validation.ts';
import { notifyAuthor, type InboxLive } from '../notifications/store.ts';
import { holdFor } from '../moderation/settings-store.ts';
import { recordModerationAction } from '../moderation/store.ts';
import { recordReading } from '../readings/store.ts';
import { assertCanRead, assertCanSteward, assertCanWrite } from '../spaces/access.ts';
import { loadSpaceName } from '../spaces/store.ts';
import { ensureSubject, setSubjectTitle, spaceAccessFor } from '../subjects/subjects.ts';
import { ideaInContext, spaceSummary, viewerOf } from './access.ts';
import { campaignsRoutes, policyRoutes } from './campaign-routes.ts';
import { newsRoutes } from './news-routes.ts';
import {
  editIdeaBody,
  ideaDetailSchema,
  ideaPageSchema,
  ideaParams,
  listIdeasQuery,
  mergeBody,
  newIdeaBody,
  setStatusBody,
  similarQuery,
  similarSchema,
  tagsQuery,
  tagsSchema,
  voteStateSchema,
  type IdeaStatus,
  type IdeaStatusChange,
  type IdeaWebhookPayload,
} from './schemas.ts';
import {
  campaignOpen,
  campaignView,
  carryMergedIdea,
  countIdeas,
  findCampaign,
  holdIdea,
  ideaSubjectKey,
  ideaTags,
  ideaView,
  insertIdea,
  listIdeas,
  loadCampaignById,
  loadDetail,
  loadHistory,
  loadIdea,
  loadPolicy,
  lockIdeaPair,
  PUBLIC_VIEWER,
  recordStatusChange,
  setIdeaVoted,
  sharePolicyLock,
  similarIdeas,
  updateIdea,
  type IdeaRow,
} from './store.ts';
import { tellStatusChange } from './notices.ts';
import { webhooksRoutes } from './webhook-routes.ts';
import { queueWebhooks } from './webhooks.ts';

/**
 * The idea box. Ideas live in a space, in a campaign or in the space's always-open box (ideas
 * without a campaign). People submit (signed or anonymously), vote (one vote each, withdrawable),
 * discuss through the comments on the idea's subject; the space's stewards decide statuses, merge
 * duplicates, set the anonymity policy and the webhooks.
 */
const tags = ['Ideas'];

const closedCampaign = (closesAt: Date) =>
  conflict('campaign_closed', `This campaign closed on ${closesAt.toISOString()}: ideas and votes are no longer taken.`, {
    closesAt: closesAt.toISOString(),
  });

const mergedIdea = (row: IdeaRow) =>
  conflict('idea_merged', `This idea was merged into “${row.mergedTitle}”: vote and discuss there.`, { mergedInto: row.mergedInto });

/**
 * A status change is news: live on the idea's subject, and POSTed to the space's webhooks — for a
 * published idea only (a waiting or hidden one is its author's and the stewards', who see its history).
 */
async function announceStatus(c: Context<AppEnv>, ideaId: string) {
  const db = c.var.db;
  const row = (await loadIdea(db, ideaId, null))!;
  if (row.moderation !== 'published') return;
  const history = await loadHistory(db, ideaId);
  const change = history[history.length - 1]!;
  await c.var.deps.bus.record(db, c.var.afterCommit, {
    spaceId: row.spaceId,
    subjectId: row.subjectId,
    type: 'idea.status',
    payload: {
      subject: row.subjectKey,
      ideaId: row.id,
      status: row.status,
      statusReason: row.statusReason,
      statusReasonTree: row.statusReasonTree,
      mergedInto: ideaView(row, PUBLIC_VIEWER).mergedInto,
      voteCount: row.voteCount,
      change,
    },
  });
  await queueWebhooks(c, row.spaceId, await webhookPayload(c, row, change));
}

async function webhookPayload(c: Context<AppEnv>, row: IdeaRow, change: IdeaStatusChange): Promise<IdeaWebhookPayload> {
  const space = await loadSpaceName(c.var.db, row.spaceId);
  const campaign = row.campaignId ? await loadCampaignById(c.var.db, row.campaignId) : null;
  return {
    event: 'idea.status',
    space: { slug: space!.slug, name: space!.name },
    idea: {
      id: row.id,
      title: row.title,
      status: row.status,
      campaign: campaign ? { slug: campaign.slug, title: campaign.title } : null,
      voteCount: row.voteCount,
      subjectKey: row.subjectKey,
      // Another system is nobody in particular: it never learns who wrote an anonymous idea.
      author: row.anonymous || !row.authorName ? null : { name: row.authorName },
    },
    change: {
      from: change.from,
      to: change.to,
      reason: change.reason,
      mergedInto: change.mergedInto,
      by: change.by ? { name: change.by.name } : null,
      at: change.at,
    },
  };
}

async function recordChange(
  c: Context<AppEnv>,
  row: IdeaRow,
  change: { to: IdeaStatus; reason: string | null; mergedInto?: string },
) {
  await recordStatusChange(c.var.db, row, change, c.var.person!.id);
  await tellStatusChange(c.var.db, { bus: c.var.deps.bus, afterCommit: c.var.afterCommit }, row, change, c.var.person!.id);
  await announceStatus(c, row.id);
}

/** A steward changed the words of someone else's idea: the audit log says what, its author is told. */
async function auditStewardEdit(db: Db, live: InboxLive, row: IdeaRow, stewardId: string, body: { title?: string; description?: string; tags?: string[] }) {
  // Which fields, not their words: the log must not keep an author's text after they delete it.
  const fields = (['title', 'description', 'tags'] as const).filter((field) => body[field] !== undefined);
  await recordModerationAction(db, { spaceId: row.spaceId, kind: 'idea', id: row.id, action: 'edit', reason: null, details: { fields }, actorId: stewardId });
  if (row.authorId) await notifyAuthor(db, { personId: row.authorId, kind: 'post_edited', spaceId: row.spaceId, target: { kind: 'idea', id: row.id }, reason: null }, live);
}

async function setVote(c: Context<AppEnv>, vote: boolean) {
  const person = requirePerson(c);
  // The idea's row is locked, so its count moves one vote at a time.
  const { row, access } = await ideaInContext(c, c.req.param('id')!, { lock: true });
  assertCanWrite(access, person);
  if (row.moderation !== 'published') {
    throw conflict('idea_not_published', 'This idea waits for a steward or was hidden: it cannot be voted for.');
  }
  if (row.status === 'merged') throw mergedIdea(row);
  if (!campaignOpen(row.campaignClosesAt)) throw closedCampaign(row.campaignClosesAt!);
  const voteCount = (await setIdeaVoted(c.var.db, row.id, person.id, vote)) ?? row.voteCount;
  return c.json({ voteCount, votedByMe: vote }, 200);
}

export const ideasRoutes = router()
  .route('/campaigns', campaignsRoutes)
  .route('/policy', policyRoutes)
  .route('/news', newsRoutes)
  .route('/webhooks', webhooksRoutes)
  .openapi(
    createRoute({
      method: 'get',
      path: '/similar',
      tags,
      summary: 'Ideas like the title being typed (vote instead of duplicating)',
      description:
        'Full-text search in the space, in French and English, accents and word forms ignored (“idee” finds “idées”), ' +
        'the last word also as a prefix. Merged duplicates are left out.',
      request: { query: similarQuery },
      responses: { 200: json(similarSchema, 'The best matches first'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { space, q, limit } = c.req.valid('query');
      const access = await spaceAccessFor(c, space);
      assertCanRead(access, c.var.person);
      const ideas = await similarIdeas(c.var.db, access.space.id, q, c.var.person?.id ?? null, limit);
      c.header('Cache-Control', 'private, no-store');
      return c.json({ ideas: [...ideas] }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tags',
      tags,
      summary: 'Tags in use in a box, the most used first (for filters and suggestions)',
      request: { query: tagsQuery },
      responses: { 200: json(tagsSchema, 'Tags with their number of ideas'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const access = await spaceAccessFor(c, query.space);
      assertCanRead(access, c.var.person);
      const db = c.var.db;
      let campaign: string | null | 'all' = null;
      if (query.campaign === 'all') campaign = 'all';
      else if (query.campaign) {
        const found = await findCampaign(db, access.space.id, query.campaign);
        if (!found) throw notFound('This campaign');
        campaign = found.id;
      }
      return c.json({ tags: [...(await ideaTags(db, access.space.id, campaign))] }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'A page of ideas of a campaign or of the always-open box',
      description:
        'Sorts: trending (each vote of the last 30 days weighs 0.5^(age/7 days), the submission counts as a vote on its day), ' +
        'top (votes), newest (day of submission; within a day, most voted first). Merged duplicates are left out unless asked for by status.',
      request: { query: listIdeasQuery },
      responses: { 200: json(ideaPageSchema, 'The box, the viewer’s rights, the policy and a page of ideas'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      // The order moves with votes: the cursor is the position of the next page.
      const offset = offsetCursor.decode(query.cursor)?.offset ?? 0;
      const person = c.var.person;
      const access = await spaceAccessFor(c, query.space);
      assertCanRead(access, person);
      const db = c.var.db;
      const campaign = query.campaign && query.campaign !== 'all' ? await findCampaign(db, access.space.id, query.campaign) : null;
      if (query.campaign && query.campaign !== 'all' && !campaign) throw notFound('This campaign');
      const filter = {
        spaceId: access.space.id,
        campaign: query.campaign === 'all' ? ('all' as const) : (campaign?.id ?? null),
        statuses: query.status,
        tag: query.tag,
        q: query.q,
        authorId: query.mine === 'true' ? requirePerson(c).id : undefined,
        viewer: { personId: person?.id ?? null, canSteward: access.canSteward },
      };
      const viewer = viewerOf(access, person);
      await recordReading(c, access.space.id);
      const page = await listIdeas(db, filter, { viewerId: viewer.personId, sort: query.sort, offset, limit: query.limit });
      const counts = await countIdeas(db, filter);
      const open = campaign ? campaignOpen(campaign.closesAt) : true;
      c.header('Cache-Control', 'private, no-store');
      return c.json(
        {
          space: spaceSummary(access.space),
          campaign: campaign ? campaignView(campaign) : null,
          viewer: {
            id: viewer.personId,
            canWrite: access.canWrite,
            canSteward: access.canSteward,
            canSubmit: access.canWrite && open,
            canVote: access.canWrite && open,
          },
          policy: await loadPolicy(db, access.space.id),
          ideas: page.rows.map((row) => ideaView(row, viewer)),
          ...counts,
          nextCursor: page.more ? offsetCursor.encode({ offset: offset + query.limit }) : null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Submit an idea, signed or anonymous',
      description:
        'Anonymous ideas must carry the `version` of the space’s anonymity policy the author was shown (409 policy_changed otherwise). ' +
        'Submissions to a closed campaign are refused (409 campaign_closed).',
      request: { headers: idempotencyHeader, body: jsonBody(newIdeaBody) },
      responses: { 201: json(ideaDetailSchema, 'The new idea'), ...errors(400, 401, 403, 404, 409, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const body = c.req.valid('json');
      const access = await spaceAccessFor(c, body.space);
      assertCanWrite(access, person);
      const db = c.var.db;
      const campaign = body.campaign ? await findCampaign(db, access.space.id, body.campaign) : null;
      if (body.campaign && !campaign) throw notFound('This campaign');
      if (campaign && !campaignOpen(campaign.closesAt)) throw closedCampaign(campaign.closesAt!);

      const anonymous = body.anonymous === true;
      let visibleToStewards = true;
      if (anonymous) {
        // Lock the policy while the idea is written under it (a steward changing it waits).
        await sharePolicyLock(db, access.space.id);
        const policy = await loadPolicy(db, access.space.id);
        if (policy.version !== body.policyVersion) {
          throw conflict(
            'policy_changed',
            'The anonymity policy of this space has changed since it was shown to you. Read it again before submitting.',
            { policy },
          );
        }
        visibleToStewards = policy.stewardsSeeAuthors;
      }

      const id = randomUUID();
      const subject = await ensureSubject(db, access.space.id, ideaSubjectKey(id), { title: body.title });
      // Pre-moderation and the word list: a held idea waits for a steward, seen by its author only.
      const hold = await holdFor(db, {
        spaceId: access.space.id,
        authorId: person.id,
        text: [body.title, body.description, ...(body.tags ?? [])].join('\n'),
        anonymous,
      });
      await insertIdea(db, {
        id,
        spaceId: access.space.id,
        campaignId: campaign?.id ?? null,
        subjectId: subject.id,
        authorId: person.id,
        anonymous,
        authorVisibleToStewards: visibleToStewards,
        title: body.title,
        description: body.description,
        tags: body.tags ?? [],
        lang: access.space.lang,
        hold,
      });
      const row = (await loadIdea(db, id, person.id))!;
      return c.json(await loadDetail(db, row, viewerOf(access, person)), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One idea, with its status history and the duplicates merged into it',
      request: { params: ideaParams },
      responses: { 200: json(ideaDetailSchema, 'The idea'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { row, access, viewer } = await ideaInContext(c, c.req.valid('param').id);
      await recordReading(c, access.space.id);
      c.header('Cache-Control', 'private, no-store');
      return c.json(await loadDetail(c.var.db, row, viewer), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Edit an idea: its author while it is new (and its campaign open), or a steward',
      description:
        'Its author may also sign an anonymous idea (`anonymous: false`) at any time; nobody can make a signed idea anonymous. ' +
        'A steward’s edit of someone else’s idea is written to the moderation log (`edit`, with the fields changed) and its author is told (`post_edited`).',
      request: { params: ideaParams, headers: idempotencyHeader, body: jsonBody(editIdeaBody) },
      responses: { 200: json(ideaDetailSchema, 'The edited idea'), ...errors(400, 401, 403, 404, 409, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const { row, access, viewer } = await ideaInContext(c, c.req.valid('param').id, { lock: true });
      const body = c.req.valid('json');
      const isAuthor = row.authorId === person.id;
      if (!isAuthor && !access.canSteward) throw forbidden('not_author', 'Only its author, or a steward of this space, can edit an idea.');
      if (body.anonymous === false && !isAuthor) throw forbidden('not_author', 'Only its author can sign an anonymous idea.');
      if (row.status === 'merged') throw mergedIdea(row);
      const changesText = body.title !== undefined || body.description !== undefined || body.tags !== undefined;
      if (changesText && !access.canSteward) {
        assertCanWrite(access, person);
        if (row.status !== 'new') {
          throw conflict('idea_decided', 'The stewards have started deciding on this idea: it can no longer be edited. Add a comment instead.');
        }
        if (!campaignOpen(row.campaignClosesAt)) throw closedCampaign(row.campaignClosesAt!);
      }
      const db = c.var.db;
      await updateIdea(db, row.id, { title: body.title, description: body.description, tags: body.tags, signed: body.anonymous === false });
      if (body.title !== undefined) await setSubjectTitle(db, row.subjectId, body.title);
      // An author's edit passes the space's pre-moderation and word list as a new idea does.
      if (changesText && isAuthor && row.moderation === 'published') {
        const text = [body.title ?? row.title, body.description ?? row.description, ...(body.tags ?? row.tags)].join('\n');
        const hold = await holdFor(db, { spaceId: row.spaceId, authorId: person.id, text, anonymous: row.anonymous && body.anonymous !== false });
        if (hold) await holdIdea(db, row.id, hold);
      }
      // A steward's edit of someone else's idea is a steward's action: logged, and its author told.
      if (changesText && !isAuthor) await auditStewardEdit(db, { bus: c.var.deps.bus, afterCommit: c.var.afterCommit }, row, person.id, body);
      const edited = (await loadIdea(db, row.id, person.id))!;
      return c.json(await loadDetail(db, edited, viewer), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}/vote',
      tags,
      summary: 'Vote for an idea (again is a no-op)',
      description: 'Refused with 409 campaign_closed after the campaign’s deadline, 409 idea_merged on a merged duplicate.',
      request: { params: ideaParams, headers: idempotencyHeader },
      responses: { 200: json(voteStateSchema, 'The idea’s votes'), ...errors(400, 401, 403, 404, 409, 422, 429) },
    }),
    async (c) => setVote(c, true),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}/vote',
      tags,
      summary: 'Withdraw one’s vote (again is a no-op)',
      request: { params: ideaParams, headers: idempotencyHeader },
      responses: { 200: json(voteStateSchema, 'The idea’s votes'), ...errors(400, 401, 403, 404, 409, 422, 429) },
    }),
    async (c) => setVote(c, false),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/status',
      tags,
      summary: 'Decide an idea’s status (stewards); declining needs a reason, shown to everyone',
      request: { params: ideaParams, headers: idempotencyHeader, body: jsonBody(setStatusBody) },
      responses: { 200: json(ideaDetailSchema, 'The idea with its history'), ...errors(400, 401, 403, 404, 409, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const { row, access, viewer } = await ideaInContext(c, c.req.valid('param').id, { lock: true });
      assertCanSteward(access, person);
      if (row.status === 'merged') throw mergedIdea(row);
      const body = c.req.valid('json');
      const reason = body.reason || null;
      const db = c.var.db;
      if (row.status !== body.status || row.statusReason !== reason) await recordChange(c, row, { to: body.status, reason });
      return c.json(await loadDetail(db, (await loadIdea(db, row.id, person.id))!, viewer), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/merge',
      tags,
      summary: 'Merge this duplicate into an original (stewards)',
      description:
        'The duplicate’s voters become voters of the original (someone who voted for both counts once), the duplicate ' +
        'becomes `merged`, pointing to the original; ideas merged into the duplicate before now point to the original too. A merge is final. ' +
        'Refused with 409 idea_not_published when either idea waits for a steward or is hidden, 409 campaign_closed when the original’s campaign has closed.',
      request: { params: ideaParams, headers: idempotencyHeader, body: jsonBody(mergeBody) },
      responses: { 200: json(ideaDetailSchema, 'The duplicate, now merged'), ...errors(400, 401, 403, 404, 409, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const { into, reason } = c.req.valid('json');
      const id = c.req.valid('param').id;
      if (into === id) throw conflict('merge_into_itself', 'An idea cannot be merged into itself.');
      const db = c.var.db;
      // Access first, on unlocked reads: someone who may not merge locks nothing.
      const { access, viewer } = await ideaInContext(c, id);
      assertCanSteward(access, person);
      const unlocked = await loadIdea(db, into, person.id);
      if (!unlocked || unlocked.spaceId !== access.space.id) throw notFound('The original idea (in the same space)');
      // Then both rows locked, always in the same order, so that two merges cannot wait on each other.
      await lockIdeaPair(db, id, into);
      const row = (await loadIdea(db, id, person.id))!;
      const original = (await loadIdea(db, into, person.id))!;
      if (row.status === 'merged') throw mergedIdea(row);
      // A waiting or hidden idea has no voters to carry, nor may take others' votes: approve or restore it first.
      for (const idea of [row, original]) {
        if (idea.moderation !== 'published') {
          throw conflict('idea_not_published', `“${idea.title}” waits for a steward or was hidden: approve or restore it before merging.`, {
            idea: idea.id,
            moderation: idea.moderation,
          });
        }
      }
      if (original.status === 'merged') {
        throw conflict('original_merged', `“${original.title}” was itself merged into “${original.mergedTitle}”: merge into that one.`, {
          mergedInto: original.mergedInto,
        });
      }
      // Votes are closed with the original's campaign: none may be carried into it afterwards.
      if (!campaignOpen(original.campaignClosesAt)) throw closedCampaign(original.campaignClosesAt!);
      await carryMergedIdea(db, row.id, original.id);
      await recordChange(c, row, { to: 'merged', reason: reason || null, mergedInto: original.id });
      return c.json(await loadDetail(db, (await loadIdea(db, row.id, person.id))!, viewer), 200);
    },
  );
