import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DataFolderBusyError, lockDataFolder, processStartTime } from '../../api/db/data-lock.ts';
import { startEmbeddedServer } from '../../api/db/embedded.ts';
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

  test('a request whose body comes slowly holds no database connection: others are answered meanwhile', async () => {
    const { env } = await storage();
    const server = await started({ ...env, ...tokenEnv });
    const url = new URL(server.url);
    const body = JSON.stringify({ slug: 'slow-body', name: 'Sent slowly', visibility: 'open' });
    const socket = connect(Number(url.port), url.hostname);
    cleanups.push(async () => socket.destroy());
    await once(socket, 'connect');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    const { authorization } = await bearer('alice');
    socket.write(
      `POST /api/spaces HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: ${authorization}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 8)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 500)); // the server is now waiting for the rest

    // With one database connection (embedded), a transaction opened before the body arrived would stall this.
    const health = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(20_000) });
    assert.equal(health.status, 200);
    const spaces = await fetch(`${server.url}/api/spaces`, { headers: await bearer('bob'), signal: AbortSignal.timeout(20_000) });
    assert.equal(spaces.status, 200);

    socket.write(body.slice(8));
    await once(socket, 'close'); // the server closes it after its answer (Connection: close)
    assert.match(answer, /^HTTP\/1\.1 201 /, answer);
  });

  test('an unreachable DATABASE_URL ends the start with a sentence, not a stack trace', async () => {
    const { code, output } = await runUntilExit({ ...tokenEnv, DATABASE_URL: 'postgres://ruche:hunter2-secret@127.0.0.1:1/ruche' });
    assert.equal(code, 4, output);
    assert.match(output, /PostgreSQL at 127\.0\.0\.1:1\/ruche cannot be reached/);
    assert.doesNotMatch(output, /hunter2/, 'the password is not printed');
    assert.doesNotMatch(output, /^\s+at /m, 'no stack trace');
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

describe('the data folder lock', () => {
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ruche-lock-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  const leave = (dir: string, owner: object | string) =>
    writeFileSync(join(dir, 'ruche.lock'), typeof owner === 'string' ? owner : JSON.stringify(owner));
  const hasProc = existsSync('/proc/self/stat');

  const ns = hasProc ? readlinkSync('/proc/self/ns/pid') : undefined;
  const longAgo = (dir: string) => utimesSync(join(dir, 'ruche.lock'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));

  test('a lock left with this very pid in this pid namespace (a restart after a kill -9) is taken over at once', { skip: !hasProc && 'no /proc here' }, () => {
    const dir = folder();
    leave(dir, { pid: process.pid, host: hostname(), started: '1', ns });
    const lock = lockDataFolder(dir);
    const owner = JSON.parse(readFileSync(join(dir, 'ruche.lock'), 'utf8'));
    assert.equal(owner.pid, process.pid);
    assert.equal(owner.started, processStartTime(process.pid));
    assert.equal(owner.ns, ns);
    lock.release();
    assert.deepEqual(readdirSync(dir), [], 'released, and no temporary file left');
  });

  test('a lock from another pid namespace, or an older Ruche, is judged by its heartbeat: taken once silent', () => {
    for (const left of [
      { pid: process.pid, host: hostname(), started: '1', ns: 'pid:[1]' }, // a container restarted (a new namespace), or another one on this volume
      { pid: process.pid, host: hostname(), started: '1' },
      `${process.pid}@${hostname()}`,
    ]) {
      const dir = folder();
      leave(dir, left);
      longAgo(dir);
      lockDataFolder(dir).release();
    }
  });

  test('a lock from another pid namespace that its owner keeps refreshing is refused', async () => {
    const dir = folder();
    leave(dir, { pid: 1, host: hostname(), started: '1', ns: 'pid:[1]' });
    // Another container's Ruche, on the same volume and hostname: alive, it refreshes the lock's time.
    const owner = spawn(process.execPath, ['-e', `const fs = require('node:fs'); setInterval(() => fs.utimesSync(${JSON.stringify(join(dir, 'ruche.lock'))}, new Date(), new Date()), 50)`]);
    cleanups.push(async () => owner.kill('SIGKILL'));
    await once(owner, 'spawn');
    assert.throws(() => lockDataFolder(dir, { silentMs: 600 }), DataFolderBusyError);
    owner.kill('SIGKILL');
    await once(owner, 'exit');
    lockDataFolder(dir, { silentMs: 600 }).release(); // once it stops: silent, then taken over
  });

  test('the holder refreshes its lock’s time', async () => {
    const dir = folder();
    const lock = lockDataFolder(dir, { heartbeatMs: 50 });
    utimesSync(join(dir, 'ruche.lock'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(Date.now() - statSync(join(dir, 'ruche.lock')).mtimeMs < 5_000);
    lock.release();
  });

  test('a folder this process holds is refused to it a second time', () => {
    const dir = folder();
    const lock = lockDataFolder(dir);
    assert.throws(() => lockDataFolder(dir), DataFolderBusyError);
    lock.release();
    lockDataFolder(dir).release();
  });

  test('a lock whose process is gone is taken over', { skip: !hasProc && 'no /proc here' }, async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    await once(child, 'exit');
    const dir = folder();
    leave(dir, { pid: child.pid, host: hostname(), started: '1', ns });
    lockDataFolder(dir).release();
  });

  test('a lock held by a live process is refused; by another host, it is not judged', { skip: !hasProc && 'no /proc here' }, async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    cleanups.push(async () => child.kill('SIGKILL'));
    await once(child, 'spawn');
    const started = processStartTime(child.pid!);
    assert.ok(started);
    const dir = folder();
    leave(dir, { pid: child.pid, host: hostname(), started, ns });
    assert.throws(() => lockDataFolder(dir), (error: Error) => error instanceof DataFolderBusyError && error.message.includes(`pid ${child.pid}`));
    leave(dir, { pid: child.pid, host: 'another-host', started: '1' });
    assert.throws(() => lockDataFolder(dir), DataFolderBusyError);

    // The same pid, started at another time: the pid was given to another process since.
    leave(dir, { pid: child.pid, host: hostname(), started: String(Number(started) - 1), ns });
    const lock = lockDataFolder(dir);
    assert.equal(JSON.parse(readFileSync(join(dir, 'ruche.lock'), 'utf8')).pid, process.pid);
    lock.release();
  });

  if (kind === 'embedded') {
    test('an embedded database that dies is reported, and its folder freed', async () => {
      const dir = folder();
      let reported: (reason: string) => void = () => {};
      const died = new Promise<string>((resolve) => (reported = resolve));
      const embedded = await startEmbeddedServer({ dataDir: dir, onUnexpectedExit: (reason) => reported(reason) });
      assert.ok(existsSync(join(dir, 'ruche.lock')));
      await embedded.worker.terminate(); // as a crash of PGlite would end it
      assert.match(await died, /exit/);
      assert.ok(!existsSync(join(dir, 'ruche.lock')), 'the lock is released for the next process');
      await embedded.stop(); // and stopping it afterwards does not hang
      lockDataFolder(dir).release();
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
