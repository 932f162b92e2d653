import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApi, type TestApi } from '../support/api.ts';

/**
 * Bad input to the stewardship, notification, pulse and privacy routes changes nothing: each
 * malformed request gets its 4xx in the API's error format, and the tables are as they were.
 */
let api: TestApi;
const steward = { sub: 'stella', name: 'Stella Animatrice' };
const alice = { sub: 'alice', name: 'Alice' };
let commentId: string;
let ideaId: string;
const NOBODY = '00000000-0000-4000-8000-000000000000';

async function snapshot() {
  const [row] = await api.db.database.sql`
    select (select count(*) from moderation_actions)::int as actions,
           (select count(*) from notifications)::int as notifications,
           (select count(*) from comment_reports)::int as comment_reports,
           (select count(*) from idea_reports)::int as idea_reports,
           (select count(*) from privacy_settings)::int as privacy,
           (select count(*) from people)::int as people,
           (select count(*) from idempotency_keys)::int as keys,
           (select string_agg(id::text || status || coalesce(moderation_reason, ''), ',' order by id) from comments) as comments,
           (select string_agg(id::text || moderation || coalesce(moderation_reason, ''), ',' order by id) from ideas) as ideas,
           (select string_agg(premoderation || array_to_string(words, '|') || keep_posts_on_erasure::text, ',') from space_moderation) as settings,
           (select coalesce(sum(readers), 0)::int from reading_days) as readers`;
  return row;
}

before(async () => {
  api = await createTestApi();
  await api.post('/api/spaces', { slug: 'atelier', name: 'Atelier', visibility: 'open' }, { as: steward });
  commentId = (await api.post('/api/comments', { space: 'atelier', subject: 'page', body: 'Un commentaire.' }, { as: alice })).body.id;
  ideaId = (await api.post('/api/ideas', { space: 'atelier', title: 'Une idée', description: 'Texte.' }, { as: alice })).body.id;
  await api.post(`/api/comments/${commentId}/report`, { reason: 'Déjà signalé' }, { as: steward });
});
after(() => api.close());

type Case = { what: string; method: string; path: string | (() => string); body?: unknown; raw?: string; as?: typeof steward; status: number; code: string };

