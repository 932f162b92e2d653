import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sign } from 'hono/jwt';
import { ConfigError, loadConfig } from '../../api/config.ts';
import { createTestApi, TEST_SECRET, type TestApi } from '../support/api.ts';

let api: TestApi;
before(async () => {
  api = await createTestApi();
});
after(() => api.close());

const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function me(token: string) {
  return api.get('/api/me', { headers: { authorization: `Bearer ${token}` } });
}

describe('signed identity tokens', () => {
  test('a valid token identifies the person, who is created on first sight from the claims', async () => {
    const token = await sign(
      { sub: 'u-100', name: 'Karim Haddad', email: 'karim@example.com', dept: 'Comptabilité', title: 'Comptable', lang: 'fr-FR', exp: now() + 600 },
      TEST_SECRET,
      'HS256',
    );
    const { rows: before } = { rows: await api.db.database.sql`select 1 from people where external_id = 'u-100'` };
    assert.equal(before.length, 0);

    const answer = await me(token);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.name, 'Karim Haddad');
    assert.equal(answer.body.dept, 'Comptabilité');
    assert.equal(answer.body.lang, 'fr');
    assert.equal(answer.body.isGuest, false);

    const again = await me(token);
    assert.equal(again.body.id, answer.body.id, 'the same person on the next request');
    const rows = await api.db.database.sql`select name from people where external_id = 'u-100'`;
    assert.equal(rows.length, 1);
  });

  test('changed claims update the person (the intranet is the source of truth)', async () => {
    const first = await me(await sign({ sub: 'u-101', name: 'Sophie Dubois', title: 'Stagiaire', exp: now() + 600 }, TEST_SECRET, 'HS256'));
    const second = await me(await sign({ sub: 'u-101', name: 'Sophie Dubois', title: 'Chargée de formation', exp: now() + 600 }, TEST_SECRET, 'HS256'));
    assert.equal(second.body.id, first.body.id);
    assert.equal(second.body.title, 'Chargée de formation');
  });

  const refusals: [string, () => Promise<string>, string][] = [
    ['an expired token', () => sign({ sub: 'x', name: 'X', exp: now() - 120 }, TEST_SECRET, 'HS256'), 'token_expired'],
    ['a token not valid yet', () => sign({ sub: 'x', name: 'X', exp: now() + 600, nbf: now() + 3600 }, TEST_SECRET, 'HS256'), 'token_not_yet_valid'],
    ['a token signed with another secret', () => sign({ sub: 'x', name: 'X', exp: now() + 600 }, 'another-secret-of-enough-length-000000', 'HS256'), 'token_signature_invalid'],
    ['an unsigned token (alg: none)', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', name: 'X', exp: now() + 600 })}.`, 'token_algorithm_not_allowed'],
    ['a token signed with another algorithm', () => sign({ sub: 'x', name: 'X', exp: now() + 600 }, TEST_SECRET, 'HS512'), 'token_algorithm_not_allowed'],
    ['a token without exp', () => sign({ sub: 'x', name: 'X' }, TEST_SECRET, 'HS256'), 'token_claims_invalid'],
    ['a token without sub', () => sign({ name: 'X', exp: now() + 600 }, TEST_SECRET, 'HS256'), 'token_claims_invalid'],
    ['two parts only', async () => 'abc.def', 'token_malformed'],
    ['a header that is not JSON', async () => `${Buffer.from('{oops').toString('base64url')}.${b64({})}.sig`, 'token_malformed'],
    ['garbage', async () => 'not a token at all', 'token_malformed'],
  ];
  for (const [what, make, code] of refusals) {
    test(`${what} gets 401 ${code}`, async () => {
      const answer = await me(await make());
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error.code, code);
      assert.match(answer.body.error.message, /\w+/);
      assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer/);
    });
  }

  test('a tampered payload is refused even with a valid-looking signature', async () => {
    const token = await sign({ sub: 'x', name: 'X', exp: now() + 600 }, TEST_SECRET, 'HS256');
    const [header, , signature] = token.split('.');
    const forged = `${header}.${b64({ sub: 'admin', name: 'Admin', admin: true, exp: now() + 600 })}.${signature}`;
    const answer = await me(forged);
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error.code, 'token_signature_invalid');
  });

  test('no token: /api/me asks to sign in', async () => {
    const answer = await api.get('/api/me');
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error.code, 'authentication_required');
  });

  test('a refused token writes no person', async () => {
    const { count: beforeCount } = (await api.db.database.sql<{ count: number }[]>`select count(*)::int as count from people`)[0]!;
    await me(await sign({ sub: 'ghost', name: 'Ghost', exp: now() - 100 }, TEST_SECRET, 'HS256'));
    const { count: afterCount } = (await api.db.database.sql<{ count: number }[]>`select count(*)::int as count from people`)[0]!;
    assert.equal(afterCount, beforeCount);
  });
});

describe('configuration of identity', () => {
  test('demo identities are refused on a public address', () => {
    assert.throws(() => loadConfig({ HOST: '0.0.0.0' }), (error: Error) => error instanceof ConfigError && /Refusing to start in demo mode/.test(error.message));
  });
  test('demo identities are refused when a secret is configured', () => {
    assert.throws(() => loadConfig({ RUCHE_AUTH: 'demo', RUCHE_JWT_SECRET: TEST_SECRET }), ConfigError);
  });
  test('with a secret, the server may listen on any address', () => {
    assert.equal(loadConfig({ HOST: '0.0.0.0', RUCHE_JWT_SECRET: TEST_SECRET }).auth.mode, 'token');
  });
  test('nothing configured on loopback means demo mode', () => {
    assert.equal(loadConfig({}).auth.mode, 'demo');
  });
  test('a trusted header needs the proxies it is believed from', () => {
    assert.throws(() => loadConfig({ RUCHE_TRUSTED_HEADER: 'X-Remote-User' }), /RUCHE_TRUSTED_PROXIES/);
  });
  test('a short secret is refused', () => {
    assert.throws(() => loadConfig({ RUCHE_JWT_SECRET: 'short' }), /at least 32/);
  });
});

describe('demo identity picker', () => {
  let demo: TestApi;
  before(async () => {
    demo = await createTestApi({ RUCHE_JWT_SECRET: '', RUCHE_AUTH: 'demo' });
  });
  after(() => demo.close());

  test('lists demo people and gives a token that identifies the chosen one', async () => {
    const people = await demo.get('/api/demo/people');
    assert.equal(people.status, 200);
    const guest = people.body.people.find((p: { guest: boolean }) => p.guest);
    assert.ok(guest, 'a guest (external partner) is among the demo people');
    const issued = await demo.post('/api/demo/token', { sub: 'karim.haddad' });
    assert.equal(issued.status, 200);
    const whoami = await demo.get('/api/me', { headers: { authorization: `Bearer ${issued.body.token}` } });
    assert.equal(whoami.body.name, 'Karim Haddad');
  });

  test('an unknown demo person is a 404', async () => {
    const answer = await demo.post('/api/demo/token', { sub: 'nobody' });
    assert.equal(answer.status, 404);
  });

  test('the picker does not exist outside demo mode', async () => {
    const answer = await api.get('/api/demo/people');
    assert.equal(answer.status, 404);
  });
});
