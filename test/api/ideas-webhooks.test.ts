import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { IdeaDetail, IdeaWebhookPayload } from '../../shared/api-types.ts';
import { guardedLookup } from '../../api/ideas/webhook-targets.ts';
import { resumePendingDeliveries, signature, webhookTiming } from '../../api/ideas/webhooks.ts';
import { createTestApi, type TestApi } from '../support/api.ts';

/**
 * Webhooks: status changes POSTed to another system after the commit, signed, with a timeout and
 * retries, never holding up the request, each delivery recorded so that failures are visible.
 */
let api: TestApi;
let receiver: Server;
let base: string;
const steward = { sub: 'steward', name: 'Carol Animatrice' };
const alice = { sub: 'alice', name: 'Alice Martin' };
const bob = { sub: 'bob', name: 'Bob Durand' };
const SECRET = 'a-shared-secret-of-some-length';

const received: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
const hits = new Map<string, number>();
let slowMs = 0;

before(async () => {
  webhookTiming.timeoutMs = 400;
  webhookTiming.retryDelaysMs = [30, 30];
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const n = (hits.get(path) ?? 0) + 1;
      hits.set(path, n);
      received.push({ path, headers: request.headers, body });
      if (path === '/ok') response.writeHead(204).end();
      else if (path === '/flaky') response.writeHead(n === 1 ? 503 : 200).end('ok');
      else if (path === '/down') response.writeHead(500).end('boom');
      else if (path === '/redirect') response.writeHead(302, { location: `${base}/ok` }).end();
      else if (path === '/slow') setTimeout(() => response.writeHead(200).end(), slowMs);
      else response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  // The receiver runs on this machine, which webhooks may only reach when the administrator lists it.
  api = await createTestApi({ RUCHE_WEBHOOK_HOSTS: '127.0.0.1' });
});
after(async () => {
  await api.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

let spaces = 0;
/** A space of its own with a webhook to `path` and an idea, for each scenario. */
async function scenario(path: string, secret: string | undefined = SECRET) {
  const slug = `hooks-${++spaces}`;
  await api.post('/api/spaces', { slug, name: `Webhooks ${spaces}`, visibility: 'open' }, { as: steward });
  const hook = await api.post('/api/ideas/webhooks', { space: slug, url: `${base}${path}`, ...(secret ? { secret } : {}) }, { as: steward });
  assert.equal(hook.status, 201, JSON.stringify(hook.body));
  const idea = await api.post<IdeaDetail>('/api/ideas', { space: slug, title: `Idée ${spaces}`, description: 'x' }, { as: alice });
  return { slug, hook: hook.body, idea: idea.body };
}

async function settled(webhookId: string, count = 1) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const rows = await api.db.database.sql<{ status: string; attempts: number; lastStatusCode: number | null; lastError: string | null }[]>`
      select status, attempts, last_status_code, last_error from idea_webhook_deliveries where webhook_id = ${webhookId} order by id`;
    if (rows.length >= count && rows.every((r) => r.status !== 'pending')) return rows.map((row) => ({ ...row }));
    if (Date.now() > deadline) throw new Error(`deliveries still pending: ${JSON.stringify(rows)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const decide = (id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  api.post<IdeaDetail>(`/api/ideas/${id}/status`, body, { as: steward, headers });

describe('webhooks', () => {
  test('stewards add one with a secret, shown once; the list shows only its end; others may not look', async () => {
    const { slug, hook } = await scenario('/ok');
    assert.equal(hook.secret, SECRET);
    assert.equal(hook.url, `${base}/ok`);
    const listed = await api.get(`/api/ideas/webhooks?space=${slug}`, { as: steward });
    assert.deepEqual(listed.body.webhooks.map((w: { secretHint: string }) => w.secretHint), ['…ngth']);
    assert.ok(!JSON.stringify(listed.body).includes(SECRET));
    assert.equal((await api.get(`/api/ideas/webhooks?space=${slug}`, { as: bob })).body.error.code, 'steward_only');
    assert.equal((await api.get(`/api/ideas/webhooks/${hook.id}/deliveries`, { as: bob })).status, 403);
    const generated = await scenario('/ok', undefined);
    assert.ok(generated.hook.secret.length >= 24, 'a secret is generated when none is given');
  });

  test('a status change is POSTed, signed with HMAC-SHA256, and recorded as delivered', async () => {
    const { slug, hook, idea } = await scenario('/ok');
    const decided = await decide(idea.id, { status: 'planned', reason: 'Au **printemps**.' });
    assert.equal(decided.status, 200);
    const [delivery] = await settled(hook.id);
    assert.deepEqual(delivery, { status: 'delivered', attempts: 1, lastStatusCode: 204, lastError: null });

    const request = received.filter((r) => r.path === '/ok').at(-1)!;
    assert.equal(request.headers['x-ruche-event'], 'idea.status');
    assert.equal(request.headers['content-type'], 'application/json');
    const timestamp = request.headers['x-ruche-timestamp'] as string;
    assert.ok(Math.abs(Number(timestamp) - Date.now() / 1000) < 60);
    const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${request.body}`).digest('hex')}`;
    assert.equal(request.headers['x-ruche-signature'], expected);
    const payload = JSON.parse(request.body) as IdeaWebhookPayload;
    assert.equal(payload.event, 'idea.status');
    assert.equal(payload.space.slug, slug);
    assert.deepEqual(
      { id: payload.idea.id, status: payload.idea.status, author: payload.idea.author, subjectKey: payload.idea.subjectKey },
      { id: idea.id, status: 'planned', author: { name: 'Alice Martin' }, subjectKey: idea.subjectKey },
    );
    assert.deepEqual({ ...payload.change, at: undefined }, {
      from: 'new',
      to: 'planned',
      reason: 'Au **printemps**.',
      mergedInto: null,
      by: { name: 'Carol Animatrice' },
      at: undefined,
    });

    const log = await api.get(`/api/ideas/webhooks/${hook.id}/deliveries`, { as: steward });
    assert.equal(log.body.deliveries[0].status, 'delivered');
    assert.equal(log.body.deliveries[0].payload.change.to, 'planned');
    const listed = await api.get(`/api/ideas/webhooks?space=${slug}`, { as: steward });
    assert.equal(listed.body.webhooks[0].lastDelivery.status, 'delivered');
  });

  test('the request does not wait for the other system', async () => {
    slowMs = 1500;
    webhookTiming.timeoutMs = 5000;
    try {
      const { hook, idea } = await scenario('/slow');
      const started = Date.now();
      const decided = await decide(idea.id, { status: 'under_review' });
      assert.equal(decided.status, 200);
      assert.ok(Date.now() - started < 1000, `the answer took ${Date.now() - started} ms`);
      const [delivery] = await settled(hook.id);
      assert.equal(delivery!.status, 'delivered');
    } finally {
      slowMs = 0;
      webhookTiming.timeoutMs = 400;
    }
  });

  test('a failure is retried; one that lasts is recorded as failed, with why', async () => {
    const flaky = await scenario('/flaky');
    await decide(flaky.idea.id, { status: 'planned' });
    assert.deepEqual(await settled(flaky.hook.id), [{ status: 'delivered', attempts: 2, lastStatusCode: 200, lastError: null }]);

    const down = await scenario('/down');
    await decide(down.idea.id, { status: 'planned' });
    assert.deepEqual(await settled(down.hook.id), [{ status: 'failed', attempts: 3, lastStatusCode: 500, lastError: 'HTTP 500' }]);
    const listed = await api.get(`/api/ideas/webhooks?space=${down.slug}`, { as: steward });
    assert.equal(listed.body.webhooks[0].lastDelivery.status, 'failed');

    slowMs = 2000;
    try {
      const slow = await scenario('/slow');
      await decide(slow.idea.id, { status: 'planned' });
      const [timedOut] = await settled(slow.hook.id);
      assert.equal(timedOut!.status, 'failed');
      assert.equal(timedOut!.lastError, 'no answer within 400 ms');
    } finally {
      slowMs = 0;
    }

    const redirected = await scenario('/redirect');
    await decide(redirected.idea.id, { status: 'planned' });
    const [delivery] = await settled(redirected.hook.id);
    assert.equal(delivery!.status, 'failed', 'a redirect is not followed');
    assert.equal(delivery!.lastStatusCode, 302);

    const nobody = await scenario('/ok');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await api.db.database.sql`update idea_webhooks set url = ${`http://127.0.0.1:${port}/`} where id = ${nobody.hook.id}`;
    await decide(nobody.idea.id, { status: 'planned' });
    const [refused] = await settled(nobody.hook.id);
    assert.equal(refused!.status, 'failed');
    assert.equal(refused!.lastStatusCode, null);
    assert.match(refused!.lastError!, /ECONNREFUSED/);
  });

  test('a delivery a stopped server left pending is taken up again (once), an old one given up, a fresh one left to its process', async () => {
    const { hook } = await scenario('/ok');
    const sql = api.db.database.sql;
    const payload = { event: 'idea.status_changed', note: 'laissée en attente' };
    const [left, old, fresh] = await sql<{ id: string }[]>`
      insert into idea_webhook_deliveries (webhook_id, event, payload, attempts, created_at, last_attempt_at)
      values (${hook.id}, 'idea.status_changed', ${sql.json(payload)}, 1, now() - interval '5 minutes', now() - interval '4 minutes'),
             (${hook.id}, 'idea.status_changed', ${sql.json(payload)}, 0, now() - interval '2 days', null),
             (${hook.id}, 'idea.status_changed', ${sql.json(payload)}, 1, now() - interval '10 seconds', now() - interval '5 seconds')
      returning id::text as id`;
    const before = received.length;
    const resumed = await Promise.all([resumePendingDeliveries(sql, ['127.0.0.1']), resumePendingDeliveries(sql, ['127.0.0.1'])]);
    assert.equal(resumed[0] + resumed[1], 1, 'claimed by one process only');
    const rows = async () => Object.fromEntries((await sql<{ id: string; status: string; attempts: number; lastError: string | null }[]>`
      select id::text as id, status, attempts, last_error from idea_webhook_deliveries where id in (${left!.id}, ${old!.id}, ${fresh!.id})`).map((r) => [r.id, r]));
    for (let i = 0; i < 100 && (await rows())[left!.id]!.status === 'pending'; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const after = await rows();
    assert.deepEqual([after[left!.id]!.status, after[left!.id]!.attempts], ['delivered', 2]);
    assert.equal(after[old!.id]!.status, 'failed');
    assert.match(after[old!.id]!.lastError!, /over a day old/);
    assert.equal(after[fresh!.id]!.status, 'pending', 'a live process may still be retrying it');
    const got = received.slice(before).filter((r) => r.headers['x-ruche-delivery'] === left!.id);
    assert.equal(got.length, 1);
    const { body, headers } = got[0]!;
    assert.deepEqual(JSON.parse(body), payload);
    assert.equal(headers['x-ruche-signature'], signature(hook.secret, String(headers['x-ruche-timestamp']), body), 'signed as any delivery');
    await sql`delete from idea_webhook_deliveries where id = ${fresh!.id}`;
  });

  test('a retried request delivers once; a refused change delivers nothing', async () => {
    const { hook, idea } = await scenario('/ok');
    const headers = { 'idempotency-key': 'decide-once' };
    assert.equal((await decide(idea.id, { status: 'done' }, headers)).status, 200);
    const replay = await decide(idea.id, { status: 'done' }, headers);
    assert.equal(replay.headers.get('idempotency-replayed'), 'true');
    assert.equal((await decide(idea.id, { status: 'declined' })).status, 400);
    assert.equal((await settled(hook.id)).length, 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal((await settled(hook.id)).length, 1);
  });

  test('merges are status changes too, and anonymous authors are never sent', async () => {
    const { slug, hook, idea: original } = await scenario('/ok');
    const { version } = (await api.get(`/api/ideas/policy?space=${slug}`, { as: alice })).body;
    const duplicate = await api.post<IdeaDetail>(
      '/api/ideas',
      { space: slug, title: 'Doublon anonyme', description: 'x', anonymous: true, policyVersion: version },
      { as: alice },
    );
    await api.post(`/api/ideas/${duplicate.body.id}/merge`, { into: original.id }, { as: steward });
    await settled(hook.id);
    const payload = JSON.parse(received.filter((r) => r.path === '/ok').at(-1)!.body) as IdeaWebhookPayload;
    assert.equal(payload.idea.id, duplicate.body.id);
    assert.equal(payload.idea.author, null);
    assert.ok(!JSON.stringify(payload).includes('Alice'));
    assert.equal(payload.change.to, 'merged');
    assert.equal(payload.change.mergedInto?.id, original.id);
  });

  test('removed webhooks receive nothing more; only stewards remove them', async () => {
    const { hook, idea } = await scenario('/ok');
    assert.equal((await api.request('DELETE', `/api/ideas/webhooks/${hook.id}`, { as: bob })).status, 403);
    assert.equal((await api.request('DELETE', `/api/ideas/webhooks/${hook.id}`, { as: steward })).status, 204);
    const before = received.length;
    await decide(idea.id, { status: 'planned' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(received.length, before);
    assert.equal((await api.get(`/api/ideas/webhooks/${hook.id}/deliveries`, { as: steward })).status, 404);
  });
});

describe('where webhooks may post', () => {
  const refused = async (target: TestApi, url: string) => {
    const answer = await target.post<{ error: { code: string; message: string } }>('/api/ideas/webhooks', { space: 'cibles', url }, { as: steward });
    return answer.status === 422 && answer.body.error.code === 'webhook_target_refused' ? answer.body.error.message : null;
  };

  test('by default, anywhere but the machine Ruche runs on and link-local addresses (cloud metadata)', async () => {
    const plain = await createTestApi();
    try {
      await plain.post('/api/spaces', { slug: 'cibles', name: 'Cibles', visibility: 'open' }, { as: steward });
      for (const url of ['http://127.0.0.1:5432/', 'http://localhost:8787/api', 'http://app.localhost/', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/', 'http://0.0.0.0:22/', 'http://[::ffff:127.0.0.1]/']) {
        assert.ok(await refused(plain, url), `${url} refused`);
      }
      const [stored] = await plain.db.database.sql<{ count: number }[]>`select count(*)::int as count from idea_webhooks`;
      assert.equal(stored!.count, 0, 'nothing stored');
      const intranet = await plain.post('/api/ideas/webhooks', { space: 'cibles', url: 'https://outils.hexagone.example/hooks/idees' }, { as: steward });
      assert.equal(intranet.status, 201, 'an intranet host is where webhooks go');
    } finally {
      await plain.close();
    }
  });

  test('a delivery connects only to addresses checked as it connects (no rebinding a name between check and connection)', async () => {
    const connect = (allowed: string[]) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
        guardedLookup(allowed)('localhost', { all: true }, (error, address) => resolve({ error, address })),
      );
    const refusedHere = await connect([]);
    assert.equal(refusedHere.error?.code, 'EREFUSED_TARGET');
    assert.match(refusedHere.error!.message, /localhost resolves to/);
    const listedHere = await connect(['localhost']);
    assert.equal(listedHere.error, null, 'a host the administrator listed is not checked');
    assert.ok(Array.isArray(listedHere.address) && listedHere.address.length > 0);
  });

  test('with RUCHE_WEBHOOK_HOSTS, only the hosts listed (names or *.domain)', async () => {
    const narrowed = await createTestApi({ RUCHE_WEBHOOK_HOSTS: '*.hexagone.example, hooks.partner.example' });
    try {
      await narrowed.post('/api/spaces', { slug: 'cibles', name: 'Cibles', visibility: 'open' }, { as: steward });
      assert.match((await refused(narrowed, 'https://other.example/hook'))!, /RUCHE_WEBHOOK_HOSTS/);
      assert.ok(await refused(narrowed, 'https://hexagone.example.evil.example/hook'), 'a suffix is not a domain');
      assert.ok(await refused(narrowed, 'http://127.0.0.1:9/'), 'nor this machine, unlisted');
      for (const url of ['https://rh.hexagone.example/hook', 'https://HOOKS.partner.example:8443/x']) {
        assert.equal((await narrowed.post('/api/ideas/webhooks', { space: 'cibles', url }, { as: steward })).status, 201, url);
      }
    } finally {
      await narrowed.close();
    }
  });
});
