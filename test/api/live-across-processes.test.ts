import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { LiveEventRow } from '../../api/events/bus.ts';
import { signToken } from '../../api/identity/token.ts';
import { createTestApi } from '../support/api.ts';
import { testDatabaseKind } from '../support/database.ts';
import { serverStorage, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { SseReader } from '../support/sse.ts';

/**
 * Two API processes on one PostgreSQL, as behind a load balancer: a comment written through one
 * reaches the streams open on the other (LISTEN/NOTIFY), and a client that reconnects to either
 * catches up on what it missed.
 */
const SECRET = 'live-test-secret-long-enough-for-hs256!!';
const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const headers = async (sub: string) => ({
  authorization: `Bearer ${await signToken({ sub, name: sub }, SECRET)}`,
  'content-type': 'application/json',
});

describe('live events across API processes', { skip: testDatabaseKind() === 'embedded' && 'the embedded database belongs to one process' }, () => {
  test('a comment posted through one process appears live on the other, and reconnects catch up', async () => {
    const storage = await serverStorage();
    cleanups.push(() => storage.dispose());
    const servers: ServerProcess[] = [];
    for (let i = 0; i < 2; i++) {
      const server = await startServerProcess({ ...storage.env, RUCHE_JWT_SECRET: SECRET });
      cleanups.push(() => server.stop('SIGKILL'));
      servers.push(server);
    }
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const subject = 'https://intranet.example.com/actualites/live';
    const openStream = async (server: ServerProcess, lastEventId?: string) => {
      const response = await fetch(`${server.url}/api/events?s=${encodeURIComponent(subject)}`, {
        headers: { ...(await headers('reader')), ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      });
      assert.equal(response.status, 200);
      const reader = new SseReader(response);
      await reader.next((e) => e.event === 'ready');
      return reader;
    };
    const postThrough = async (server: ServerProcess, body: string) => {
      const response = await fetch(`${server.url}/api/comments`, {
        method: 'POST',
        headers: await headers('writer'),
        body: JSON.stringify({ subject, body }),
      });
      assert.equal(response.status, 201);
      return (await response.json()).id as string;
    };

    let onA = await openStream(a);
    const first = await postThrough(b, 'Écrit via le processus B');
    const seen = await onA.next();
    assert.equal(seen.data.comment.id, first);
    assert.equal(seen.data.comment.body, 'Écrit via le processus B');

    // The reader drops off, two comments are written meanwhile (through both processes)…
    await onA.close();
    const missed = [await postThrough(a, 'Pendant la coupure (A)'), await postThrough(b, 'Pendant la coupure (B)')];
    // …and it reconnects to the other process with the last event it saw.
    const onB = await openStream(b, seen.id);
    const caught = [(await onB.next()).data.comment.id, (await onB.next()).data.comment.id];
    assert.deepEqual(caught.sort(), [...missed].sort());

    // Live again, in both directions.
    onA = await openStream(a);
    const later = await postThrough(b, 'Après la reconnexion');
    assert.equal((await onA.next()).data.comment.id, later);
    assert.equal((await onB.next()).data.comment.id, later);
    await onA.close();
    await onB.close();
    for (const server of servers) assert.equal(await server.stop(), 0, 'SIGTERM ends open streams and the process cleanly');
  });

  test('a listening connection lost before any event arrived still catches up on what it missed', async () => {
    const api = await createTestApi();
    cleanups.push(() => api.close());
    const [space] = await api.db.database.sql<{ id: string }[]>`select id from spaces where slug = 'general'`;
    // A bus that has delivered nothing yet, whose notifications were lost with its connection: an
    // event written meanwhile (no NOTIFY reaches it) is read when the connection comes back.
    const heard: LiveEventRow[] = [];
    api.bus.subscribe(space!.id, ['relisten'], (event) => heard.push(event));
    const [missed] = await api.db.database.sql<{ id: string }[]>`
      insert into events (space_id, type, payload) values (${space!.id}, 'test.ping', ${api.db.database.sql.json({ subject: 'relisten' })})
      returning id::text as id`;
    await (api.bus as unknown as { catchUpAfterReconnect(): Promise<void> }).catchUpAfterReconnect();
    assert.ok(heard.some((event) => event.id === missed!.id), 'the missed event is delivered');
  });
});
