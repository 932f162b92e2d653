import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApi, type TestApi } from '../support/api.ts';

/**
 * Bad input to the expert finder changes nothing: each malformed request gets its 4xx with the
 * API's error body, and the tables are exactly as they were.
 */
let api: TestApi;
const alice = { sub: 'alice', name: 'Alice' };
const bob = { sub: 'bob', name: 'Bob' };
let bobId = '';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

async function snapshot() {
  const [row] = await api.db.database.sql`
    select (select count(*) from skills)::int as skills,
           (select string_agg(alias || '>' || skill_id, ',' order by alias) from skill_synonyms) as synonyms,
           (select count(*) from profile_tags)::int as tags,
           (select count(*) from profiles)::int as profiles,
           (select string_agg(coalesce(chat_url, '') || hide_inferred || hide_from_guests, ',' order by person_id) from profiles) as settings,
           (select count(*) from endorsements)::int as endorsements,
           (select count(*) from comments)::int as comments,
           (select count(*) from subjects)::int as subjects,
           (select count(*) from expert_questions)::int as questions,
           (select count(*) from expert_notifications where read_at is null)::int as unread,
           (select count(*) from events)::int as events`;
  return row;
}

before(async () => {
  api = await createTestApi();
  bobId = (await api.get('/api/me', { as: bob })).body.id;
  await api.request('PATCH', '/api/experts/profile', { as: bob, body: { skills: ['Excel'], chatUrl: 'https://chat.example.com/bob' } });
  await api.request('PATCH', '/api/experts/profile', { as: alice, body: { skills: ['Excel'] } });
});
after(() => api.close());

