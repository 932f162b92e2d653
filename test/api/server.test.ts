import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { after, describe, test } from 'node:test';
import { signToken } from '../../api/identity/token.ts';
import { postgresUrl, testDatabaseKind } from '../support/database.ts';
import { runUntilExit, serverStorage, startServerProcess, type ServerProcess } from '../support/server-process.ts';

/** The server as `npm start` runs it: a process of its own, its database, its signals. */
const SECRET = 'server-test-secret-long-enough-for-hs256';
const tokenEnv = { RUCHE_JWT_SECRET: SECRET, RUCHE_LOG: 'info' };
const kind = testDatabaseKind();
const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function started(env: Record<string, string>): Promise<ServerProcess> {
  const server = await startServerProcess(env);
  cleanups.push(() => server.stop('SIGKILL'));
  return server;
}

async function storage() {
  const s = await serverStorage();
  cleanups.push(() => s.dispose());
  return s;
}

const bearer = async (sub: string) => ({ authorization: `Bearer ${await signToken({ sub, name: sub }, SECRET)}` });

describe('the server process', () => {
  test('answers /api/health with the database in use and the schema version', async () => {
    const { env } = await storage();
    const server = await started({ ...env, ...tokenEnv });
    const health = await (await fetch(`${server.url}/api/health`)).json();
    assert.equal(health.status, 'ok');
    assert.equal(health.database.kind, kind === 'postgres' ? 'postgresql' : 'embedded');
    assert.ok(health.database.schemaVersion >= 1);
    assert.equal(await server.stop(), 0, 'SIGTERM ends it cleanly');
  });

  test('data survives a restart', async () => {
    const { env } = await storage();
    let server = await started({ ...env, ...tokenEnv });
    const created = await fetch(`${server.url}/api/spaces`, {
      method: 'POST',
      headers: { ...(await bearer('alice')), 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'persistent', name: 'Persistent', visibility: 'open' }),
    });
    assert.equal(created.status, 201);
    assert.equal(await server.stop(), 0);

    server = await started({ ...env, ...tokenEnv });
    const found = await fetch(`${server.url}/api/spaces/persistent`, { headers: await bearer('alice') });
    assert.equal(found.status, 200);
    assert.equal((await found.json()).myRole, 'steward');
  });

  test('refuses demo identities on a public address', async () => {
    const { env } = await storage();
    const { code, output } = await runUntilExit({ ...env, HOST: '0.0.0.0' });
    assert.equal(code, 2);
    assert.match(output, /Refusing to start in demo mode on 0\.0\.0\.0/);
  });

  test('SIGTERM lets a request in flight finish before the process ends', async () => {
    const { env } = await storage();
    const server = await started({ ...env, ...tokenEnv });
    const body = JSON.stringify({ slug: 'in-flight', name: 'Sent during shutdown', visibility: 'open' });
    const url = new URL(`${server.url}/api/spaces`);
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      void bearer('alice').then((auth) => {
        const req = httpRequest(
          { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
          (res) => {
            let text = '';
            res.on('data', (chunk) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode!, text }));
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 10)); // the request has begun…
        setTimeout(() => {
          server.child.kill('SIGTERM'); // …the server is asked to stop…
          setTimeout(() => req.end(body.slice(10)), 300); // …and the request finishes after that.
        }, 300);
      });
    });
    const { status, text } = await answer;
    assert.equal(status, 201, text);
    assert.equal(await server.exited, 0, 'and then it ends by itself');
  });

  if (kind === 'embedded') {
    test('refuses to open a data folder that another live process holds', async () => {
      const { env } = await storage();
      await started({ ...env, ...tokenEnv });
      const { code, output } = await runUntilExit({ ...env, ...tokenEnv });
      assert.equal(code, 3);
      assert.match(output, /in use by another Ruche process/);
    });
  }
});

describe('trusted header from the SSO proxy', () => {
  test('is believed from a configured proxy address', async () => {
    const { env } = await storage();
    const server = await started({ ...env, RUCHE_TRUSTED_HEADER: 'X-Remote-User', RUCHE_TRUSTED_PROXIES: '127.0.0.1,::1' });
    const answer = await fetch(`${server.url}/api/me`, { headers: { 'x-remote-user': 'jdupont', 'x-remote-name': 'Jeanne Dupont' } });
    assert.equal(answer.status, 200);
    assert.equal((await answer.json()).name, 'Jeanne Dupont');
  });

  test('is refused from any other address', async () => {
    const { env } = await storage();
    const server = await started({ ...env, RUCHE_TRUSTED_HEADER: 'X-Remote-User', RUCHE_TRUSTED_PROXIES: '10.1.2.3' });
    const answer = await fetch(`${server.url}/api/me`, { headers: { 'x-remote-user': 'jdupont' } });
    assert.equal(answer.status, 401);
    assert.equal((await answer.json()).error.code, 'untrusted_proxy');
  });
});

/** A TCP relay to PostgreSQL that can be cut and restored, as a network or a database restart would. */
async function relayTo(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
  const open = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const drop = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
      }).listen(port, '127.0.0.1', () => resolve());
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (server?.listening) server.close(() => resolve());
      else resolve();
    });
  await open();
  return { port, open, cut };
}

describe('losing the database', { skip: kind === 'embedded' && 'the embedded database lives inside the process' }, () => {
  test('requests answer 503 while PostgreSQL is unreachable, and the server recovers when it returns', async () => {
    const { databaseUrl } = await storage();
    const relay = await relayTo(new URL(postgresUrl()));
    cleanups.push(() => relay.cut());
    const viaRelay = new URL(databaseUrl!);
    viaRelay.host = `127.0.0.1:${relay.port}`;
    const server = await started({ DATABASE_URL: viaRelay.href, ...tokenEnv });
    const headers = await bearer('alice');
    assert.equal((await fetch(`${server.url}/api/spaces`, { headers })).status, 200);

    await relay.cut();
    const down = await fetch(`${server.url}/api/spaces`, { headers });
    assert.equal(down.status, 503);
    assert.equal((await down.json()).error.code, 'database_unavailable');
    assert.equal((await fetch(`${server.url}/api/health`)).status, 503);

    await relay.open();
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
      status = (await fetch(`${server.url}/api/spaces`, { headers })).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(status, 200, 'back once the database is');
    assert.equal(await server.stop(), 0);
  });
});
