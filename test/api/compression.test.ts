import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { signToken } from '../../api/identity/token.ts';
import { serverStorage, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { SseReader } from '../support/sse.ts';

/**
 * What the server sends over the wire, asked with real HTTP requests of a server process (node:http,
 * which decodes nothing by itself): the API's answers and its docs in brotli or gzip when the client
 * accepts them, never a live stream. (The widget bundle needs a build: test/e2e/transfer.test.ts.)
 */
const SECRET = 'compression-test-secret-long-enough-for-hs256';
const ROOT = new URL('../../', import.meta.url).pathname;

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as they travelled. */
  wire: Buffer;
  /** The same, decoded from their Content-Encoding. */
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const wire = Buffer.concat(chunks);
        const encoding = response.headers['content-encoding'];
        const body = encoding === 'br' ? brotliDecompressSync(wire) : encoding === 'gzip' ? gunzipSync(wire) : wire;
        resolve({ status: response.statusCode!, headers: response.headers, wire, body });
      });
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/** The answer says caches must keep one copy per Accept-Encoding (beside other headers it may vary on). */
const assertVaries = (answer: RawAnswer, message?: string) =>
  assert.match(String(answer.headers.vary), /(^|,)\s*accept-encoding\s*(,|$)/i, message ?? 'Vary: Accept-Encoding');

const bearer = async (sub: string) => `Bearer ${await signToken({ sub, name: sub }, SECRET)}`;
const SUBJECT = 'https://intranet.example.com/actualites/compression';

let server: ServerProcess;
let dispose: () => Promise<void>;

before(async () => {
  const storage = await serverStorage();
  dispose = storage.dispose;
  server = await startServerProcess({ ...storage.env, RUCHE_JWT_SECRET: SECRET });
  // A thread long enough for its answer to be worth compressing (several KB of JSON).
  for (let i = 0; i < 6; i++) {
    const posted = await fetch(`${server.url}/api/comments`, {
      method: 'POST',
      headers: { authorization: await bearer(`writer-${i}`), 'content-type': 'application/json' },
      body: JSON.stringify({ subject: SUBJECT, body: `Commentaire ${i} : ${'le nouveau restaurant ouvre lundi, venez nombreux. '.repeat(6)}` }),
    });
    assert.equal(posted.status, 201);
  }
});

after(async () => {
  await server?.stop('SIGKILL');
  await dispose?.();
});

describe('the API’s answers over the wire', () => {
  const thread = () => `${server.url}/api/comments?subject=${encodeURIComponent(SUBJECT)}`;

  test('a JSON answer of 256 bytes and more comes in brotli, else gzip, as the client accepts, always with Vary: Accept-Encoding', async () => {
    const reader = { authorization: await bearer('reader') };
    const plain = await get(thread(), reader);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-encoding'], undefined, 'no Accept-Encoding: sent as it is');
    assertVaries(plain);
    assert.ok(plain.wire.length > 2048, `a thread of several KB (${plain.wire.length} B)`);
    const text = JSON.parse(plain.body.toString('utf8'));

    for (const [accept, expected] of [
      ['gzip, deflate, br, zstd', 'br'], // what Chromium sends
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip;q=1, br;q=0.5', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['*', 'br'],
      ['identity', undefined],
      ['br;q=0, gzip;q=0', undefined],
    ] as const) {
      const answer = await get(thread(), { ...reader, 'accept-encoding': accept });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers['content-encoding'], expected, `Accept-Encoding: ${accept}`);
      assertVaries(answer, `Vary, for Accept-Encoding: ${accept}`);
      assert.equal(Number(answer.headers['content-length']), answer.wire.length, 'its length is the encoded length');
      assert.deepEqual(JSON.parse(answer.body.toString('utf8')).comments, text.comments, 'the same answer once decoded');
      if (expected) assert.ok(answer.wire.length < plain.wire.length / 3, `${expected}: ${answer.wire.length} B for ${plain.wire.length} B`);
    }
  });

  test('an answer under 256 bytes is sent as it is, errors too', async () => {
    const health = await get(`${server.url}/api/health`, { 'accept-encoding': 'br, gzip' });
    assert.equal(health.status, 200);
    assert.ok(health.wire.length < 256);
    assert.equal(health.headers['content-encoding'], undefined);
    assertVaries(health);
    assert.equal(JSON.parse(health.body.toString('utf8')).status, 'ok');

    const missing = await get(`${server.url}/api/nowhere`, { 'accept-encoding': 'br, gzip' });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['content-encoding'], undefined);
    assert.equal(JSON.parse(missing.body.toString('utf8')).error.code, 'not_found');
  });

  test('the live stream is never compressed: each event leaves as it happens', async () => {
    const response = await fetch(`${server.url}/api/events?s=${encodeURIComponent(SUBJECT)}`, {
      headers: { authorization: await bearer('reader'), 'accept-encoding': 'br, gzip' },
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(response.headers.get('content-encoding'), null);
    const stream = new SseReader(response);
    // A compressor would hold these few bytes back until its buffer filled: they would never come.
    await stream.next((e) => e.event === 'ready');
    const posted = await fetch(`${server.url}/api/comments`, {
      method: 'POST',
      headers: { authorization: await bearer('writer-live'), 'content-type': 'application/json' },
      body: JSON.stringify({ subject: SUBJECT, body: 'En direct' }),
    });
    assert.equal(posted.status, 201);
    assert.equal((await stream.next()).data.comment.body, 'En direct');
    await stream.close();
  });
});