const ask = { topic: 'Excel', question: 'Comment faire un tableau croisé ?' };
const cases: { what: string; method: string; path: string | (() => string); body?: unknown; raw?: string; status: number; code: string }[] = [
  { what: 'a search without a query', method: 'GET', path: '/api/experts', status: 400, code: 'invalid_request' },
  { what: 'a search of punctuation only', method: 'GET', path: '/api/experts?q=%21%3F%20-', status: 400, code: 'invalid_request' },
  { what: 'a search over 200 characters', method: 'GET', path: `/api/experts?q=${'a'.repeat(201)}`, status: 400, code: 'invalid_request' },
  { what: 'a search with a limit out of range', method: 'GET', path: '/api/experts?q=excel&limit=500', status: 400, code: 'invalid_request' },
  { what: 'a search with an unknown parameter', method: 'GET', path: '/api/experts?q=excel&sort=evil', status: 400, code: 'invalid_request' },
  { what: 'a search in an unknown space', method: 'GET', path: '/api/experts?q=excel&space=nowhere', status: 404, code: 'not_found' },
  { what: 'skills without letters', method: 'GET', path: '/api/experts/skills', status: 400, code: 'invalid_request' },
  { what: 'people without ids', method: 'GET', path: '/api/experts/people', status: 400, code: 'invalid_request' },
  { what: 'people by an id that is not a UUID', method: 'GET', path: '/api/experts/people?id=12', status: 400, code: 'invalid_request' },
  { what: 'more than 50 people at once', method: 'GET', path: `/api/experts/people?${Array.from({ length: 51 }, () => `id=${UNKNOWN}`).join('&')}`, status: 400, code: 'invalid_request' },
  { what: 'a profile by an id that is not a UUID', method: 'GET', path: '/api/experts/people/42', status: 400, code: 'invalid_request' },
  { what: 'an empty profile change', method: 'PATCH', path: '/api/experts/profile', body: {}, status: 400, code: 'invalid_request' },
  { what: 'an unknown profile field', method: 'PATCH', path: '/api/experts/profile', body: { isAdmin: true }, status: 400, code: 'invalid_request' },
  { what: 'a skill of punctuation only', method: 'PATCH', path: '/api/experts/profile', body: { skills: ['Excel', '--'] }, status: 400, code: 'invalid_request' },
  { what: 'a skill with a control character', method: 'PATCH', path: '/api/experts/profile', body: { skills: ['Ex\u0000cel'] }, status: 400, code: 'invalid_request' },
  { what: 'a skill with a line break', method: 'PATCH', path: '/api/experts/profile', body: { skills: ['Ex\ncel'] }, status: 400, code: 'invalid_request' },
  { what: 'a skill over 60 characters', method: 'PATCH', path: '/api/experts/profile', body: { skills: ['s'.repeat(61)] }, status: 400, code: 'invalid_request' },
  { what: 'more than 30 skills', method: 'PATCH', path: '/api/experts/profile', body: { skills: Array.from({ length: 31 }, (_, i) => `skill ${i}`) }, status: 400, code: 'invalid_request' },
  { what: 'skills that are not a list', method: 'PATCH', path: '/api/experts/profile', body: { skills: 'Excel' }, status: 400, code: 'invalid_request' },
  { what: 'a javascript: chat link', method: 'PATCH', path: '/api/experts/profile', body: { chatUrl: 'javascript:alert(1)', skills: ['Word'] }, status: 400, code: 'invalid_request' },
  { what: 'a data: chat link', method: 'PATCH', path: '/api/experts/profile', body: { chatUrl: 'data:text/html,<b>x</b>' }, status: 400, code: 'invalid_request' },
  { what: 'a privacy setting that is not a boolean', method: 'PATCH', path: '/api/experts/profile', body: { hideInferred: 'yes' }, status: 400, code: 'invalid_request' },
  { what: 'malformed JSON', method: 'PATCH', path: '/api/experts/profile', raw: '{"skills": [', status: 400, code: 'malformed_request' },
  { what: 'an endorsement of an unknown person', method: 'PUT', path: `/api/experts/people/${UNKNOWN}/skills/excel/endorsement`, status: 404, code: 'not_found' },
  { what: 'an endorsement of an undeclared skill', method: 'PUT', path: () => `/api/experts/people/${bobId}/skills/Paie/endorsement`, status: 409, code: 'skill_not_declared' },
  { what: 'an endorsement of an unknown skill', method: 'PUT', path: () => `/api/experts/people/${bobId}/skills/${encodeURIComponent('Plongée sous-marine')}/endorsement`, status: 409, code: 'skill_not_declared' },
  { what: 'an endorsement of a skill of punctuation only', method: 'PUT', path: () => `/api/experts/people/${bobId}/skills/${encodeURIComponent('!!')}/endorsement`, status: 400, code: 'invalid_request' },
  { what: 'a question without a topic', method: 'POST', path: '/api/experts/questions', body: { question: 'Aide ?' }, status: 400, code: 'invalid_request' },
  { what: 'an empty question', method: 'POST', path: '/api/experts/questions', body: { ...ask, question: ' \n ' }, status: 400, code: 'invalid_request' },
  { what: 'a question over 10,000 characters', method: 'POST', path: '/api/experts/questions', body: { ...ask, question: 'q'.repeat(10_001) }, status: 400, code: 'invalid_request' },
  { what: 'too many experts', method: 'POST', path: '/api/experts/questions', body: { ...ask, experts: 9 }, status: 400, code: 'invalid_request' },
  { what: 'an unknown question field', method: 'POST', path: '/api/experts/questions', body: { ...ask, notify: [UNKNOWN] }, status: 400, code: 'invalid_request' },
  { what: 'a question in an unknown space', method: 'POST', path: '/api/experts/questions', body: { ...ask, space: 'nowhere' }, status: 404, code: 'not_found' },
  { what: 'a question with a javascript: page URL', method: 'POST', path: '/api/experts/questions', body: { ...ask, url: 'javascript:alert(1)' }, status: 400, code: 'invalid_request' },
  { what: 'a forged notifications cursor', method: 'GET', path: '/api/experts/notifications?cursor=AAAA', status: 400, code: 'invalid_request' },
  { what: 'a notifications limit out of range', method: 'GET', path: '/api/experts/notifications?limit=0', status: 400, code: 'invalid_request' },
  { what: 'marking read ids that are not UUIDs', method: 'POST', path: '/api/experts/notifications/read', body: { ids: ['x'] }, status: 400, code: 'invalid_request' },
  { what: 'marking read an empty list', method: 'POST', path: '/api/experts/notifications/read', body: { ids: [] }, status: 400, code: 'invalid_request' },
  { what: 'an alias without the alias', method: 'POST', path: '/api/experts/skills/aliases', body: { skill: 'Excel' }, status: 400, code: 'invalid_request' },
  { what: 'an alias of punctuation only', method: 'POST', path: '/api/experts/skills/aliases', body: { skill: 'Excel', alias: '--' }, status: 400, code: 'invalid_request' },
  { what: 'an alias over 60 characters', method: 'POST', path: '/api/experts/skills/aliases', body: { skill: 'Excel', alias: 'a'.repeat(61) }, status: 400, code: 'invalid_request' },
  { what: 'an alias with an unknown field', method: 'POST', path: '/api/experts/skills/aliases', body: { skill: 'Excel', alias: 'Tableur', force: true }, status: 400, code: 'invalid_request' },
  { what: 'an alias by someone who is not an administrator', method: 'POST', path: '/api/experts/skills/aliases', body: { skill: 'Excel', alias: 'Tableur' }, status: 403, code: 'admin_only' },
  { what: 'a merge of a skill into itself, written otherwise', method: 'POST', path: '/api/experts/skills/merge', body: { from: 'excel', into: ' EXCEL ' }, status: 400, code: 'invalid_request' },
  { what: 'a merge without its target', method: 'POST', path: '/api/experts/skills/merge', body: { from: 'Word' }, status: 400, code: 'invalid_request' },
  { what: 'a merge by someone who is not an administrator', method: 'POST', path: '/api/experts/skills/merge', body: { from: 'Word', into: 'Excel' }, status: 403, code: 'admin_only' },
];

describe('bad input to the expert finder is refused and changes nothing', () => {
  for (const c of cases) {
    test(`${c.what}: ${c.status} ${c.code}`, async () => {
      const before = await snapshot();
      const path = typeof c.path === 'function' ? c.path() : c.path;
      const answer = await api.request(c.method, path, { as: alice, body: c.body, raw: c.raw });
      assert.equal(answer.status, c.status, JSON.stringify(answer.body).slice(0, 300));
      assert.equal(answer.body.error.code, c.code);
      assert.equal(typeof answer.body.error.message, 'string');
      assert.deepEqual(await snapshot(), before);
    });
  }
});

describe('the OpenAPI document', () => {
  test('describes the vocabulary’s curation, and says unknown fields are refused', async () => {
    const { body } = await api.get('/api/openapi.json');
    assert.ok(body.paths['/api/experts/skills/aliases'].post.requestBody);
    assert.ok(body.paths['/api/experts/skills/merge'].post.requestBody);
    assert.equal(body.components.schemas.SkillAlias.additionalProperties, false);
    assert.ok(body.components.schemas.CuratedSkill);
  });
});
