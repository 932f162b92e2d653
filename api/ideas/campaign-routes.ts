import { createRoute, z } from '@hono/zod-openapi';
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
import { campaignView, insertCampaign, listCampaigns, loadCampaignById, loadPolicy, savePolicy, updateCampaign } from './store.ts';

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
      const created = await insertCampaign(db, {
        spaceId: access.space.id,
        slug: body.slug,
        title: body.title,
        question: body.question,
        description: body.description ?? '',
        closesAt: body.closesAt ?? null,
        createdBy: person.id,
      });
      if (!created) throw conflict('slug_taken', `This space already has a campaign named "${body.slug}". Choose another slug.`);
      return c.json(campaignView((await loadCampaignById(db, created))!), 201);
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
      await updateCampaign(db, campaign.id, body);
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
      const policy = await savePolicy(c.var.db, access.space.id, body, person.id);
      return c.json(policy, 200);
    },
  );
