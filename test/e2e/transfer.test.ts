/**
 * The widget bundle over the wire, from Ruche as `npm start` serves it (built, then started), asked
 * with real HTTP requests (node:http, which decodes nothing by itself): the build's brotli and gzip
 * copies as the client accepts them, hashed chunks cached for good, the loader revalidated with its
 * ETag. And a second start's prestart, which finds the build current and does not build again.
 *
 *   node --import tsx --test --test-concurrency=1 test/e2e/transfer.test.ts
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { prestart, startLikeNpmStart, type StartedRuche } from '../support/npm-start.ts';

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

const CHROMIUM = 'gzip, deflate, br, zstd';
let ruche: StartedRuche;

before(async () => {
  ruche = await startLikeNpmStart();
}, { timeout: 180_000 });
after(async () => ruche?.stop());

describe('the widget bundle over the wire', { timeout: 120_000 }, () => {
  test('the loader: brotli or gzip as accepted, kept 5 minutes, then 304 for the ETag of the copy the browser has', async () => {
    const onDisk = readFileSync(join(ruche.root, 'dist/widgets/ruche.js'));
    const br = await get(`${ruche.url}/ruche.js`, { 'accept-encoding': CHROMIUM });
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.deepEqual(br.wire, readFileSync(join(ruche.root, 'dist/widgets/ruche.js.br')), 'the copy the build made');
    assert.deepEqual(br.body, onDisk);
    assert.equal(br.headers['cache-control'], 'public, max-age=300, must-revalidate');
    assert.equal(br.headers.vary, 'Accept-Encoding');
    assert.equal(br.headers['access-control-allow-origin'], '*', 'intranet pages load it from another origin');
    assert.match(String(br.headers.etag), /^"[^"]+"$/);
    assert.equal(br.headers['last-modified'], undefined, 'the ETag revalidates it: no date beside it');

    const gzip = await get(`${ruche.url}/ruche.js`, { 'accept-encoding': 'gzip' });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.deepEqual(gzip.body, onDisk);
    const plain = await get(`${ruche.url}/ruche.js`);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers.vary, 'Accept-Encoding', 'also on the uncompressed copy, for shared caches');
    assert.deepEqual(plain.body, onDisk);
    assert.equal(new Set([br.headers.etag, gzip.headers.etag, plain.headers.etag]).size, 3, 'each copy its own ETag');

    const revalidated = await get(`${ruche.url}/ruche.js`, { 'accept-encoding': CHROMIUM, 'if-none-match': br.headers.etag! });
    assert.equal(revalidated.status, 304);
    assert.equal(revalidated.wire.length, 0);
    assert.equal(revalidated.headers.etag, br.headers.etag);
    assert.equal(revalidated.headers['cache-control'], 'public, max-age=300, must-revalidate');
    assert.equal(revalidated.headers.vary, 'Accept-Encoding');
    const stale = await get(`${ruche.url}/ruche.js`, { 'accept-encoding': CHROMIUM, 'if-none-match': '"an-older-release"' });
    assert.equal(stale.status, 200, 'another release’s ETag gets the file');
    assert.deepEqual(stale.body, onDisk);
  });

  test('every chunk: the build’s brotli copy, cached for a year and never revalidated', async () => {
    const loader = readFileSync(join(ruche.root, 'dist/widgets/ruche.js'), 'utf8');
    const chunks = [...loader.matchAll(/["']\.\/(chunks\/[\w.-]+\.js)["']/g)].map((m) => m[1]!);
    assert.ok(chunks.length >= 8, `the loader names the elements' chunks (${chunks.join(', ')})`);
    for (const chunk of chunks) {
      const answer = await get(`${ruche.url}/${chunk}`, { 'accept-encoding': CHROMIUM });
      assert.equal(answer.status, 200, chunk);
      assert.equal(answer.headers['content-encoding'], 'br', chunk);
      assert.equal(answer.headers['cache-control'], 'public, max-age=31536000, immutable', chunk);
      assert.equal(answer.headers.vary, 'Accept-Encoding', chunk);
      assert.match(String(answer.headers['content-type']), /^text\/javascript/, chunk);
      assert.equal(answer.headers['access-control-allow-origin'], '*', chunk);
      assert.equal(answer.headers['last-modified'], undefined, `${chunk}: never revalidated, no date needed`);
      assert.deepEqual(answer.body, readFileSync(join(ruche.root, 'dist/widgets', chunk)), chunk);
      assert.ok(answer.wire.length < answer.body.length, `${chunk}: ${answer.wire.length} B for ${answer.body.length} B`);
    }
  });

  test('a second start does not build again', () => {
    assert.match(ruche.buildOutput, /Building the widgets and the extension \(no build yet/, 'the first start built');
    const built = statSync(join(ruche.root, 'dist/widgets/ruche.js')).mtimeMs;
    const output = prestart(ruche.root);
    assert.match(output, /built from these sources already, not built again/);
    assert.equal(statSync(join(ruche.root, 'dist/widgets/ruche.js')).mtimeMs, built);
  });
});
