import { ApiClient, ApiError, apiUrl } from '../../widgets/shared/api.ts';
import { Identity } from '../../widgets/shared/identity.ts';
import { api, assert, equal, token, uniqueSubject } from './support/helpers.ts';

/**
 * The API client against the real API, with the network made to fail on purpose in between (a
 * dropped connection, a 503, a 429), since a healthy test server never does.
 */
describe('the API client', () => {
  const realFetch = window.fetch;
  let seen: { url: string; key: string | null }[] = [];
  /** Lets `failures` requests fail the given way before letting the rest through to the API. */
  function flaky(failures: (() => Response | Promise<Response>)[]) {
    seen = [];
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      seen.push({ url: String(input), key: headers.get('Idempotency-Key') });
      const fail = failures.shift();
      return fail ? fail() : realFetch(input, init);
    };
  }
  afterEach(() => {
    window.fetch = realFetch;
  });

  it('fills a route’s parameters into its path, encoded, and sends the rest as the query', () => {
    equal(apiUrl('https://ruche.test/', '/api/ideas/:id/vote', { id: 'a b/c' }), 'https://ruche.test/api/ideas/a%20b%2Fc/vote');
    equal(
      apiUrl('https://ruche.test/base/', '/api/experts/people/:id/skills/:skill/endorsement', { id: '7', skill: 'c++', space: null }),
      'https://ruche.test/base/api/experts/people/7/skills/c%2B%2B/endorsement',
    );
    equal(apiUrl('https://ruche.test/', '/api/ideas/:id', { id: '12', space: 'rh', s: ['a', 'b'] }), 'https://ruche.test/api/ideas/12?space=rh&s=a&s=b');
  });

  const client = async (sub: string) => new ApiClient(api, new Identity(api, { kind: 'token', token: await token(sub) }));

  it('retries a write after a dropped connection and a 503 with the same Idempotency-Key, and writes once', async () => {
    const subject = uniqueSubject('retry');
    const alice = await client('alice');
    flaky([
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => new Response('{"error":{"code":"unavailable","message":"down"}}', { status: 503, headers: { 'Retry-After': '0' } }),
    ]);
    const comment = await alice.request('POST', '/api/comments', { body: { subject, body: 'Une fois' } });
    equal(seen.length, 3, 'three attempts');
    assert(seen[0]!.key && seen.every((s) => s.key === seen[0]!.key), 'one key for the three attempts');
    window.fetch = realFetch;
    const page = await alice.get('/api/comments', { subject });
    equal(page.threads.length, 1, 'written once');
    equal(page.threads[0]!.id, comment.id);
  });

  it('gives a fresh key to each new action, and the same key back replays the first answer', async () => {
    const subject = uniqueSubject('keys');
    const alice = await client('alice');
    flaky([]);
    const first = await alice.request('POST', '/api/comments', { body: { subject, body: 'A' }, idempotencyKey: 'action-1-' + subject });
    const replay = await alice.request('POST', '/api/comments', { body: { subject, body: 'A' }, idempotencyKey: 'action-1-' + subject });
    await alice.request('POST', '/api/comments', { body: { subject, body: 'B' } });
    await alice.request('POST', '/api/comments', { body: { subject, body: 'C' } });
    equal(replay.id, first.id, 'the replay answers with the first comment');
    assert(seen[2]!.key !== seen[3]!.key, 'two actions, two keys');
  });

  it('waits out a short 429 and turns errors into ApiError with the API’s code', async () => {
    const alice = await client('alice');
    flaky([() => new Response('{"error":{"code":"rate_limited","message":"slow down"}}', { status: 429, headers: { 'Retry-After': '1' } })]);
    const started = Date.now();
    await alice.get('/api/comments', { subject: uniqueSubject('rate') });
    assert(Date.now() - started >= 900, 'waited for Retry-After');
    window.fetch = realFetch;
    try {
      await alice.request('PATCH', '/api/comments/:id', { query: { id: '00000000-0000-4000-8000-000000000000' }, body: { body: 'x' } });
      throw new Error('should have failed');
    } catch (error) {
      assert(error instanceof ApiError, 'an ApiError');
      equal(error.status, 404);
      equal(error.code, 'not_found');
    }
  });
});
