import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApi, type TestApi } from '../support/api.ts';

/**
 * Bad input changes nothing: each malformed request gets its 4xx with the API's error body, and the
 * tables are exactly as they were.
 */
let api: TestApi;
const alice = { sub: 'alice', name: 'Alice' };

async function snapshot() {
  const sql = api.db.database.sql;
  const [row] = await sql`
    select (select count(*) from spaces)::int as spaces,
           (select count(*) from memberships)::int as memberships,
           (select count(*) from idempotency_keys)::int as keys,
           (select count(*) from comments)::int as comments,
           (select count(*) from subjects)::int as subjects,
           (select count(*) from likes)::int as likes,
           (select count(*) from people)::int as people,
           -- a row's version (xmin) moves when it is rewritten, even with the same values
           (select string_agg(external_id || ':' || xmin::text || ':' || updated_at::text, ',' order by external_id) from people) as people_rows,
           (select string_agg(name || visibility || description, ',' order by slug) from spaces) as content`;
  return row;
}

before(async () => {
  api = await createTestApi();
  await api.post('/api/spaces', { slug: 'existing', name: 'Existing', visibility: 'open' }, { as: alice });
});
after(() => api.close());

const valid = { slug: 'new-space', name: 'New space', visibility: 'open' };
const tenMegabytes = 'x'.repeat(10 * 1024 * 1024);