const cases: Case[] = [
  { what: 'a queue without a valid space', method: 'GET', path: '/api/moderation?space=Not%20A%20Slug', status: 400, code: 'invalid_request' },
  { what: 'a queue of an unknown space', method: 'GET', path: '/api/moderation?space=nowhere', status: 404, code: 'not_found' },
  { what: 'a queue limit out of range', method: 'GET', path: '/api/moderation?space=atelier&limit=1000', status: 400, code: 'invalid_request' },
  { what: 'an unknown queue parameter', method: 'GET', path: '/api/moderation?space=atelier&status=all', status: 400, code: 'invalid_request' },
  { what: 'a forged log cursor', method: 'GET', path: '/api/moderation/log?space=atelier&cursor=AAAA', status: 400, code: 'invalid_request' },
  { what: 'an unknown action', method: 'POST', path: () => `/api/moderation/comments/${commentId}/delete`, body: { reason: 'x' }, status: 400, code: 'invalid_request' },
  { what: 'an unknown kind', method: 'POST', path: () => `/api/moderation/likes/${commentId}/hide`, body: { reason: 'x' }, status: 400, code: 'invalid_request' },
  { what: 'an id that is not a UUID', method: 'POST', path: '/api/moderation/comments/42/hide', body: { reason: 'x' }, status: 400, code: 'invalid_request' },
  { what: 'an unknown comment', method: 'POST', path: `/api/moderation/comments/${NOBODY}/hide`, body: { reason: 'x' }, status: 404, code: 'not_found' },
  { what: 'an unknown idea', method: 'POST', path: `/api/moderation/ideas/${NOBODY}/hide`, body: { reason: 'x' }, status: 404, code: 'not_found' },
  { what: 'hiding without a reason', method: 'POST', path: () => `/api/moderation/comments/${commentId}/hide`, body: {}, status: 400, code: 'invalid_request' },
  { what: 'hiding an idea with a blank reason', method: 'POST', path: () => `/api/moderation/ideas/${ideaId}/hide`, body: { reason: ' \n ' }, status: 400, code: 'invalid_request' },
  { what: 'a reason with a NUL byte', method: 'POST', path: () => `/api/moderation/comments/${commentId}/hide`, body: { reason: 'a\u0000b' }, status: 400, code: 'invalid_request' },
  { what: 'a reason over 1000 characters', method: 'POST', path: () => `/api/moderation/comments/${commentId}/hide`, body: { reason: 'r'.repeat(1001) }, status: 400, code: 'invalid_request' },
  { what: 'an unknown field on an action', method: 'POST', path: () => `/api/moderation/comments/${commentId}/dismiss`, body: { reason: 'x', notify: false }, status: 400, code: 'invalid_request' },
  { what: 'malformed JSON on an action', method: 'POST', path: () => `/api/moderation/comments/${commentId}/dismiss`, raw: '{"reason":', status: 400, code: 'malformed_request' },
  { what: 'restoring what is not hidden', method: 'POST', path: () => `/api/moderation/comments/${commentId}/restore`, body: {}, status: 409, code: 'invalid_transition' },
  { what: 'approving what is not pending', method: 'POST', path: () => `/api/moderation/ideas/${ideaId}/approve`, body: {}, status: 409, code: 'invalid_transition' },
  { what: 'dismissing an idea without reports', method: 'POST', path: () => `/api/moderation/ideas/${ideaId}/dismiss`, body: {}, status: 409, code: 'nothing_to_dismiss' },
  { what: 'settings without any change', method: 'PUT', path: '/api/moderation/settings', body: { space: 'atelier' }, status: 400, code: 'invalid_request' },
  { what: 'an unknown pre-moderation', method: 'PUT', path: '/api/moderation/settings', body: { space: 'atelier', premoderation: 'strict' }, status: 400, code: 'invalid_request' },
  { what: 'a word that is not a word', method: 'PUT', path: '/api/moderation/settings', body: { space: 'atelier', words: ['ok', '!!!'] }, status: 400, code: 'invalid_request' },
  { what: 'a word with a line break', method: 'PUT', path: '/api/moderation/settings', body: { space: 'atelier', words: ['deux\nmots'] }, status: 400, code: 'invalid_request' },
  { what: 'too many words', method: 'PUT', path: '/api/moderation/settings', body: { space: 'atelier', words: Array.from({ length: 501 }, (_, i) => `mot${i}`) }, status: 400, code: 'invalid_request' },
  { what: 'words that are not a list', method: 'PUT', path: '/api/moderation/settings', body: { space: 'atelier', words: 'a,b' }, status: 400, code: 'invalid_request' },
  { what: 'an unknown settings field', method: 'PUT', path: '/api/moderation/settings', body: { space: 'atelier', premoderation: 'off', owner: 'me' }, status: 400, code: 'invalid_request' },
  { what: 'settings of an unknown space', method: 'PUT', path: '/api/moderation/settings', body: { space: 'nowhere', premoderation: 'off' }, status: 404, code: 'not_found' },
  { what: 'a report on an idea without a reason', method: 'POST', path: () => `/api/ideas/${ideaId}/report`, body: {}, status: 400, code: 'invalid_request', as: alice },
  { what: 'a report with an empty reason', method: 'POST', path: () => `/api/ideas/${ideaId}/report`, body: { reason: '  ' }, status: 400, code: 'invalid_request', as: alice },
  { what: 'a report on an unknown idea', method: 'POST', path: `/api/ideas/${NOBODY}/report`, body: { reason: 'x' }, status: 404, code: 'not_found', as: alice },
  { what: 'notifications marked by a bad id', method: 'POST', path: '/api/notifications/read', body: { ids: ['x'] }, status: 400, code: 'invalid_request', as: alice },
  { what: 'notifications marked with an empty list', method: 'POST', path: '/api/notifications/read', body: { ids: [] }, status: 400, code: 'invalid_request', as: alice },
  { what: 'a forged notifications cursor', method: 'GET', path: '/api/notifications?cursor=Zm9v', status: 400, code: 'invalid_request', as: alice },
  { what: 'a pulse with an unknown parameter', method: 'GET', path: '/api/pulse?space=atelier&person=alice', status: 400, code: 'invalid_request', as: alice },
  { what: 'privacy choices of the wrong type', method: 'PUT', path: '/api/me/privacy', body: { showInTopContributors: 1 }, status: 400, code: 'invalid_request', as: alice },
  { what: 'privacy choices with an unknown field', method: 'PUT', path: '/api/me/privacy', body: { showInTopContributors: true, shareWithHr: true }, status: 400, code: 'invalid_request', as: alice },
  { what: 'an erasure without confirmation', method: 'DELETE', path: '/api/me', body: { posts: 'delete_posts' }, status: 400, code: 'invalid_request', as: alice },
  { what: 'an erasure with an unknown choice', method: 'DELETE', path: '/api/me', body: { posts: 'anonymise', confirm: true }, status: 400, code: 'invalid_request', as: alice },
  { what: 'an erasure with malformed JSON', method: 'DELETE', path: '/api/me', raw: '{"posts":', status: 400, code: 'malformed_request', as: alice },
];

describe('bad input to stewardship, pulse and privacy is refused and changes nothing', () => {
  for (const c of cases) {
    test(`${c.what}: ${c.status} ${c.code}`, async () => {
      const before = await snapshot();
      const path = typeof c.path === 'function' ? c.path() : c.path;
      const answer = await api.request(c.method, path, { as: c.as ?? steward, body: c.body, raw: c.raw });
      assert.equal(answer.status, c.status, JSON.stringify(answer.body).slice(0, 300));
      assert.equal(answer.body.error.code, c.code);
      assert.equal(typeof answer.body.error.message, 'string');
      assert.deepEqual(await snapshot(), before);
    });
  }

  test('a missing reason says which field', async () => {
    const answer = await api.post(`/api/moderation/comments/${commentId}/hide`, {}, { as: steward });
    assert.deepEqual(answer.body.error.details.map((d: { path: string }) => d.path), ['reason']);
  });

  test('the OpenAPI document describes the new routes and refuses unknown fields', async () => {
    const { body } = await api.get('/api/openapi.json');
    for (const path of ['/api/moderation', '/api/moderation/log', '/api/moderation/settings', '/api/moderation/{kind}/{id}/{action}', '/api/notifications', '/api/pulse', '/api/me/export', '/api/me/privacy', '/api/me/erasure', '/api/ideas/{id}/report']) {
      assert.ok(body.paths[path], path);
    }
    assert.ok(body.paths['/api/me'].delete, 'DELETE /api/me');
    assert.equal(body.components.schemas.SetModerationSettings.additionalProperties, false);
    assert.equal(body.components.schemas.EraseAccount.additionalProperties, false);
  });
});
