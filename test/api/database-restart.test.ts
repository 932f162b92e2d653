import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { signToken } from '../../api/identity/token.ts';
import { postgresTools, startOwnPostgres, type OwnPostgres } from '../support/own-postgres.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { testDatabaseKind } from '../support/database.ts';

/**
 * PostgreSQL goes away under load and comes back: Ruche answers 503 with Retry-After while it is
 * gone, promptly, writes again as soon as it is back, and loses no write it acknowledged. The server
 * is one of the test's own (test/support/own-postgres.ts), since the shared one must not be stopped;
 * so this runs the same on either pass of the API tests. (The embedded database lives in Ruche's own
 * process: it has no restart of its own to survive.)
 */
const SECRET = 'restart-test-secret-long-enough-for-hs256';
const SUBJECT = 'https://intranet.example.com/actualites/redemarrage';
/**
 * How long any answer may take, outage or not. Ruche aims at about 2 s while the database is
 * unreachable (the connect timeout, api/db/database.ts); this shared, busy machine gets more than
 * twice that, which still tells an answer given at once from the 12–15 s a request used to hang.
 */
const PROMPT_MS = 5_000;

const tools = postgresTools();
const cleanups: (() => Promise<unknown> | unknown)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface Answer {
  kind: 'write' | 'health' | 'read';
  startedAt: number;
  ms: number;
  status: number;
  retryAfter: string | null;
  code: string | null;
  /** The id of the comment a 201 created. */
  id: string | null;
}

const bearer = (sub: string) => signToken({ sub, name: sub }, SECRET).then((token) => `Bearer ${token}`);

async function send(server: ServerProcess, kind: Answer['kind'], who: string): Promise<Answer> {
  const startedAt = performance.now();
  const init: RequestInit =
    kind === 'write'
      ? {
          method: 'POST',
          headers: { authorization: await bearer(who), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({ subject: SUBJECT, body: `Écrit par ${who} à ${Date.now()}` }),
        }
      : { headers: { authorization: await bearer(who) } };
  const path = kind === 'write' ? '/api/comments' : kind === 'health' ? '/api/health' : `/api/comments?subject=${encodeURIComponent(SUBJECT)}`;
  let response: Response;
  try {
    // Far beyond the bound asserted: a hang is measured, not cut short.
    response = await fetch(server.url + path, { ...init, signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    // No answer at all (the server went down, or the timeout): status 0, asserted against below.
    return { kind, startedAt, ms: performance.now() - startedAt, status: 0, retryAfter: null, code: String((error as Error).cause ?? error), id: null };
  }
  const body = (await response.json().catch(() => null)) as { id?: string; error?: { code?: string } } | null;
  return {
    kind,
    startedAt,
    ms: performance.now() - startedAt,
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    code: body?.error?.code ?? null,
    id: response.status === 201 ? (body?.id ?? null) : null,
  };
}

// It brings its own PostgreSQL, whichever database the run is on: once per `npm test`, in the
// PostgreSQL run when there is one (DATABASE_URL set), else in the embedded one.
const ranElsewhere = testDatabaseKind() === 'embedded' && Boolean(process.env.DATABASE_URL) && 'it runs in the PostgreSQL run';
const skip = (!tools && 'no PostgreSQL server tools (initdb, pg_ctl) on this machine: set RUCHE_PG_BIN to their folder') || ranElsewhere;

describe('a PostgreSQL that restarts', { skip }, () => {
  test('while it is down every request gets 503 with Retry-After at once; once back, writes succeed and none acknowledged is lost', async () => {
    const database: OwnPostgres = await startOwnPostgres(tools!);
    cleanups.push(() => database.dispose());
    const server = await startServerProcess({ DATABASE_URL: database.url, RUCHE_JWT_SECRET: SECRET, RUCHE_WRITE_RATE: '100000', RUCHE_WRITE_BURST: '100000' });
    cleanups.push(() => server.stop('SIGKILL'));

    // Load: writers and readers, each sending its next request as soon as the last is answered.
    const answers: Answer[] = [];
    let loading = true;
    const worker = async (kind: Answer['kind'], who: string) => {
      while (loading) {
        answers.push(await send(server, kind, who));
        await sleep(20);
      }
    };
    const workers = [
      ...['alice', 'bruno', 'chloe', 'driss'].map((who) => worker('write', who)),
      worker('health', 'eve'),
      worker('read', 'farid'),
    ];

    const outages: { from: number; until: number; mode: string }[] = [];
    try {
      await sleep(1_500);
      for (const mode of ['fast', 'immediate'] as const) {
        database.stop(mode);
        const from = performance.now();
        await sleep(4_000);
        const until = performance.now();
        database.start();
        outages.push({ from, until, mode });
        // The next write, once it is back, succeeds.
        const next = await send(server, 'write', 'gaelle');
        assert.equal(next.status, 201, `the first write after the ${mode} restart: ${JSON.stringify(next)}\n${server.output()}`);
        answers.push(next);
        await sleep(1_500);
      }
    } finally {
      loading = false;
      await Promise.all(workers);
    }

    for (const answer of answers) {
      assert.ok(answer.status < 300 || answer.status === 503, `only successes and 503s: ${JSON.stringify(answer)}\n${server.output()}`);
      if (answer.status === 503) {
        assert.equal(answer.code, 'database_unavailable', JSON.stringify(answer));
        assert.ok(Number(answer.retryAfter) >= 1, `a 503 says when to retry: ${JSON.stringify(answer)}`);
      }
      assert.ok(answer.ms < PROMPT_MS, `answered within ${PROMPT_MS} ms: ${JSON.stringify(answer)}`);
    }
    for (const { from, until, mode } of outages) {
      const meanwhile = answers.filter((a) => a.startedAt >= from && a.startedAt + a.ms <= until);
      assert.ok(meanwhile.length >= 6, `requests were answered during the ${mode} outage (${meanwhile.length})`);
      assert.ok(meanwhile.every((a) => a.status === 503), `all 503 during the ${mode} outage: ${JSON.stringify(meanwhile.filter((a) => a.status !== 503))}`);
      for (const kind of ['write', 'health', 'read'] as const) assert.ok(meanwhile.some((a) => a.kind === kind), `a ${kind} was answered during the ${mode} outage`);
    }

    const acknowledged = answers.filter((a) => a.status === 201).map((a) => a.id!);
    assert.ok(acknowledged.length >= 10, `writes were acknowledged (${acknowledged.length})`);
    const direct = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      const stored = await direct<{ id: string }[]>`select id from comments where id = any(${acknowledged}::uuid[])`;
      assert.equal(stored.length, acknowledged.length, 'every acknowledged write is in the database');
    } finally {
      await direct.end();
    }
  });
});
