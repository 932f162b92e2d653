import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import { parseAccept } from 'hono/utils/accept';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';

/**
 * What the server compresses, and when. The widget bundle is compressed once at build time (its
 * `.br` and `.gz` files, see rollup.config.ts); what is not built is handled here: the API's
 * answers as they go out, and bodies that never change while the process runs (the API docs, the
 * demo site's files) once, on first ask, kept in memory.
 */

export type Encoding = 'br' | 'gzip';

/** Brotli where the client accepts it (and prefers it no less than gzip), else gzip, else none. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const accepts = parseAccept(acceptEncoding);
  const wildcard = accepts.find((a) => a.type === '*')?.q ?? 0;
  const q = (name: string) => accepts.find((a) => a.type.toLowerCase() === name)?.q ?? wildcard;
  if (q('br') > 0 && q('br') >= q('gzip')) return 'br';
  return q('gzip') > 0 ? 'gzip' : null;
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** `best` for bodies compressed once; `fast` for answers compressed on each request. */
function compress(body: Uint8Array, encoding: Encoding, effort: 'best' | 'fast'): Promise<Buffer> {
  if (encoding === 'gzip') return gzipped(body, { level: effort === 'best' ? constants.Z_BEST_COMPRESSION : constants.Z_DEFAULT_COMPRESSION });
  const quality = effort === 'best' ? constants.BROTLI_MAX_QUALITY : 5; // 5: most of 11's gain at a twentieth of its time
  return brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
}

/** Says to caches that the answer depends on Accept-Encoding, whichever encoding this one has. */
export function varyOnEncoding(headers: Headers): void {
  const vary = headers.get('Vary');
  if (!vary) headers.set('Vary', 'Accept-Encoding');
  else if (vary !== '*' && !/(^|,)\s*accept-encoding\s*(,|$)/i.test(vary)) headers.set('Vary', `${vary}, Accept-Encoding`);
}

const compressible = (res: Response) => COMPRESSIBLE_CONTENT_TYPE_REGEX.test(res.headers.get('Content-Type') ?? '') && !/(^|,)\s*no-transform\s*(,|$)/i.test(res.headers.get('Cache-Control') ?? '');

/** Replaces the context's answer by `body` in `encoding`, keeping its status and headers. */
function sendEncoded(c: Context, res: Response, body: Uint8Array, encoding: Encoding | null): void {
  c.res = new Response(body as Uint8Array<ArrayBuffer>, res);
  if (encoding) c.res.headers.set('Content-Encoding', encoding);
  else c.res.headers.delete('Content-Encoding');
  c.res.headers.set('Content-Length', String(body.length));
}

/**
 * The API's answers, compressed as they leave when the client accepts it and they are worth it
 * (from 256 bytes, where JSON already loses a fifth; below, a few bytes at most). Live streams pass
 * untouched: their type (text/event-stream) is not in the list and they are chunked; compressing
 * one would hold its events back in the compressor's buffer.
 */
export function compressAnswers({ threshold = 256 } = {}): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (c.req.method === 'HEAD' || !res.body || res.status === 206 || res.headers.has('Content-Encoding') || res.headers.has('Transfer-Encoding') || !compressible(res)) return;
    varyOnEncoding(res.headers);
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    if (!encoding) return;
    const body = new Uint8Array(await res.arrayBuffer());
    sendEncoded(c, res, body.length < threshold ? body : await compress(body, encoding, 'fast'), body.length < threshold ? null : encoding);
  };
}

/** One body and its compressed copies, each made on first ask only, once, at the highest level. */
class CompressedCopies {
  private readonly copies: Partial<Record<Encoding, Promise<Buffer>>> = {};
  /** A digest of the body; each encoding's ETag is this with the encoding's name. */
  readonly digest: string;

  constructor(readonly identity: Uint8Array) {
    this.digest = createHash('sha256').update(identity).digest('base64url').slice(0, 22);
  }

  in(encoding: Encoding): Promise<Buffer> {
    return (this.copies[encoding] ??= compress(this.identity, encoding, 'best').catch((error: unknown) => {
      delete this.copies[encoding]; // a failed compression is tried again next time
      throw error;
    }));
  }
}

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch !== undefined && (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag));

/**
 * A body that never changes while the process runs (the API docs): compressed once at the highest
 * levels on first ask, served from memory with a strong ETag for each encoding, and 304 to a
 * client that has it already.
 */
export class CompressedBody {
  private readonly body: Promise<CompressedCopies>;

  constructor(
    body: string | Promise<string>,
    private readonly contentType: string,
    private readonly cacheControl = 'no-cache',
  ) {
    this.body = Promise.resolve(body).then((text) => new CompressedCopies(new TextEncoder().encode(text)));
  }

  async respond(c: Context): Promise<Response> {
    const copies = await this.body;
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    const body = encoding ? await copies.in(encoding) : copies.identity;
    const etag = `"${copies.digest}${encoding ? `-${encoding}` : ''}"`;
    const headers: Record<string, string> = { ETag: etag, Vary: 'Accept-Encoding', 'Cache-Control': this.cacheControl };
    if (matches(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
    if (encoding) headers['Content-Encoding'] = encoding;
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { ...headers, 'Content-Type': this.contentType, 'Content-Length': String(body.length) });
  }
}

/**
 * Static files that are not built (the demo site's pages, styles and scripts), after serveStatic
 * has found them: each compressed once per version of the file (its size and modification time),
 * kept in memory. `foundFile` says which file serveStatic served for this request.
 */
export function compressedFiles(foundFile: (c: Context) => string | undefined): MiddlewareHandler {
  const cache = new Map<string, { version: string; copies: CompressedCopies }>();
  return async (c, next) => {
    await next();
    const res = c.res;
    const file = foundFile(c);
    if (!file || res.status !== 200 || !res.body || res.headers.has('Content-Encoding') || !compressible(res)) return;
    varyOnEncoding(res.headers);
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    if (!encoding || c.req.method === 'HEAD') return;
    const stats = statSync(file, { throwIfNoEntry: false });
    if (!stats) return;
    const version = `${stats.size}:${stats.mtimeMs}`;
    let entry = cache.get(file);
    if (entry?.version === version) await res.body.cancel();
    else {
      entry = { version, copies: new CompressedCopies(new Uint8Array(await res.arrayBuffer())) };
      cache.set(file, entry);
    }
    sendEncoded(c, res, await entry.copies.in(encoding), encoding);
  };
}
