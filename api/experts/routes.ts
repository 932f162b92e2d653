import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { commentView, insertComment } from '../comments/store.ts';
import type { AppEnv } from '../context.ts';
import { requirePerson } from '../identity/authenticate.ts';
import { conflict, forbidden, notFound } from '../http/errors.ts';
import { errors, idempotencyHeader, json, jsonBody } from '../http/openapi.ts';
import { router } from '../http/validation.ts';
import { personCard } from '../people/person.ts';
import { notify } from '../notifications/store.ts';
import { assertCanWrite } from '../spaces/access.ts';
import { ensureSubject, spaceAccessFor } from '../subjects/subjects.ts';
import { inferredAbout } from './inferred.ts';
import { endorsementState, findSkill, loadProfiles, setEndorsed, updateProfile, viewerOf } from './profiles-store.ts';
import { ASK, chooseExperts, listNotifications, markNotificationsRead, recordExpertQuestion, tellExperts, unreadCount } from './questions-store.ts';
import { rankExperts } from './ranking.ts';
import { expertResults } from './results.ts';
import {
  aliasBody,
  askBody,
  askedSchema,
  curatedSkillSchema,
  endorsementParams,
  endorsementSchema,
  inferredSchema,
  markReadBody,
  mergeBody,
  notificationPageSchema,
  notificationsQuery,
  peopleQuery,
  personParams,
  profileSchema,
  searchQuery,
  searchResultSchema,
  skillSuggestionsSchema,
  skillsQuery,
  updateProfileBody,
} from './schemas.ts';
import { matchSkills, skillKey, suggestSkills } from './skills-store.ts';
import { addAlias, curatedSkill, mergeSkills } from './vocabulary-store.ts';

/**
 * The expert finder's API. Everything here needs a signed-in person: who knows what is for
 * colleagues, not for the open web. See ranking.ts for how people are ranked and profiles-store.ts for
 * what a profile shows to whom.
 */
const tags = ['Experts'];

async function ownProfile(c: Context<AppEnv>) {
  const person = requirePerson(c);
  const [profile] = await loadProfiles(c.var.db, viewerOf(person), { ids: [person.id] });
  return profile!;
}

function requireAdmin(c: Context<AppEnv>) {
  const person = requirePerson(c);
  if (!person.isAdmin) throw forbidden('admin_only', 'Only administrators curate the vocabulary of skills.');
  return person;
}

async function setEndorsement(c: Context<AppEnv>, { id, skill: name }: { id: string; skill: string }, endorse: boolean) {
  const person = requirePerson(c);
  const db = c.var.db;
  const [target] = await loadProfiles(db, viewerOf(person), { ids: [id] });
  if (!target) throw notFound('This person');
  if (target.isMe) throw forbidden('cannot_endorse_self', 'One cannot endorse one’s own skills: colleagues do.');
  const skill = await findSkill(db, name);
  if (!skill || !target.skills.some((s) => s.key === skill.key)) {
    throw conflict('skill_not_declared', `${target.person.name} has not declared this skill; only declared skills can be endorsed.`);
  }
  const changed = await setEndorsed(db, id, skill.id, person.id, endorse);
  // An endorsement is told to its endorsee (several on one skill, while unread, as one).
  if (changed && endorse) await notify(db, { kind: 'endorsement', to: [id], spaceId: null, target: { kind: 'skill', id: skill.id }, actorId: person.id }, { bus: c.var.deps.bus, afterCommit: c.var.afterCommit });
  const state = await endorsementState(db, id, skill.id, person.id);
  return c.json({ skill: { key: skill.key, label: skill.label }, ...state }, 200);
}