const cases: { what: string; method: string; path: string; raw?: string; body?: unknown; status: number; code: string; headers?: Record<string, string>; anonymous?: true }[] = [
  { what: 'malformed JSON', method: 'POST', path: '/api/spaces', raw: '{"slug": "x",', status: 400, code: 'malformed_request' },
  { what: 'JSON that is not an object', method: 'POST', path: '/api/spaces', raw: '[1,2,3]', status: 400, code: 'invalid_request' },
  { what: 'a wrong type', method: 'POST', path: '/api/spaces', body: { ...valid, name: 42 }, status: 400, code: 'invalid_request' },
  { what: 'a missing field', method: 'POST', path: '/api/spaces', body: { slug: 'x1', name: 'X' }, status: 400, code: 'invalid_request' },
  { what: 'an unknown field', method: 'POST', path: '/api/spaces', body: { ...valid, isAdmin: true }, status: 400, code: 'invalid_request' },
  { what: 'an unknown enum value', method: 'POST', path: '/api/spaces', body: { ...valid, visibility: 'public' }, status: 400, code: 'invalid_request' },
  { what: 'a control character in a name', method: 'POST', path: '/api/spaces', body: { ...valid, name: 'Bad\u0000name' }, status: 400, code: 'invalid_request' },
  { what: 'a line break in a one-line name', method: 'POST', path: '/api/spaces', body: { ...valid, name: 'Two\nlines' }, status: 400, code: 'invalid_request' },
  { what: 'a text-direction override', method: 'POST', path: '/api/spaces', body: { ...valid, name: 'evil\u202Egnp.exe' }, status: 400, code: 'invalid_request' },
  { what: 'a blank name', method: 'POST', path: '/api/spaces', body: { ...valid, name: '   ' }, status: 400, code: 'invalid_request' },
  { what: 'a too long name', method: 'POST', path: '/api/spaces', body: { ...valid, name: 'n'.repeat(81) }, status: 400, code: 'invalid_request' },
  { what: 'a bad slug', method: 'POST', path: '/api/spaces', body: { ...valid, slug: 'Not A Slug!' }, status: 400, code: 'invalid_request' },
  { what: 'a number out of range', method: 'POST', path: '/api/spaces', body: { ...valid, answerPromiseHours: -3 }, status: 400, code: 'invalid_request' },
  { what: 'a body over the limit', method: 'POST', path: '/api/spaces', body: { ...valid, description: 'd'.repeat(100 * 1024) }, status: 413, code: 'body_too_large' },
  { what: 'a 10 MB string', method: 'POST', path: '/api/spaces', body: { ...valid, name: tenMegabytes }, status: 413, code: 'body_too_large' },
  { what: 'an empty update', method: 'PATCH', path: '/api/spaces/existing', body: {}, status: 400, code: 'invalid_request' },
  { what: 'an unknown space', method: 'PATCH', path: '/api/spaces/nowhere', body: { name: 'x' }, status: 404, code: 'not_found' },
  { what: 'an id that is not a UUID', method: 'PUT', path: '/api/spaces/existing/members/12', body: { role: 'member' }, status: 400, code: 'invalid_request' },
  { what: 'an unknown person', method: 'PUT', path: '/api/spaces/existing/members/00000000-0000-4000-8000-000000000000', body: { role: 'member' }, status: 404, code: 'not_found' },
  { what: 'an unknown query parameter', method: 'GET', path: '/api/spaces/existing/members?sort=evil', status: 400, code: 'invalid_request' },
  { what: 'a query parameter where none is taken', method: 'GET', path: '/api/spaces?visibility=secret', status: 400, code: 'invalid_request' },
  { what: 'a query parameter on a write', method: 'POST', path: '/api/spaces?owner=root', body: valid, status: 400, code: 'invalid_request' },
  { what: 'a write from nobody', method: 'POST', path: '/api/spaces', body: valid, status: 401, code: 'authentication_required', anonymous: true },
  { what: 'a join from nobody', method: 'POST', path: '/api/spaces/existing/join', status: 401, code: 'authentication_required', anonymous: true },
  { what: 'a limit out of range', method: 'GET', path: '/api/spaces/existing/members?limit=100000', status: 400, code: 'invalid_request' },
  { what: 'a forged cursor', method: 'GET', path: '/api/spaces/existing/members?cursor=%27%3Bdrop', status: 400, code: 'invalid_request' },
  { what: 'an unknown route', method: 'GET', path: '/api/nothing-here', status: 404, code: 'not_found' },
  { what: 'a comment without a subject', method: 'POST', path: '/api/comments', body: { body: 'Bonjour' }, status: 400, code: 'invalid_request' },
  { what: 'an empty comment', method: 'POST', path: '/api/comments', body: { subject: 'x', body: '  \n ' }, status: 400, code: 'invalid_request' },
  { what: 'a comment with a NUL byte', method: 'POST', path: '/api/comments', body: { subject: 'x', body: 'a\u0000b' }, status: 400, code: 'invalid_request' },
  { what: 'a comment longer than 10,000 characters', method: 'POST', path: '/api/comments', body: { subject: 'x', body: 'a'.repeat(10_001) }, status: 400, code: 'invalid_request' },
  { what: 'a comment in an unknown space', method: 'POST', path: '/api/comments', body: { space: 'nowhere', subject: 'x', body: 'Bonjour' }, status: 404, code: 'not_found' },
  { what: 'a comment with an unknown mode', method: 'POST', path: '/api/comments', body: { subject: 'x', body: 'Bonjour', mode: 'poll' }, status: 400, code: 'invalid_request' },
  { what: 'a page URL that is javascript:', method: 'POST', path: '/api/comments', body: { subject: 'x', body: 'Bonjour', url: 'javascript:alert(1)' }, status: 400, code: 'invalid_request' },
  { what: 'a reply to an unknown comment', method: 'POST', path: '/api/comments', body: { subject: 'x', body: 'Bonjour', parentId: '00000000-0000-4000-8000-000000000000' }, status: 404, code: 'not_found' },
  { what: 'an edit of an unknown comment', method: 'PATCH', path: '/api/comments/00000000-0000-4000-8000-000000000000', body: { body: 'x' }, status: 404, code: 'not_found' },
  { what: 'a like without a subject', method: 'PUT', path: '/api/likes', body: {}, status: 400, code: 'invalid_request' },
  { what: 'a subject key over 500 characters', method: 'PUT', path: '/api/likes', body: { subject: 'k'.repeat(501) }, status: 400, code: 'invalid_request' },
  { what: 'a like batch without subjects', method: 'GET', path: '/api/likes', status: 400, code: 'invalid_request' },
  { what: 'a forged comments cursor', method: 'GET', path: '/api/comments?subject=x&cursor=AAAA', status: 400, code: 'invalid_request' },
  { what: 'a bad Last-Event-ID', method: 'GET', path: '/api/events?s=x', status: 400, code: 'invalid_request', headers: { 'last-event-id': 'drop table' } },
  { what: 'a NUL character as a subject in the query', method: 'GET', path: '/api/comments?subject=%00', status: 400, code: 'invalid_request' },
  { what: 'a NUL character inside a query value', method: 'GET', path: '/api/likes?s=a%00b', status: 400, code: 'invalid_request' },
  { what: 'a NUL character in a body’s subject', method: 'POST', path: '/api/comments', body: { subject: 'a\u0000b', body: 'Bonjour' }, status: 400, code: 'invalid_request' },
  { what: 'a NUL character in a like’s subject', method: 'PUT', path: '/api/likes', body: { subject: '\u0000' }, status: 400, code: 'invalid_request' },
  { what: 'a lone surrogate in a comment', method: 'POST', path: '/api/comments', body: { subject: 'x', body: '\ud800' }, status: 400, code: 'invalid_request' },
  { what: 'a lone surrogate in a space name', method: 'POST', path: '/api/spaces', body: { ...valid, name: 'Caf\udc00' }, status: 400, code: 'invalid_request' },
  { what: 'a lone surrogate in a field name', method: 'POST', path: '/api/comments', raw: '{"subject":"x","body":"y","\\ud800":1}', status: 400, code: 'invalid_request' },
  { what: 'a lone surrogate deep in a list', method: 'POST', path: '/api/likes/query', raw: '{"subjects":["a","\\udfff"]}', status: 400, code: 'invalid_request', anonymous: true },
  { what: 'a malformed percent-escape in a query', method: 'GET', path: '/api/comments?subject=%E0%A4%A', status: 400, code: 'malformed_request' },
  { what: 'escaped bytes that are not UTF-8 in a query (an escaped surrogate)', method: 'GET', path: '/api/comments?subject=%ED%A0%80', status: 400, code: 'malformed_request' },
  { what: 'a stray % in a query', method: 'GET', path: '/api/ideas?q=100%', status: 400, code: 'malformed_request' },
  { what: 'a malformed percent-escape in a query parameter’s name', method: 'GET', path: '/api/comments?subject=x&%ZZ=1', status: 400, code: 'malformed_request' },
  { what: 'a NUL character in the path', method: 'PATCH', path: '/api/spaces/existing%00', body: { name: 'x' }, status: 400, code: 'invalid_request' },
  { what: 'a malformed percent-escape in the path', method: 'GET', path: '/api/ideas/%E0%A4%A', status: 400, code: 'malformed_request' },
  { what: 'a bad Idempotency-Key', method: 'POST', path: '/api/spaces', body: valid, status: 400, code: 'invalid_idempotency_key', headers: { 'idempotency-key': 'has spaces in it' } },
];

