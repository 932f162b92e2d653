import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sign } from 'hono/jwt';
import { importPeople } from '../../api/directory/import.ts';
import { displayName, MAX_NAME_LENGTH } from '../../api/people/identity-fields.ts';
import { createTestApi, TEST_SECRET, type TestApi } from '../support/api.ts';

/**
 * A person's id and name, wherever they come in (a token, the SSO proxy's header, SCIM, a CSV
 * import): an id that is empty, blank, or holds control characters or broken Unicode is refused
 * and writes no one; a name is trimmed, its spaces made one, and cut at MAX_NAME_LENGTH.
 */
let api: TestApi;
let proxied: TestApi;
const SCIM_TOKEN = 'scim-token-that-is-long-enough-0123456789';
before(async () => {
  api = await createTestApi({ RUCHE_SCIM_TOKEN: SCIM_TOKEN });
  proxied = await createTestApi({ RUCHE_JWT_SECRET: '', RUCHE_TRUSTED_HEADER: 'X-Remote-User', RUCHE_TRUSTED_PROXIES: '127.0.0.1' });
});
after(async () => {
  await api.close();
  await proxied.close();
});

const now = () => Math.floor(Date.now() / 1000);
const token = (claims: Record<string, unknown>) => sign({ exp: now() + 600, ...claims }, TEST_SECRET, 'HS256');
const me = async (claims: Record<string, unknown>) => api.get('/api/me', { headers: { authorization: `Bearer ${await token(claims)}` } });
const peopleCount = async (target: TestApi) => (await target.db.database.sql<{ n: number }[]>`select count(*)::int as n from people`)[0]!.n;

const longName = `${'Marie-Françoise '.repeat(8)}de la Tour d’Auvergne`;
const badIds: [string, string, RegExp][] = [
  ['empty', '', /must not be empty or blank/],
  ['only spaces', '   ', /must not be empty or blank/],
  ['only a tab and a line break', '\t\n', /must not be empty or blank/],
  ['only Unicode spaces and a zero-width space', '\u00A0\u3000\u200B', /must not be empty or blank/],
  ['a NUL character', 'ali\u0000ce', /control characters/],
  ['an escape character', '\u001Balice', /control characters/],
  ['a C1 control (NEL)', 'alice\u0085', /control characters/],
  ['a lone surrogate', 'alice\uD800', /well-formed Unicode/],
  ['a text-direction override', 'alice\u202Eadmin', /text-direction overrides/],
  ['201 characters', 'a'.repeat(201), /at most 200 characters/],
];

describe('a token’s sub', () => {
  for (const [what, sub, reason] of badIds) {
    test(`${what}: 401 token_claims_invalid, saying why, and no one written`, async () => {
      const people = await peopleCount(api);
      const answer = await me({ sub, name: 'X' });
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error.code, 'token_claims_invalid');
      assert.match(answer.body.error.message, /\bsub \(/);
      assert.match(answer.body.error.message, reason);
      assert.equal(await peopleCount(api), people);
    });
  }

  test('spaces around a sub are let go: it is the same person', async () => {
    const plain = await me({ sub: 'u-spaced', name: 'Spaced' });
    const spaced = await me({ sub: '  u-spaced ', name: 'Spaced' });
    assert.equal(spaced.status, 200);
    assert.equal(spaced.body.id, plain.body.id);
  });

  test('a missing sub says it is missing', async () => {
    const answer = await me({ name: 'X' });
    assert.equal(answer.status, 401);
    assert.match(answer.body.error.message, /sub \(.*expected string, received undefined/);
  });
});

describe('a token’s name', () => {
  test('trimmed, its runs of spaces and control characters made one space', async () => {
    const answer = await me({ sub: 'u-name-1', name: '  Jean \t  Dupont\u0007 ' });
    assert.equal(answer.body.name, 'Jean Dupont');
  });

  test(`cut at ${MAX_NAME_LENGTH} characters, never inside a character as people see it`, async () => {
    const answer = await me({ sub: 'u-name-2', name: longName });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.name.length <= MAX_NAME_LENGTH, true);
    assert.ok(longName.startsWith(answer.body.name));
    const family = '👨‍👩‍👧';
    const cut = displayName(`${'a'.repeat(MAX_NAME_LENGTH - 2)}${family}`);
    assert.equal(cut, 'a'.repeat(MAX_NAME_LENGTH - 2), 'the family emoji is not cut in half');
  });

  test('a blank name is refused, saying which claim', async () => {
    const answer = await me({ sub: 'u-name-3', name: ' \u200B ' });
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error.code, 'token_claims_invalid');
    assert.match(answer.body.error.message, /name \(must not be empty or blank\)/);
  });
});

