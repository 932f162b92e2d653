import { createRoute, z } from '@hono/zod-openapi';
import { parseMarkdown } from '../../shared/markdown/parse.ts';
import { requirePerson } from '../identity/authenticate.ts';
import { conflict, notFound } from '../http/errors.ts';
import { errors, idempotencyHeader, json, jsonBody } from '../http/openapi.ts';
import { router } from '../http/validation.ts';
import { assertCanRead, assertCanSteward, loadSpaceAccess } from '../spaces/access.ts';
import { spaceAccessFor } from '../subjects/subjects.ts';
import {
  campaignParams,
  campaignSchema,
  editCampaignBody,
  newCampaignBody,
  policyBody,
  policySchema,
  spaceQuery,
} from './schemas.ts';
import { campaignView, listCampaigns, loadCampaignById, loadPolicy } from './store.ts';

const tags = ['Ideas'];

/**
 * Campaigns: a question asked to a space for a while. Each space also has an always-open box, which
 * is no campaign at all: ideas submitted without one.
 */
export const campaignsRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'The campaigns of a space, open ones first',
      request: { query: spaceQuery },
      responses: { 200: json(z.object({ campaigns: z.array(campaignSchema) }), 'Campaigns'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const access = await spaceAccessFor(c, c.req.valid('query').space);
      assertCanRead(access, c.var.person);
      const rows = await listCampaigns(c.var.db, access.space.id);
      return c.json({ campaigns: rows.map(campaignView) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Start a campaign (stewards)',
      request: { headers: idempotencyHeader, body: jsonBody(newCampaignBody) },
      responses: { 201: json(campaignSchema, 'The new campaign'), ...errors(400, 401, 403, 404, 409, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const body = c.req.valid('json');
      const access = await spaceAccessFor(c, body.space);
      assertCanSteward(access, person);
      const db = c.var.db;
      const description = body.description ?? '';
      const [created] = await db<{ id: string }[]>`
        insert into idea_campaigns (space_id, slug, title, question, description, tree, closes_at, created_by)
        values (${access.space.id}, ${body.slug}, ${body.title}, ${body.question}, ${description},
                ${db.json(parseMarkdown(description) as never)}, ${body.closesAt ?? null}, ${person.id})
        on conflict (space_id, slug) do nothing
        returning id`;
      if (!created) throw conflict('slug_taken', `This space already has a campaign named "${body.slug}". Choose another slug.`);
      return c.json(campaignView((await loadCampaignById(db, created.id))!), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One campaign',
      request: { params: campaignParams },
      responses: { 200: json(campaignSchema, 'The campaign'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const campaign = await loadCampaignById(c.var.db, c.req.valid('param').id);
      if (!campaign) throw notFound('This campaign');
      const access = await loadSpaceAccess(c.var.db, c.var.person, { id: campaign.spaceId }, c.var.deps.config.auth.anonymousRead);
      assertCanRead(access, c.var.person);
      return c.json(campaignView(campaign), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Change a campaign: its words, or its deadline (null: no deadline; a past one closes it now) (stewards)',
      request: { params: campaignParams, headers: idempotencyHeader, body: jsonBody(editCampaignBody) },
      responses: { 200: json(campaignSchema, 'The changed campaign'), ...errors(400, 401, 403, 404, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const db = c.var.db;
      const campaign = await loadCampaignById(db, c.req.valid('param').id);
      if (!campaign) throw notFound('This campaign');
      const access = await loadSpaceAccess(db, person, { id: campaign.spaceId }, c.var.deps.config.auth.anonymousRead);
      assertCanSteward(access, person);
      const body = c.req.valid('json');
      const changes: Record<string, unknown> = {};
      if (body.title !== undefined) changes.title = body.title;
      if (body.question !== undefined) changes.question = body.question;
      if (body.description !== undefined) {
        changes.description = body.description;
        changes.tree = db.json(parseMarkdown(body.description) as never);
      }
      if (body.closesAt !== undefined) changes.closes_at = body.closesAt;
      await db`update idea_campaigns set ${db(changes)}, updated_at = now() where id = ${campaign.id}`;
      return c.json(campaignView((await loadCampaignById(db, campaign.id))!), 200);
    },
  );

/**
 * The anonymity policy of a space: whether its stewards see who wrote anonymous ideas. Everyone who
 * can read the space can read it (authors are shown it before submitting); stewards set it. Each
 * anonymous idea keeps the policy it was submitted under, so a later change never exposes it.
 */
export const policyRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'The space’s anonymity policy, to show before an anonymous submission',
      request: { query: spaceQuery },
      responses: { 200: json(policySchema, 'The policy'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const access = await spaceAccessFor(c, c.req.valid('query').space);
      assertCanRead(access, c.var.person);
      return c.json(await loadPolicy(c.var.db, access.space.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/',
      tags,
      summary: 'Set the space’s anonymity policy (stewards); it applies to ideas submitted from now on',
      request: { query: spaceQuery, headers: idempotencyHeader, body: jsonBody(policyBody) },
      responses: { 200: json(policySchema, 'The new policy'), ...errors(400, 401, 403, 404, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const access = await spaceAccessFor(c, c.req.valid('query').space);
      assertCanSteward(access, person);
      const body = c.req.valid('json');
      const db = c.var.db;
      // The defaults are version 1, so the first policy set is version 2.
      const [policy] = await db<{ stewardsSeeAuthors: boolean; note: string; version: number }[]>`
        insert into idea_policies (space_id, stewards_see_authors, note, version, updated_by)
        values (${access.space.id}, ${body.stewardsSeeAuthors}, ${body.note ?? ''}, 2, ${person.id})
        on conflict (space_id) do update
          set stewards_see_authors = excluded.stewards_see_authors,
              note = coalesce(${body.note ?? null}, idea_policies.note),
              -- a new version only when what authors are shown changes
              version = idea_policies.version + case
                when (idea_policies.stewards_see_authors, idea_policies.note)
                     is distinct from (excluded.stewards_see_authors, coalesce(${body.note ?? null}, idea_policies.note))
                then 1 else 0 end,
              updated_by = excluded.updated_by,
              updated_at = now()
        returning stewards_see_authors, note, version`;
      return c.json(policy!, 200);
    },
  );