describe('bad input is refused and changes nothing', () => {
  for (const c of cases) {
    test(`${c.what}: ${c.status} ${c.code}`, async () => {
      const before = await snapshot();
      const answer = await api.request(c.method, c.path, { as: c.anonymous ? undefined : alice, body: c.body, raw: c.raw, headers: c.headers });
      assert.equal(answer.status, c.status, JSON.stringify(answer.body).slice(0, 300));
      assert.equal(answer.body.error.code, c.code);
      assert.equal(typeof answer.body.error.message, 'string');
      assert.deepEqual(await snapshot(), before);
    });
  }

  test('a JSON body that is not UTF-8: 400 malformed_request, nothing changed', async () => {
    const before = await snapshot();
    const bytes = new Uint8Array([...Buffer.from('{"subject":"x","body":"caf'), 0xe9, ...Buffer.from('"}')]);
    const response = await api.app.request('/api/comments', {
      method: 'POST',
      headers: { authorization: `Bearer ${await api.token(alice)}`, 'content-type': 'application/json' },
      body: bytes,
    });
    assert.equal(response.status, 400);
    const body = await response.json();
    assert.equal(body.error.code, 'malformed_request');
    assert.match(body.error.message, /UTF-8/);
    assert.deepEqual(await snapshot(), before);
  });

  test('refusals of broken text say where it is', async () => {
    const query = await api.get('/api/comments?subject=%00', { as: alice });
    assert.deepEqual(query.body.error.details.map((d: { path: string }) => d.path), ['query.subject']);
    const body = await api.post('/api/comments', { subject: 'x', body: 'ok', mode: '\ud800' }, { as: alice });
    assert.deepEqual(body.body.error.details.map((d: { path: string }) => d.path), ['body.mode']);
    assert.match(body.body.error.message, /mode must not contain a lone UTF-16 surrogate/);
  });

  test('validation errors say which field is wrong', async () => {
    const answer = await api.post('/api/spaces', { ...valid, name: 42, extra: 1 }, { as: alice });
    const paths = answer.body.error.details.map((d: { path: string }) => d.path);
    assert.ok(paths.includes('name'), paths.join());
    assert.ok(answer.body.error.details.some((d: { code: string }) => d.code === 'unrecognized_keys'));
  });

  test('a write that fails midway leaves nothing behind', async () => {
    // The space row is inserted before its steward membership; a membership that cannot be written
    // (the person vanished) must take the space away with it.
    const before = await snapshot();
    const sql = api.db.database.sql;
    await sql`create or replace function fail_membership() returns trigger language plpgsql as
              $$ begin raise exception 'disk full (simulated)'; end $$`;
    await sql`create trigger fail_membership before insert on memberships for each row execute function fail_membership()`;
    try {
      const answer = await api.post('/api/spaces', valid, { as: alice });
      assert.equal(answer.status, 500);
      assert.equal(answer.body.error.code, 'internal_error');
    } finally {
      await sql`drop trigger fail_membership on memberships`;
      await sql`drop function fail_membership()`;
    }
    assert.deepEqual(await snapshot(), before);
  });
});
