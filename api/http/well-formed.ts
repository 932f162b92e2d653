import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import { ApiError } from './errors.ts';

/**
 * Input no route can mean, refused once for every route before any reads the request: a NUL
 * character (PostgreSQL cannot store it in text, so it came back as a 500), a lone UTF-16 surrogate
 * (no UTF-8 can say it), a malformed percent-escape or escaped bytes that are not UTF-8 in the
 * address (Hono's decoder keeps such a value as written, so a route acted on something nobody
 * sent), and a JSON body that is not UTF-8 (RFC 8259 §8.1). Each is a 400 that changes nothing.
 */
export interface MalformedInput {
  /** `malformed_request`: the encoding is broken; `invalid_request`: a character no text may hold. */
  code: 'malformed_request' | 'invalid_request';
  message: string;
  /** Where: `path`, `query.<name>`, `body.<field>`. */
  where: string;
}

const LONE_SURROGATE = /\p{Cs}/u;
const JSON_CONTENT = /^application\/([\w.-]+\+)?json\b/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeStrictly(escaped: string): string | null {
  try {
    return decodeURIComponent(escaped);
  } catch {
    return null;
  }
}

/** What no text may hold, or null. */
function badCharacter(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(text)) return 'must not contain a lone UTF-16 surrogate (it is not Unicode text)';
  return null;
}

function inAddress(url: URL): MalformedInput | null {
  const segments = url.pathname.split('/');
  for (const segment of segments) {
    const decoded = decodeStrictly(segment);
    if (decoded === null) return { code: 'malformed_request', where: 'path', message: 'The address has a malformed percent-escape, or escaped bytes that are not UTF-8.' };
    const bad = badCharacter(decoded);
    if (bad) return { code: 'invalid_request', where: 'path', message: `The address ${bad}.` };
  }
  for (const pair of url.search.slice(1).split('&')) {
    if (!pair) continue;
    const equals = pair.indexOf('=');
    const rawName = equals < 0 ? pair : pair.slice(0, equals);
    const form = (part: string) => decodeStrictly(part.replace(/\+/g, ' '));
    const name = form(rawName);
    const value = equals < 0 ? undefined : form(pair.slice(equals + 1));
    const label = name ?? rawName;
    if (name === null || value === null) {
      return { code: 'malformed_request', where: `query.${label}`, message: `The query parameter ${JSON.stringify(label)} has a malformed percent-escape, or escaped bytes that are not UTF-8.` };
    }
    const bad = badCharacter(name) ?? (value === undefined ? null : badCharacter(value));
    if (bad) return { code: 'invalid_request', where: `query.${name}`, message: `The query parameter ${JSON.stringify(name)} ${bad}.` };
  }
  return null;
}

/** The first string (value or key) of a parsed JSON body that no text may hold; walked without recursion. */
function inJson(value: unknown): MalformedInput | null {
  const stack: [unknown, string][] = [[value, 'body']];
  while (stack.length) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      const bad = badCharacter(item);
      if (bad) return { code: 'invalid_request', where: path, message: `The request body's ${path.slice(5) || 'value'} ${bad}.` };
    } else if (Array.isArray(item)) {
      item.forEach((element, i) => stack.push([element, `${path}.${i}`]));
    } else if (item && typeof item === 'object') {
      for (const [key, element] of Object.entries(item)) {
        const bad = badCharacter(key);
        if (bad) return { code: 'invalid_request', where: path, message: `A field name in the request body ${bad}.` };
        stack.push([element, `${path}.${key}`]);
      }
    }
  }
  return null;
}

/** Whether the request holds input no route can mean; reads (and caches) a JSON body. */
export async function findMalformedInput(c: Context): Promise<MalformedInput | null> {
  const address = inAddress(new URL(c.req.url));
  if (address) return address;
  if (!c.req.raw.body || !JSON_CONTENT.test(c.req.header('content-type') ?? '')) return null;
  let text: string;
  try {
    text = strictUtf8.decode(await c.req.arrayBuffer());
  } catch {
    return { code: 'malformed_request', where: 'body', message: 'The request body is not valid UTF-8.' };
  }
  // A NUL or a lone surrogate can only reach a JSON string through a \u escape.
  if (!text.includes('\\u')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null; // not JSON: the route's validation says so, as for any malformed body
  }
  return inJson(parsed);
}

/** The API's door: a 400 in the API's error format. */
export function wellFormedInput(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const malformed = await findMalformedInput(c);
    if (malformed) {
      throw new ApiError(400, malformed.code, malformed.message, [{ path: malformed.where, message: malformed.message, code: malformed.code }]);
    }
    await next();
  };
}
