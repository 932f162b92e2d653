import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../api/config.ts';
import { createTestApi, type TestApi } from '../support/api.ts';

/**
 * SCIM 2.0 provisioning: what an identity provider (Okta, Entra ID…) does, request by request.
 * The server is configured with RUCHE_SCIM_TOKEN, the identity provider's own bearer token.
 */
let api: TestApi;
const TOKEN = 'scim-token-that-is-long-enough-0123456789';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function scim(method: string, path: string, body?: unknown, token: string | null = TOKEN) {
  const headers: Record<string, string> = { 'content-type': 'application/scim+json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return api.request(method, `/scim/v2${path}`, { headers, raw: body === undefined ? undefined : JSON.stringify(body) });
}

function assertScimError(answer: { status: number; body: any; headers: Headers }, status: number, scimType?: string) {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.match(answer.headers.get('content-type') ?? '', /^application\/scim\+json/);
  assert.deepEqual(answer.body.schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
  assert.equal(answer.body.status, String(status));
  assert.equal(typeof answer.body.detail, 'string');
  if (scimType) assert.equal(answer.body.scimType, scimType);
}

const jeanne = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  userName: 'jdupont',
  externalId: 'okta-00u1',
  name: { givenName: 'Jeanne', familyName: 'Dupont' },
  emails: [{ value: 'jeanne.dupont@hexagone.example', type: 'work', primary: true }],
  title: 'Acheteuse',
  phoneNumbers: [{ value: '+33 1 23 45 67 89', type: 'work' }],
  [ENTERPRISE]: { department: 'Achats', manager: { value: 'x' } },
};

async function rowCount() {
  const [row] = await api.db.database.sql`select (select count(*) from people)::int as people, (select count(*) from scim_users)::int as links,
    (select string_agg(external_id || name || coalesce(email, '') || coalesce(title, '') || coalesce(dept, '') || active, ',' order by external_id) from people) as content`;
  return row;
}

before(async () => {
  api = await createTestApi({ RUCHE_SCIM_TOKEN: TOKEN });
});
after(() => api.close());

describe('the SCIM door', () => {
  test('without a configured token, provisioning is off and says so', async () => {
    api.config.scimToken = undefined;
    try {
      const off = await scim('GET', '/Users');
      assertScimError(off, 501);
      assert.match(off.body.detail, /RUCHE_SCIM_TOKEN/);
    } finally {
      api.config.scimToken = TOKEN;
    }
    assert.throws(() => loadConfig({ RUCHE_SCIM_TOKEN: 'short' }), /at least 32 characters/);
  });

  test('a missing or wrong token is refused', async () => {
    const missing = await scim('GET', '/Users', undefined, null);
    assertScimError(missing, 401);
    assert.match(missing.headers.get('www-authenticate') ?? '', /^Bearer/);
    assertScimError(await scim('GET', '/Users', undefined, `${TOKEN}x`), 401);
    assertScimError(await scim('GET', '/Users', undefined, 'x'), 401);
    const identityToken = await api.token({ sub: 'someone', admin: true });
    assertScimError(await scim('GET', '/Users', undefined, identityToken), 401, undefined);
  });

  test('the service describes itself', async () => {
    const { status, body, headers } = await scim('GET', '/ServiceProviderConfig');
    assert.equal(status, 200);
    assert.match(headers.get('content-type') ?? '', /^application\/scim\+json/);
    assert.equal(body.patch.supported, true);
    assert.equal(body.filter.supported, true);
    assert.equal(body.bulk.supported, false);
  });

  test('an unknown SCIM route is a SCIM 404', async () => {
    assertScimError(await scim('GET', '/Groups'), 404);
  });
});

describe('provisioning users', () => {
  let id = '';

  test('an identity provider creates a user; unknown attributes are ignored', async () => {
    const created = await scim('POST', '/Users', jeanne);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    id = created.body.id;
    assert.equal(created.headers.get('location'), `http://localhost/scim/v2/Users/${id}`);
    assert.equal(created.body.userName, 'jdupont');
    assert.equal(created.body.externalId, 'okta-00u1');
    assert.equal(created.body.displayName, 'Jeanne Dupont');
    assert.equal(created.body.active, true);
    assert.deepEqual(created.body.emails, [{ value: 'jeanne.dupont@hexagone.example', type: 'work', primary: true }]);
    assert.deepEqual(created.body[ENTERPRISE], { department: 'Achats' });
    assert.equal(created.body.meta.resourceType, 'User');
    const read = await scim('GET', `/Users/${id}`);
    assert.deepEqual(read.body, created.body);
  });

  test('the same person later signs in with a token: one row, the intranet’s words win', async () => {
    const me = await api.get('/api/me', { as: { sub: 'jdupont', name: 'Jeanne DUPONT' } });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, id);
    assert.equal(me.body.name, 'Jeanne DUPONT');
    assert.equal(me.body.dept, 'Achats', 'what the token does not say is kept');
    const { count } = (await api.db.database.sql<{ count: number }[]>`select count(*)::int as count from people where lower(external_id) = 'jdupont'`)[0]!;
    assert.equal(count, 1);
  });

  test('a profile exists before its owner posts anything', async () => {
    const { body } = await api.get('/api/experts/people?externalId=jdupont', { as: { sub: 'colleague', name: 'A Colleague' } });
    assert.equal(body.people[0].person.title, 'Acheteuse');
    assert.equal(body.people[0].contact.email, 'jeanne.dupont@hexagone.example');
  });

  test('userName is unique', async () => {
    const before = await rowCount();
    assertScimError(await scim('POST', '/Users', { ...jeanne, externalId: 'okta-other' }), 409, 'uniqueness');
    assert.deepEqual(await rowCount(), before);
  });

  test('userName is matched exactly, as sign-in matches the token’s sub: another case is another user', async () => {
    const other = await scim('POST', '/Users', { userName: 'JDupont', displayName: 'Jules Dupont' });
    assert.equal(other.status, 201, JSON.stringify(other.body));
    assert.notEqual(other.body.id, id);
    const signedIn = await api.get('/api/me', { as: { sub: 'JDupont', name: 'Jules Dupont' } });
    assert.equal(signedIn.body.id, other.body.id, 'the token with that exact sub is that user, not Jeanne');
    const lookUp = async (userName: string) =>
      (await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`)).body.Resources.map((r: { id: string }) => r.id);
    assert.deepEqual(await lookUp('jdupont'), [id]);
    assert.deepEqual(await lookUp('JDupont'), [other.body.id]);
    assert.deepEqual(await lookUp('JDUPONT'), []);
    assert.equal((await scim('DELETE', `/Users/${other.body.id}`)).status, 204);
  });

  test('list with filter userName eq, as providers look users up', async () => {
    await scim('POST', '/Users', { userName: 'mleroy', displayName: 'Marc Leroy', emails: [{ value: 'marc@hexagone.example' }] });
    const found = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "jdupont"')}`);
    assert.equal(found.status, 200);
    assert.deepEqual(found.body.schemas, ['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
    assert.equal(found.body.totalResults, 1);
    assert.equal(found.body.startIndex, 1);
    assert.equal(found.body.itemsPerPage, 1);
    assert.equal(found.body.Resources[0].id, id);
    const none = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "nobody"')}`);
    assert.deepEqual([none.body.totalResults, none.body.Resources], [0, []]);
    const byExternal = await scim('GET', `/Users?filter=${encodeURIComponent('externalId eq "okta-00u1"')}`);
    assert.equal(byExternal.body.Resources[0].userName, 'jdupont');
    const quoted = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "a\\"b"')}`);
    assert.equal(quoted.body.totalResults, 0);
  });

  test('pages of users with startIndex and count', async () => {
    for (let i = 0; i < 4; i++) await scim('POST', '/Users', { userName: `page-${i}`, displayName: `Page ${i}` });
    const all = await scim('GET', '/Users');
    const total = all.body.totalResults;
    assert.ok(total >= 6);
    const page = await scim('GET', '/Users?startIndex=2&count=2');
    assert.equal(page.body.totalResults, total);
    assert.equal(page.body.startIndex, 2);
    assert.equal(page.body.itemsPerPage, 2);
    assert.deepEqual(page.body.Resources.map((r: { id: string }) => r.id), all.body.Resources.slice(1, 3).map((r: { id: string }) => r.id));
    const beyond = await scim('GET', `/Users?startIndex=${total + 5}`);
    assert.deepEqual([beyond.body.totalResults, beyond.body.itemsPerPage], [total, 0]);
  });

  test('unsupported filters are refused in SCIM’s words', async () => {
    assertScimError(await scim('GET', `/Users?filter=${encodeURIComponent('userName sw "j"')}`), 400, 'invalidFilter');
    assertScimError(await scim('GET', `/Users?filter=${encodeURIComponent('title eq "x"')}`), 400, 'invalidFilter');
  });

  test('replace (PUT): what is not sent is cleared, except active and the guest flag', async () => {
    const replaced = await scim('PUT', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'jdupont',
      displayName: 'Jeanne Dupont-Martin',
      title: 'Responsable achats',
    });
    assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
    assert.equal(replaced.body.displayName, 'Jeanne Dupont-Martin');
    assert.equal(replaced.body.title, 'Responsable achats');
    assert.deepEqual(replaced.body.emails, []);
    assert.deepEqual(replaced.body[ENTERPRISE], {});
    assert.equal(replaced.body.active, true);
    assert.equal(replaced.body.externalId, undefined);
    assertScimError(await scim('PUT', `/Users/${id}`, { userName: 'mleroy' }), 409, 'uniqueness');
  });

  test('PATCH active=false deactivates: the person can no longer sign in', async () => {
    const patched = await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.active, false);
    // (A different name makes a fresh sign-in: identities are cached for up to a minute per process.)
    const refused = await api.get('/api/me', { as: { sub: 'jdupont', name: 'Jeanne D.' } });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'account_disabled');
    assert.equal((await api.get(`/api/experts/people/${id}`, { as: { sub: 'colleague', name: 'A Colleague' } })).status, 404, 'nor be found');

    // Azure AD's way: a string, and a capitalised op.
    const azure = await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] });
    assert.equal(azure.body.active, true);
    // Okta's way: no path, an object of attributes.
    const okta = await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] });
    assert.equal(okta.body.active, false);
    const [row] = await api.db.database.sql`select active from people where id = ${id}`;
    assert.equal(row!.active, false);
  });

  test('PATCH other attributes by path', async () => {
    const patched = await scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'jeanne@hexagone.example' },
        { op: 'add', path: `${ENTERPRISE}:department`, value: 'Direction des achats' },
        { op: 'replace', path: 'name.familyName', value: 'Martin' },
        { op: 'replace', path: 'name.givenName', value: 'Jeanne' },
        { op: 'remove', path: 'title' },
        { op: 'add', path: 'phoneNumbers', value: [{ value: '+33 6' }] },
      ],
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.emails[0].value, 'jeanne@hexagone.example');
    assert.deepEqual(patched.body[ENTERPRISE], { department: 'Direction des achats' });
    assert.equal(patched.body.displayName, 'Jeanne Martin');
    assert.equal(patched.body.title, undefined);
  });

  test('a bad PATCH is refused and changes nothing', async () => {
    const before = await rowCount();
    assertScimError(await scim('PATCH', `/Users/${id}`, { Operations: [{ op: 'replace', path: 'salary', value: 1 }] }), 400, 'invalidPath');
    assertScimError(await scim('PATCH', `/Users/${id}`, { Operations: [{ op: 'move', path: 'title', value: 'x' }] }), 400, 'invalidSyntax');
    assertScimError(await scim('PATCH', `/Users/${id}`, { Operations: [] }), 400, 'invalidSyntax');
    assertScimError(await scim('PATCH', `/Users/${id}`, { Operations: [{ op: 'remove', path: 'userName' }] }), 400, 'mutability');
    assertScimError(
      await scim('PATCH', `/Users/${id}`, { Operations: [{ op: 'replace', path: 'title', value: 'ok' }, { op: 'replace', path: 'emails', value: [{ value: 'not-an-email' }] }] }),
      400,
      'invalidValue',
    );
    assert.deepEqual(await rowCount(), before, 'the valid first operation was not kept either');
  });

  test('bad users are refused in SCIM’s words and change nothing', async () => {
    const before = await rowCount();
    assertScimError(await scim('POST', '/Users', { displayName: 'No userName' }), 400, 'invalidValue');
    assertScimError(await scim('POST', '/Users', { userName: 'x\u0000y' }), 400, 'invalidValue');
    assertScimError(await scim('POST', '/Users', { userName: 'ok', emails: [{ value: 'nope' }] }), 400, 'invalidValue');
    assertScimError(await scim('POST', '/Users', { userName: 'ok', active: 'maybe' }), 400, 'invalidValue');
    assertScimError(await scim('POST', '/Users', [1, 2]), 400, 'invalidSyntax');
    const malformed = await api.request('POST', '/scim/v2/Users', { headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' }, raw: '{"userName":' });
    assertScimError(malformed, 400, 'invalidSyntax');
    const huge = await scim('POST', '/Users', { userName: 'big', displayName: 'x'.repeat(70 * 1024) });
    assertScimError(huge, 413);
    assert.deepEqual(await rowCount(), before);
  });

  test('unknown users are a SCIM 404', async () => {
    assertScimError(await scim('GET', '/Users/00000000-0000-4000-8000-000000000000'), 404);
    assertScimError(await scim('GET', '/Users/not-a-uuid'), 404);
    assertScimError(await scim('PATCH', '/Users/00000000-0000-4000-8000-000000000000', { Operations: [{ op: 'replace', path: 'active', value: false }] }), 404);
  });

  test('DELETE deactivates and keeps what the person wrote; the user is gone for SCIM (404)', async () => {
    const created = await scim('POST', '/Users', { userName: 'leaving', displayName: 'On the Way Out' });
    const userId = created.body.id;
    const author = { sub: 'leaving', name: 'On the Way Out' };
    const comment = await api.post('/api/comments', { subject: 'farewell', body: 'Au revoir !' }, { as: author });
    assert.equal(comment.status, 201);
    const total = (await scim('GET', '/Users')).body.totalResults;
    const deleted = await scim('DELETE', `/Users/${userId}`);
    assert.equal(deleted.status, 204);

    assertScimError(await scim('GET', `/Users/${userId}`), 404);
    assertScimError(await scim('PUT', `/Users/${userId}`, { userName: 'leaving' }), 404);
    assertScimError(await scim('PATCH', `/Users/${userId}`, { Operations: [{ op: 'replace', path: 'active', value: true }] }), 404);
    assertScimError(await scim('DELETE', `/Users/${userId}`), 404);
    const listed = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "leaving"')}`);
    assert.deepEqual([listed.body.totalResults, listed.body.Resources], [0, []]);
    const all = await scim('GET', '/Users');
    assert.equal(all.body.totalResults, total - 1);
    assert.ok(!all.body.Resources.some((r: { id: string }) => r.id === userId));

    const [row] = await api.db.database.sql`select c.author_id, p.active from comments c join people p on p.id = c.author_id where c.id = ${comment.body.id}`;
    assert.deepEqual(row, { authorId: userId, active: false }, 'the person stays, deactivated, with what they wrote');
    const refused = await api.get('/api/me', { as: { sub: 'leaving', name: 'On the Way Out again' } });
    assert.equal(refused.status, 403);
  });

  test('a user created again after DELETE is the same person, active again (201)', async () => {
    const before = await rowCount();
    const back = await scim('POST', '/Users', { userName: 'leaving', displayName: 'Back Again', externalId: 'okta-back' });
    assert.equal(back.status, 201, JSON.stringify(back.body));
    const [person] = await api.db.database.sql`select id from people where external_id = 'leaving'`;
    assert.equal(back.body.id, person!.id, 'no second person: what they wrote is still theirs');
    assert.equal(back.body.active, true);
    assert.equal(back.body.displayName, 'Back Again');
    assert.equal(back.body.externalId, 'okta-back');
    assert.equal(back.headers.get('location'), `http://localhost/scim/v2/Users/${person!.id}`);
    assert.equal((await rowCount())!.people, before!.people);
    assert.deepEqual((await scim('GET', `/Users/${person!.id}`)).body, back.body);
    const signedIn = await api.get('/api/me', { as: { sub: 'leaving', name: 'Back Again' } });
    assert.equal(signedIn.status, 200);
    assertScimError(await scim('POST', '/Users', { userName: 'leaving', displayName: 'Twice' }), 409, 'uniqueness');
  });

  test('a partner pushed as a guest is a guest', async () => {
    const guest = await scim('POST', '/Users', { userName: 'carrosserie-lefevre', displayName: 'Marc Lefèvre', userType: 'External' });
    assert.equal(guest.body.userType, 'Guest');
    const [row] = await api.db.database.sql`select is_guest, is_admin from people where id = ${guest.body.id}`;
    assert.deepEqual(row, { isGuest: true, isAdmin: false });
  });
});