describe('the SSO proxy’s header', () => {
  const fromProxy = (headers: Record<string, string>) => proxied.request('GET', '/api/me', { remoteAddress: '127.0.0.1', headers });

  for (const [what, value] of [['empty', ''], ['only spaces', '   '], ['an escape character', '\u001Bjdupont'], ['a C1 control', 'jdupont\u0085']] as const) {
    test(`${what}: 401 identity_invalid, saying why, and no one written`, async () => {
      const people = await peopleCount(proxied);
      const answer = await fromProxy({ 'x-remote-user': value });
      assert.equal(answer.status, 401, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, 'identity_invalid');
      assert.match(answer.body.error.message, /X-Remote-User header .* (must not be empty or blank|must not contain control characters)/i);
      assert.equal(await peopleCount(proxied), people);
    });
  }

  test('the name header is trimmed and bounded; without one, or blank, the id stands for the name', async () => {
    assert.equal((await fromProxy({ 'x-remote-user': 'hdr-1', 'x-remote-name': '  Marc   Lefèvre ' })).body.name, 'Marc Lefèvre');
    // Header values are bytes: an ASCII name stands for any.
    const asciiName = 'Jean-Baptiste '.repeat(10).trim();
    const long = await fromProxy({ 'x-remote-user': 'hdr-2', 'x-remote-name': asciiName });
    assert.ok(long.body.name.length <= MAX_NAME_LENGTH && asciiName.startsWith(long.body.name));
    assert.equal((await fromProxy({ 'x-remote-user': 'hdr-3', 'x-remote-name': '   ' })).body.name, 'hdr-3');
  });
});

describe('the directory: SCIM and CSV', () => {
  const scim = (body: unknown) =>
    api.request('POST', '/scim/v2/Users', {
      headers: { authorization: `Bearer ${SCIM_TOKEN}`, 'content-type': 'application/scim+json' },
      raw: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], ...(body as object) }),
    });

  for (const [what, userName, reason] of badIds.filter(([what]) => what !== 'a NUL character' && what !== 'a lone surrogate')) {
    test(`a SCIM userName ${what}: 400 saying why, and no one written`, async () => {
      const people = await peopleCount(api);
      const answer = await scim({ userName, displayName: 'X' });
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.match(answer.body.detail, /^userName: /);
      assert.match(answer.body.detail, reason);
      assert.equal(await peopleCount(api), people);
    });
  }

  test('a SCIM displayName is trimmed and bounded like a token’s name; a blank one gives way to the userName', async () => {
    const created = await scim({ userName: 'scim-long', displayName: ` ${longName.slice(0, 150)}  ` });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.ok(created.body.displayName.length <= MAX_NAME_LENGTH);
    assert.ok(longName.startsWith(created.body.displayName));
    const blank = await scim({ userName: 'scim-blank', displayName: '\u200B' });
    assert.equal(blank.status, 201, JSON.stringify(blank.body));
    assert.equal(blank.body.displayName, 'scim-blank');
  });

  test('a CSV row whose id is blank or holds a control character is rejected with its reason; names are bounded', async () => {
    const csv = ['id,name', '"   ",Blank Id', '"ctl\u0007id",Bell', `csv-long,"${longName}"`, '"  csv-ok ","  Anne   Martin "'].join('\n');
    const report = await importPeople(api.db.database.sql, csv);
    assert.deepEqual(
      report.rejected.map((r) => [r.line, r.reasons.join('; ')]),
      [
        [2, 'id: must not be empty or blank'],
        [3, 'id: must not contain control characters'],
      ],
    );
    const rows = await api.db.database.sql<{ externalId: string; name: string }[]>`
      select external_id, name from people where external_id in ('csv-long', 'csv-ok') order by external_id`;
    assert.equal(rows[0]!.name.length <= MAX_NAME_LENGTH && longName.startsWith(rows[0]!.name), true);
    assert.deepEqual(rows[1], { externalId: 'csv-ok', name: 'Anne Martin' });
  });
});