describe('the API docs over the wire', () => {
  for (const [path, type] of [
    ['/api/docs', /^text\/html/],
    ['/api/openapi.json', /^application\/json/],
  ] as const) {
    test(`${path}: brotli or gzip as accepted, an ETag for each, 304 when the client has it`, async () => {
      const plain = await get(`${server.url}${path}`);
      assert.equal(plain.status, 200);
      assert.match(String(plain.headers['content-type']), type);
      assert.equal(plain.headers['content-encoding'], undefined);
      const br = await get(`${server.url}${path}`, { 'accept-encoding': 'gzip, deflate, br' });
      const gzip = await get(`${server.url}${path}`, { 'accept-encoding': 'gzip' });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(gzip.headers['content-encoding'], 'gzip');
      for (const answer of [plain, br, gzip]) {
        assertVaries(answer);
        assert.equal(answer.headers['cache-control'], 'no-cache');
        assert.deepEqual(answer.body, plain.body, 'the same document once decoded');
      }
      assert.ok(br.wire.length < plain.wire.length / 8, `brotli: ${br.wire.length} B for ${plain.wire.length} B`);
      const tags = new Set([plain, br, gzip].map((a) => a.headers.etag));
      assert.equal(tags.size, 3, 'each encoding its own ETag (they are different bytes)');

      const again = await get(`${server.url}${path}`, { 'accept-encoding': 'gzip, deflate, br', 'if-none-match': br.headers.etag! });
      assert.equal(again.status, 304);
      assert.equal(again.wire.length, 0);
      assert.equal(again.headers.etag, br.headers.etag);
      assertVaries(again);
      const otherEncoding = await get(`${server.url}${path}`, { 'accept-encoding': 'gzip', 'if-none-match': br.headers.etag! });
      assert.equal(otherEncoding.status, 200, 'the brotli copy’s tag does not validate the gzip copy');
      assert.equal(otherEncoding.headers['content-encoding'], 'gzip');
    });
  }
});

describe('the demo site over the wire', () => {
  test('its pages, styles and scripts come compressed, and decode to the files as they are', async () => {
    for (const [path, file, accept, expected] of [
      ['/demo/article.html', 'demo/site/article.html', 'gzip, deflate, br, zstd', 'br'],
      ['/demo/css/intranet-2008.css', 'demo/site/css/intranet-2008.css', 'gzip', 'gzip'],
      ['/demo/js/legacy.js', 'demo/site/js/legacy.js', 'br', 'br'],
    ] as const) {
      const onDisk = readFileSync(`${ROOT}${file}`);
      for (let ask = 0; ask < 2; ask++) {
        // The second time from the copy kept in memory.
        const answer = await get(`${server.url}${path}`, { 'accept-encoding': accept });
        assert.equal(answer.status, 200);
        assert.equal(answer.headers['content-encoding'], expected, path);
        assertVaries(answer);
        assert.equal(Number(answer.headers['content-length']), answer.wire.length);
        assert.ok(answer.wire.length < onDisk.length / 2, `${path}: ${answer.wire.length} B for ${onDisk.length} B`);
        assert.deepEqual(answer.body, onDisk);
      }
      const plain = await get(`${server.url}${path}`);
      assert.equal(plain.headers['content-encoding'], undefined);
      assertVaries(plain);
      assert.deepEqual(plain.body, onDisk);
    }
  });
});
