import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sign } from 'hono/jwt';
import { ConfigError, loadConfig } from '../../api/config.ts';
import { upsertPerson } from '../../api/people/person.ts';
import { createTestApi, TEST_SECRET, type TestApi } from '../support/api.ts';

let api: TestApi;
const SCIM_TOKEN = 'scim-token-that-is-long-enough-0123456789';
before(async () => {
  api = await createTestApi({ RUCHE_SCIM_TOKEN: SCIM_TOKEN });
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
    ['a token valid for a hundred years', () => sign({ sub: 'x', name: 'X', exp: now() + 100 * 365 * 86400 }, TEST_SECRET, 'HS256'), 'token_lifetime_too_long'],
    ['a token valid for a day (over the 12 h default)', () => sign({ sub: 'x', name: 'X', exp: now() + 86400 }, TEST_SECRET, 'HS256'), 'token_lifetime_too_long'],
    ['a token issued in the future', () => sign({ sub: 'x', name: 'X', iat: now() + 3600, exp: now() + 7200 }, TEST_SECRET, 'HS256'), 'token_issued_in_future'],
    ['a sub with a NUL character', () => sign({ sub: 'ali\u0000ce', name: 'X', exp: now() + 600 }, TEST_SECRET, 'HS256'), 'token_claims_invalid'],
    ['a sub with a line break', () => sign({ sub: 'alice\nadmin', name: 'X', exp: now() + 600 }, TEST_SECRET, 'HS256'), 'token_claims_invalid'],
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

  test('a token valid for 12 hours (the default RUCHE_JWT_MAX_AGE) is accepted; a shorter maximum is applied', async () => {
    const twelveHours = await sign({ sub: 'u-long', name: 'Long', iat: now(), exp: now() + 12 * 3600 }, TEST_SECRET, 'HS256');
    assert.equal((await me(twelveHours)).status, 200);
    const hour = await sign({ sub: 'u-hour', name: 'Hour', exp: now() + 3600 }, TEST_SECRET, 'HS256');
    api.config.auth.jwtMaxAge = 600;
    try {
      const refused = await me(hour);
      assert.equal(refused.status, 401);
      assert.equal(refused.body.error.code, 'token_lifetime_too_long');
      assert.match(refused.body.error.message, /RUCHE_JWT_MAX_AGE/);
    } finally {
      api.config.auth.jwtMaxAge = 12 * 3600;
    }
    assert.equal((await me(hour)).status, 200);
  });

  test('a sub with a control character names the claim, and writes no person', async () => {
    const answer = await me(await sign({ sub: 'bad\u0000sub', name: 'X', exp: now() + 600 }, TEST_SECRET, 'HS256'));
    assert.equal(answer.status, 401);
    assert.match(answer.body.error.message, /\bsub\b/);
    const rows = await api.db.database.sql`select 1 from people where name = 'X' and external_id like 'bad%'`;
    assert.equal(rows.length, 0);
  });

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

describe('what the directory knows stays known', () => {
  test('a guest provisioned by SCIM stays a guest when their token says nothing of it', async () => {
    const created = await api.request('POST', '/scim/v2/Users', {
      headers: { authorization: `Bearer ${SCIM_TOKEN}`, 'content-type': 'application/scim+json' },
      raw: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'partner.vidal', displayName: 'Luc Vidal', userType: 'Partner' }),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));

    const token = await sign({ sub: 'partner.vidal', name: 'Luc Vidal', exp: now() + 600 }, TEST_SECRET, 'HS256');
    const whoami = await me(token);
    assert.equal(whoami.status, 200);
    assert.equal(whoami.body.isGuest, true, 'no guest claim: the directory’s flag holds');
    const [row] = await api.db.database.sql`select is_guest from people where external_id = 'partner.vidal'`;
    assert.equal(row!.isGuest, true);

    const headers = { authorization: `Bearer ${token}` };
    assert.equal((await api.get('/api/spaces/general', { headers })).status, 404, 'an open space is invisible to a guest not added to it');
    assert.deepEqual((await api.get('/api/spaces', { headers })).body.spaces, []);
  });

  test('a token that says guest: false is believed (the intranet is the source of truth)', async () => {
    await api.request('POST', '/scim/v2/Users', {
      headers: { authorization: `Bearer ${SCIM_TOKEN}`, 'content-type': 'application/scim+json' },
      raw: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'hired.partner', displayName: 'Now Hired', userType: 'Guest' }),
    });
    const whoami = await me(await sign({ sub: 'hired.partner', name: 'Now Hired', guest: false, exp: now() + 600 }, TEST_SECRET, 'HS256'));
    assert.equal(whoami.body.isGuest, false);
  });

  test('a person seen again unchanged is not rewritten; a change is written', async () => {
    const sql = api.db.database.sql;
    const claims = { externalId: 'u-steady', name: 'Steady', dept: 'Achats', isAdmin: false, isGuest: undefined };
    const first = await upsertPerson(sql, claims);
    const [before] = await sql`select xmin::text as version, updated_at from people where id = ${first.id}`;
    const again = await upsertPerson(sql, claims);
    assert.equal(again.id, first.id);
    assert.equal(again.dept, 'Achats');
    const [unchanged] = await sql`select xmin::text as version, updated_at from people where id = ${first.id}`;
    assert.deepEqual(unchanged, before, 'the same row version: nothing was written');

    const moved = await upsertPerson(sql, { ...claims, dept: 'Logistique' });
    assert.equal(moved.dept, 'Logistique');
    const [changed] = await sql`select xmin::text as version from people where id = ${first.id}`;
    assert.notEqual(changed!.version, before!.version);
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
  test('RUCHE_TRUSTED_PROXIES entries that are not addresses or ranges stop the start, each named', () => {
    assert.throws(
      () => loadConfig({ RUCHE_TRUSTED_HEADER: 'X-Remote-User', RUCHE_TRUSTED_PROXIES: '10.0.0.5, proxy.intranet, 10.0.0.0/33, ::1/200, 10.1.0.0/16/2' }),
      (error: Error) =>
        error instanceof ConfigError &&
        /RUCHE_TRUSTED_PROXIES/.test(error.message) &&
        /"proxy\.intranet"/.test(error.message) &&
        /"10\.0\.0\.0\/33": its prefix length must be 0 to 32/.test(error.message) &&
        /"::1\/200": its prefix length must be 0 to 128/.test(error.message) &&
        /"10\.1\.0\.0\/16\/2"/.test(error.message) &&
        !/"10\.0\.0\.5"/.test(error.message),
    );
    const ok = loadConfig({ RUCHE_TRUSTED_HEADER: 'X-Remote-User', RUCHE_TRUSTED_PROXIES: '10.0.0.5,10.0.1.0/24,::1,fd00::/8' });
    assert.deepEqual(ok.auth.trustedProxies, ['10.0.0.5', '10.0.1.0/24', '::1', 'fd00::/8']);
  });
  test('RUCHE_JWT_MAX_AGE is read in seconds, 12 hours by default', () => {
    assert.equal(loadConfig({ RUCHE_JWT_SECRET: TEST_SECRET }).auth.jwtMaxAge, 43200);
    assert.equal(loadConfig({ RUCHE_JWT_SECRET: TEST_SECRET, RUCHE_JWT_MAX_AGE: '3600' }).auth.jwtMaxAge, 3600);
    assert.throws(() => loadConfig({ RUCHE_JWT_SECRET: TEST_SECRET, RUCHE_JWT_MAX_AGE: 'forever' }), /RUCHE_JWT_MAX_AGE/);
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

  test('says which demo people steward a space, whichever it is', async () => {
    const steward = async (sub: string) =>
      (await demo.get('/api/demo/people')).body.people.find((p: { sub: string; steward: boolean }) => p.sub === sub).steward as boolean;
    assert.equal(await steward('thomas.moreau'), false);
    const { token } = (await demo.post('/api/demo/token', { sub: 'thomas.moreau' })).body;
    const created = await demo.post('/api/spaces', { slug: 'entrepot-nord', name: 'Entrepôt Nord', visibility: 'secret' }, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(created.status, 201);
    assert.equal(await steward('thomas.moreau'), true);
    assert.ok(!JSON.stringify((await demo.get('/api/demo/people')).body).includes('Entrepôt Nord'), 'the secret space is not named');
  });

  test('an unknown demo person is a 404', async () => {
    const answer = await demo.post('/api/demo/token', { sub: 'nobody' });
    assert.equal(answer.status, 404);
  });

  test('a request that came through a proxy, or under another host name, is refused', async () => {
    for (const header of ['x-forwarded-for', 'x-real-ip', 'forwarded']) {
      const answer = await demo.post('/api/demo/token', { sub: 'karim.haddad' }, { headers: { [header]: header === 'forwarded' ? 'for=203.0.113.7' : '203.0.113.7' } });
      assert.equal(answer.status, 403, header);
      assert.equal(answer.body.error.code, 'demo_local_only');
      assert.match(answer.body.error.message, new RegExp(header));
    }
    const renamed = await demo.app.request('http://ruche.example.com/api/demo/people');
    assert.equal(renamed.status, 403);
    assert.equal((await renamed.json()).error.code, 'demo_local_only');
    const rebound = await demo.app.request('http://127.0.0.1.nip.example/demo/');
    assert.equal(rebound.status, 403, 'pages too, not only the API');
    for (const local of ['http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787', 'http://127.0.0.2']) {
      assert.equal((await demo.app.request(`${local}/api/demo/people`)).status, 200, local);
    }
  });

  test('the picker does not exist outside demo mode', async () => {
    const answer = await api.get('/api/demo/people');
    assert.equal(answer.status, 404);
  });
});

describe('trusted header mode', () => {
  let proxied: TestApi;
  const fromProxy = { remoteAddress: '127.0.0.1' };
  before(async () => {
    proxied = await createTestApi({
      RUCHE_JWT_SECRET: '',
      RUCHE_TRUSTED_HEADER: 'X-Remote-User',
      RUCHE_TRUSTED_PROXIES: '127.0.0.1',
      RUCHE_ORIGINS: 'https://intranet.example.com',
    });
  });
  after(() => proxied.close());

  const join = (sub: string, headers: Record<string, string>) =>
    proxied.request('POST', '/api/spaces/general/join', { ...fromProxy, headers: { 'x-remote-user': sub, ...headers } });
  const count = async (sql: string) => (await proxied.db.database.sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${sql}`))[0]!.n;

  test('a write from another site is refused, before anyone is written', async () => {
    const people = await count('people');
    const memberships = await count('memberships');
    const refused: Record<string, string>[] = [{ origin: 'https://evil.example.net' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }];
    for (const headers of refused) {
      const answer = await join('victim', headers);
      assert.equal(answer.status, 403, JSON.stringify(headers));
      assert.equal(answer.body.error.code, 'cross_origin_write');
    }
    assert.equal(await count('people'), people);
    assert.equal(await count('memberships'), memberships);
    const read = await proxied.request('GET', '/api/me', { ...fromProxy, headers: { 'x-remote-user': 'victim', origin: 'https://evil.example.net' } });
    assert.equal(read.status, 200, 'reads are not refused (CORS keeps their answers from the other site)');
  });

  test('writes from this server’s pages, from RUCHE_ORIGINS, from the Ruche extension, or from no browser at all go through', async () => {
    assert.equal((await join('nadia', { origin: 'https://intranet.example.com', 'sec-fetch-site': 'same-site' })).status, 200);
    assert.equal((await join('marc', { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' })).status, 200);
    assert.equal((await join('karim', { origin: 'https://localhost' })).status, 200, 'behind a TLS proxy the scheme differs, the host does not');
    assert.equal((await join('sophie', {})).status, 200, 'a script without Origin (curl, a batch)');
    // The extension's background sends its own origin, which no page can (its requests are its allow-list's business).
    assert.equal((await join('elodie', { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'sec-fetch-site': 'none' })).status, 200);
    assert.equal((await join('julien', { origin: 'moz-extension://6f1c2a4e-4b3d-4d7a-9a55-0d2c8e6b1f20' })).status, 200);
  });

  test('without X-Remote-Guest, the stored guest flag stays', async () => {
    await proxied.db.database.sql`insert into people (external_id, name, is_guest) values ('lefevre', 'Marc Lefèvre', true)`;
    const whoami = await proxied.request('GET', '/api/me', { ...fromProxy, headers: { 'x-remote-user': 'lefevre', 'x-remote-name': 'Marc Lefèvre' } });
    assert.equal(whoami.status, 200);
    assert.equal(whoami.body.isGuest, true);
    assert.equal((await proxied.request('GET', '/api/spaces/general', { ...fromProxy, headers: { 'x-remote-user': 'lefevre' } })).status, 404);
  });
});
