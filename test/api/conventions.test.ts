import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
const alice = { sub: 'alice', name: 'Alice' };

before(async () => {
  // One write a minute after a burst of 5: no token comes back during the test, however slow the machine.
  api = await createTestApi({ RUCHE_ORIGINS: 'https://intranet.example.com', RUCHE_WRITE_RATE: '1', RUCHE_WRITE_BURST: '5' });
});
after(() => api.close());

describe('CORS and security headers', () => {
  test('a configured intranet origin may call the API', async () => {
    const preflight = await api.request('OPTIONS', '/api/spaces', {
      headers: { origin: 'https://intranet.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, idempotency-key' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://intranet.example.com');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /idempotency-key/i);
  });

  test('any other origin gets no CORS permission', async () => {
    const answer = await api.get('/api/spaces', { headers: { origin: 'https://evil.example.net' } });
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
  });

  test('answers carry secure headers', async () => {
    const answer = await api.get('/api/health');
    assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
    assert.match(answer.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(answer.headers.get('referrer-policy'), 'no-referrer');
    assert.ok(answer.headers.get('strict-transport-security'));
    assert.match(answer.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, 'what X-Frame-Options said, which is not sent');
    assert.equal(answer.headers.get('x-frame-options'), null);
  });

  test('no HSTS to a host that is an IP address, which browsers never keep it for', async () => {
    for (const host of ['127.0.0.1:8787', '[::1]:8787']) {
      const answer = await api.app.request(`http://${host}/api/health`);
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('strict-transport-security'), null, host);
      assert.equal(answer.headers.get('x-content-type-options'), 'nosniff', host);
    }
    const named = await api.app.request('http://ruche.intranet.example/api/health');
    assert.ok(named.headers.get('strict-transport-security'));
  });

  test('the headers a page may read are exposed to the CORS answers only (its own origin reads them all)', async () => {
    const cross = await api.get('/api/spaces', { headers: { origin: 'https://intranet.example.com' } });
    assert.match(cross.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    assert.match(cross.headers.get('access-control-expose-headers') ?? '', /Idempotency-Replayed/);
    const sameOrigin = await api.get('/api/spaces');
    assert.equal(sameOrigin.headers.get('access-control-expose-headers'), null);
    const refused = await api.get('/api/spaces', { headers: { origin: 'https://evil.example.net' } });
    assert.equal(refused.headers.get('access-control-expose-headers'), null);
  });
});

describe('write rate limit', () => {
  test('past the burst, writes get 429 with Retry-After; reads still work; others are not affected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await api.post(`/api/spaces`, { slug: `rate-${i}`, name: `Rate ${i}`, visibility: 'open' }, { as: { sub: 'hasty', name: 'Hasty' } })).status);
    }
    assert.deepEqual(statuses.slice(0, 5), [201, 201, 201, 201, 201]);
    assert.equal(statuses[5], 429);
    const limited = await api.post('/api/spaces', { slug: 'rate-x', name: 'X', visibility: 'open' }, { as: { sub: 'hasty', name: 'Hasty' } });
    assert.equal(limited.body.error.code, 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal((await api.get('/api/spaces', { as: { sub: 'hasty', name: 'Hasty' } })).status, 200);
    assert.equal((await api.post('/api/spaces', { slug: 'calm-1', name: 'Calm', visibility: 'open' }, { as: { sub: 'calm', name: 'Calm' } })).status, 201);
    const { count } = (await api.db.database.sql<{ count: number }[]>`select count(*)::int as count from spaces where slug like 'rate-%'`)[0]!;
    assert.equal(count, 5, 'refused writes wrote nothing');
  });
});

describe('idempotent retries', () => {
  const body = { slug: 'retried', name: 'Retried', visibility: 'open' };

  test('a retried write with the same key returns the first answer and writes once', async () => {
    const headers = { 'idempotency-key': 'create-retried-1' };
    const first = await api.post('/api/spaces', body, { as: alice, headers });
    const second = await api.post('/api/spaces', body, { as: alice, headers });
    assert.equal(first.status, 201);
    assert.equal(second.status, 201, 'not a 409 slug_taken: the first answer, replayed');
    assert.deepEqual(second.body, first.body);
    assert.equal(second.headers.get('idempotency-replayed'), 'true');
    assert.equal(first.headers.get('location'), '/api/spaces/retried');
    assert.equal(second.headers.get('location'), '/api/spaces/retried', 'the first answer’s headers come back too');
    assert.match(second.headers.get('content-type') ?? '', /^application\/json/);
    const { count } = (await api.db.database.sql<{ count: number }[]>`select count(*)::int as count from spaces where slug = 'retried'`)[0]!;
    assert.equal(count, 1);
  });

  test('retries racing each other still write once', async () => {
    const headers = { 'idempotency-key': 'race-1' };
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => api.post('/api/spaces', { ...body, slug: 'raced' }, { as: { sub: 'racer', name: 'Racer' }, headers })),
    );
    assert.deepEqual(answers.map((a) => a.status), [201, 201, 201, 201]);
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
    const { count } = (await api.db.database.sql<{ count: number }[]>`select count(*)::int as count from spaces where slug = 'raced'`)[0]!;
    assert.equal(count, 1);
  });

  test('a key reused for a different request is refused', async () => {
    const headers = { 'idempotency-key': 'create-retried-1' };
    const answer = await api.post('/api/spaces', { ...body, slug: 'other' }, { as: alice, headers });
    assert.equal(answer.status, 422);
    assert.equal(answer.body.error.code, 'idempotency_key_reused');
  });

  test('the query string is part of the request: the same key with another query is refused', async () => {
    const who = { as: { sub: 'querier', name: 'Querier' }, headers: { 'idempotency-key': 'with-query' } };
    const first = await api.post('/api/spaces', { ...body, slug: 'queried' }, who);
    assert.equal(first.status, 201);
    const other = await api.request('POST', '/api/spaces?visibility=secret', { ...who, body: { ...body, slug: 'queried' } });
    assert.equal(other.status, 422);
    assert.equal(other.body.error.code, 'idempotency_key_reused');
  });

  test('keys belong to a person: the same key from someone else is a new request', async () => {
    const headers = { 'idempotency-key': 'create-retried-1' };
    const answer = await api.post('/api/spaces', { ...body, slug: 'bobs' }, { as: { sub: 'bob', name: 'Bob' }, headers });
    assert.equal(answer.status, 201);
  });

  test('a refused write does not burn its key', async () => {
    const headers = { 'idempotency-key': 'fix-and-retry' };
    const refused = await api.post('/api/spaces', { ...body, slug: 'fixed', name: '' }, { as: alice, headers });
    assert.equal(refused.status, 400);
    const { count } = (await api.db.database.sql<{ count: number }[]>`select count(*)::int as count from idempotency_keys where key = 'fix-and-retry'`)[0]!;
    assert.equal(count, 0);
  });
});

describe('OpenAPI document and docs page', () => {
  test('the document is generated from the routes’ zod schemas', async () => {
    const { status, body } = await api.get('/api/openapi.json');
    assert.equal(status, 200);
    assert.equal(body.openapi, '3.1.0');
    assert.ok(body.paths['/api/spaces'].post.requestBody, 'request bodies are described');
    assert.ok(body.paths['/api/spaces/{slug}/members/{personId}'].put);
    assert.ok(body.components.schemas.Space);
    assert.ok(body.components.schemas.Error);
    const create = body.components.schemas.CreateSpace;
    assert.equal(create.additionalProperties, false, 'unknown fields are refused, and the document says so');
  });

  test('a readable docs page lists the routes', async () => {
    const response = await api.app.request('/api/docs');
    const html = await response.text();
    assert.equal(response.status, 200);
    assert.match(html, /<h1>Ruche API<\/h1>/);
    assert.match(html, /\/api\/spaces\/\{slug\}\/join/);
    // Its own policy, not the one of the JSON answers: it has styles.
    assert.equal(response.headers.get('content-security-policy'), "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  });
});

describe('health', () => {
  test('names the database in use and the schema version', async () => {
    const { status, body } = await api.get('/api/health');
    assert.equal(status, 200);
    assert.equal(body.status, 'ok');
    assert.equal(body.database.kind, api.db.kind === 'postgres' ? 'postgresql' : 'embedded');
    assert.match(body.database.server, /^PostgreSQL \d+/);
    assert.ok(body.database.schemaVersion >= 1);
  });
});