export const expertsRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'Who knows about a topic: people ranked by declared skills, endorsements and what they did, with why',
      request: { query: searchQuery },
      responses: { 200: json(searchResultSchema, 'The experts, best first'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const { q, space, limit } = c.req.valid('query');
      const db = c.var.db;
      let spaceId: string | null = null;
      if (space) {
        const access = await spaceAccessFor(c, space);
        if (!access.canRead) throw forbidden('space_closed', `Only the members of "${access.space.name}" can search its content.`);
        spaceId = access.space.id;
      }
      const viewer = viewerOf(person);
      const skills = await matchSkills(db, q);
      const ranked = await rankExperts(db, viewer, q, { limit, spaceId, skills });
      return c.json(
        {
          query: q,
          skills: skills.map(({ key, label, strength }) => ({ key, label, strength })),
          results: await expertResults(db, viewer, ranked),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/skills',
      tags,
      summary: 'Skills of the shared vocabulary starting with these letters (for autocompletion), most declared first',
      request: { query: skillsQuery },
      responses: { 200: json(skillSuggestionsSchema, 'Skills'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      requirePerson(c);
      const { q, limit } = c.req.valid('query');
      const skills = await suggestSkills(c.var.db, q, limit);
      return c.json({ skills: skills.map(({ key, label, people }) => ({ key, label, people })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/skills/aliases',
      tags,
      summary: 'Administrators: another name for a skill (a spelling, an abbreviation, its word in the other language); again is a no-op',
      request: { headers: idempotencyHeader, body: jsonBody(aliasBody) },
      responses: { 200: json(curatedSkillSchema, 'The skill with its aliases'), ...errors(400, 401, 403, 404, 409, 413, 422, 429) },
    }),
    async (c) => {
      requireAdmin(c);
      const { skill, alias } = c.req.valid('json');
      const found = await addAlias(c.var.db, skill, alias);
      return c.json(await curatedSkill(c.var.db, found.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/skills/merge',
      tags,
      summary: 'Administrators: merge two skills that are one; declarations and endorsements move without duplicates, the merged name becomes an alias',
      request: { headers: idempotencyHeader, body: jsonBody(mergeBody) },
      responses: { 200: json(curatedSkillSchema, 'The skill that stays'), ...errors(400, 401, 403, 404, 413, 422, 429) },
    }),
    async (c) => {
      requireAdmin(c);
      const { from, into } = c.req.valid('json');
      const kept = await mergeSkills(c.var.db, from, into);
      return c.json(await curatedSkill(c.var.db, kept.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/profile',
      tags,
      summary: 'My profile, with my privacy settings',
      responses: { 200: json(profileSchema, 'My profile'), ...errors(401, 403) },
    }),
    async (c) => c.json(await ownProfile(c), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/profile',
      tags,
      summary: 'Change my skills, intents, chat link or privacy settings (each list given replaces that list)',
      request: { headers: idempotencyHeader, body: jsonBody(updateProfileBody) },
      responses: { 200: json(profileSchema, 'My profile'), ...errors(400, 401, 403, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      await updateProfile(c.var.db, person.id, c.req.valid('json'));
      return c.json(await ownProfile(c), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/profile/inferred',
      tags,
      summary: 'What Ruche infers about me: the posts that count, their weight, who may see them, and what never counts',
      responses: { 200: json(inferredSchema, 'What the expert finder may use about me'), ...errors(401, 403) },
    }),
    async (c) => c.json(await inferredAbout(c.var.db, requirePerson(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/people',
      tags,
      summary: 'Profiles of several people at once (for the person cards of a page), by Ruche id or intranet id',
      request: { query: peopleQuery },
      responses: { 200: json(z.object({ people: z.array(profileSchema) }), 'The profiles this person may see; unknown ones are left out'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const { id, externalId } = c.req.valid('query');
      const viewer = viewerOf(person);
      const people = [
        ...(id ? await loadProfiles(c.var.db, viewer, { ids: id }) : []),
        ...(externalId ? await loadProfiles(c.var.db, viewer, { externalIds: externalId }) : []),
      ];
      const unique = people.filter((p, i) => people.findIndex((q) => q.person.id === p.person.id) === i);
      return c.json({ people: unique }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/people/{id}',
      tags,
      summary: 'A person’s profile: roles in spaces, skills and endorsements, intents, contact',
      request: { params: personParams },
      responses: { 200: json(profileSchema, 'The profile'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const [profile] = await loadProfiles(c.var.db, viewerOf(person), { ids: [c.req.valid('param').id] });
      if (!profile) throw notFound('This person');
      return c.json(profile, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/people/{id}/skills/{skill}/endorsement',
      tags,
      summary: 'Endorse a skill this person declared (once; again is a no-op; never one’s own)',
      request: { params: endorsementParams, headers: idempotencyHeader },
      responses: { 200: json(endorsementSchema, 'The skill’s endorsements'), ...errors(400, 401, 403, 404, 409, 429) },
    }),
    async (c) => setEndorsement(c, c.req.valid('param'), true),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/people/{id}/skills/{skill}/endorsement',
      tags,
      summary: 'Take one’s endorsement back (again is a no-op)',
      request: { params: endorsementParams, headers: idempotencyHeader },
      responses: { 200: json(endorsementSchema, 'The skill’s endorsements'), ...errors(400, 401, 403, 404, 409, 429) },
    }),
    async (c) => setEndorsement(c, c.req.valid('param'), false),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/questions',
      tags,
      summary: 'Ask the experts: a question in a Q&A thread, and the top experts on its topic are told',
      request: { headers: idempotencyHeader, body: jsonBody(askBody) },
      responses: { 201: json(askedSchema, 'The question and who was told'), ...errors(400, 401, 403, 404, 409, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const body = c.req.valid('json');
      const access = await spaceAccessFor(c, body.space);
      assertCanWrite(access, person);
      const db = c.var.db;
      const key = body.subject ?? `ruche:experts:${skillKey(body.topic).replace(/ /g, '-')}`;
      const subject = await ensureSubject(db, access.space.id, key, { mode: 'qa', title: body.title ?? body.topic, url: body.url });
      if (subject.mode !== 'qa') {
        throw conflict('subject_not_qa', 'This page’s comments are a discussion, not questions and answers: ask without `subject`, or on a Q&A page.');
      }
      const question = await insertComment(db, c.var.deps.bus, c.var.afterCommit, {
        subject,
        spaceId: access.space.id,
        parent: null,
        authorId: person.id,
        body: body.question,
      });
      const count = body.experts ?? ASK.defaultExperts;
      // A finder given a space searched that space's evidence only; the experts told are ranked so too.
      const fromSpace = body.space !== undefined;
      const experts = await chooseExperts(db, viewerOf(person), body.topic, access.space.id, count, [person.id], fromSpace);
      await recordExpertQuestion(db, {
        questionId: question.id,
        spaceId: access.space.id,
        askedBy: person.id,
        topic: body.topic,
        expertsPerRound: count,
        evidenceFromSpace: fromSpace,
      });
      await tellExperts(db, { id: question.id, spaceId: question.spaceId, askedBy: person.id }, experts.map((e, i) => ({ personId: e.personId, rank: i + 1 })), 'expert', { bus: c.var.deps.bus, afterCommit: c.var.afterCommit });
      const cards = await loadProfiles(db, viewerOf(person), { ids: experts.map((e) => e.personId) });
      const hours = access.space.answerPromiseHours;
      return c.json(
        {
          question: commentView(question),
          subject: { key: subject.key, space: access.space.slug },
          notified: cards.map((p) => personCard(p.person)),
          dueAt: hours ? new Date(question.createdAt.getTime() + hours * 3600_000).toISOString() : null,
        },
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/notifications',
      tags,
      summary: 'Questions I was asked as an expert (or as a steward, once overdue), newest first',
      request: { query: notificationsQuery },
      responses: { 200: json(notificationPageSchema, 'A page of notifications'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const person = requirePerson(c);
      // A read only: overdue questions are escalated by the server's timer (questions-store.ts).
      return c.json(await listNotifications(c.var.db, person.id, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/notifications/read',
      tags,
      summary: 'Mark notifications as read (these, or all)',
      request: { headers: idempotencyHeader, body: jsonBody(markReadBody) },
      responses: { 200: json(z.object({ unreadCount: z.number().int() }), 'What is left unread'), ...errors(400, 401, 403, 413, 422, 429) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const { ids } = c.req.valid('json');
      await markNotificationsRead(c.var.db, person.id, ids);
      return c.json({ unreadCount: await unreadCount(c.var.db, person.id) }, 200);
    },
  );
