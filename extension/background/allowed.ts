/**
 * What the background relays for a page: the Ruche API calls the panel's widgets make, and nothing
 * else. The page world is the page's own (page/page.ts): a script of the page that gets hold of the
 * bridge could ask for anything the person's token allows — erase the account (`DELETE /api/me`),
 * download everything Ruche holds about them (`/api/me/export`), read the stewards' queue or the
 * pulse. So each request must be one of the (method, path) pairs below; everything else is refused.
 *
 * Paths are compared as the server routes them: Hono decodes `%xx` before routing, so
 * `/api/demo/%74oken` is `/api/demo/token`. Each segment is decoded here; a path that decodes to
 * something the URL did not say plainly (an encoded `/`, `\` or `%`, a `.` or `..` segment, an empty
 * segment, a control character, a malformed escape) is refused outright.
 *
 * Keep in step with the widgets the panel shows (page/features/): `units.test.ts` reads their
 * sources and checks that every `/api/…` path they name is here.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * [methods, path under the API root (`…/api/`)]. A segment is a literal, `:id` (a UUID), `:text`
 * (any one segment: a skill's name), or `a|b` (one of these words).
 */
const ROUTES: [Method[], string][] = [
  // The server's identity mode (ApiClient.authMode), the demo picker's people, the live stream.
  [['GET'], 'health'],
  [['GET'], 'demo/people'],
  [['GET'], 'events'],
  // <ruche-comments>
  [['GET', 'POST'], 'comments'],
  [['PATCH', 'DELETE'], 'comments/:id'],
  [['POST'], 'comments/:id/report'],
  [['PUT', 'DELETE'], 'comments/:id/accept'],
  [['PUT', 'DELETE'], 'comments/:id/like'],
  // …whether the space holds posts for approval; a steward's moves under a comment or an idea.
  [['GET'], 'moderation/settings'],
  [['POST'], 'moderation/comments|ideas/:id/hide|restore|dismiss|approve|reject'],
  // <ruche-like>
  [['GET', 'PUT', 'DELETE'], 'likes'],
  [['POST'], 'likes/query'], // many subjects at once (a read, too long for a GET's address)
  [['GET'], 'likes/people'],
  // <ruche-expert-finder> and its <ruche-person> cards
  [['GET'], 'experts'],
  [['GET'], 'experts/skills'],
  [['GET'], 'experts/people'],
  [['GET', 'PATCH'], 'experts/profile'],
  [['GET'], 'experts/profile/inferred'],
  [['PUT', 'DELETE'], 'experts/people/:id/skills/:text/endorsement'],
  [['POST'], 'experts/questions'],
  [['GET'], 'experts/notifications'],
  [['POST'], 'experts/notifications/read'],
  // <ruche-idea-box>
  [['GET', 'POST'], 'ideas'],
  [['GET'], 'ideas/tags'],
  [['GET'], 'ideas/similar'],
  [['GET'], 'ideas/news'],
  [['PUT'], 'ideas/news/seen'],
  [['GET', 'PATCH'], 'ideas/:id'],
  [['PUT', 'DELETE'], 'ideas/:id/vote'],
  [['POST'], 'ideas/:id/report'],
  [['POST'], 'ideas/:id/status|merge'],
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function segmentMatches(pattern: string, segment: string): boolean {
  if (pattern === ':id') return UUID.test(segment);
  if (pattern === ':text') return true;
  return pattern.split('|').includes(segment);
}

const routes = ROUTES.map(([methods, path]) => ({ methods: new Set<string>(methods), segments: path.split('/') }));

/** Every (method, pattern) pair allowed, for the README and the tests. */
export const ALLOWED: readonly string[] = ROUTES.flatMap(([methods, path]) => methods.map((method) => `${method} /api/${path}`));

export type Verdict = { ok: true } | { ok: false; reason: string };
const refuse = (reason: string): Verdict => ({ ok: false, reason });

/**
 * The path's segments as the server routes them, or null when the path is not plain: an encoded
 * `/`, `\` or `%` (decoded once here, they would be read again elsewhere), `.`, `..`, an empty
 * segment, a control character or a malformed escape.
 */
export function decodedSegments(pathname: string): string[] | null {
  if (/%(2f|5c|25)/i.test(pathname) || pathname.includes('\\')) return null;
  const segments: string[] = [];
  for (const raw of pathname.replace(/^\//, '').split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.' || segment === '..' || /[\u0000-\u001f\u007f]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

/**
 * May a page have the background make this request? `server` is the configured Ruche server
 * (`https://ruche.intranet.example/`, perhaps under a path); `url` absolute.
 */
export function checkRequest(server: string, url: string, method: string): Verdict {
  let target: URL;
  let root: URL;
  try {
    target = new URL(url);
    root = new URL('api/', server);
  } catch {
    return refuse('Not an address.');
  }
  if (target.origin !== root.origin || target.username || target.password) return refuse('Only the Ruche API can be reached through the extension.');
  const segments = decodedSegments(target.pathname);
  const prefix = decodedSegments(root.pathname.replace(/\/$/, ''));
  if (!segments || !prefix) return refuse('This address is not plain (encoded slashes, dot segments…).');
  if (segments.length <= prefix.length || prefix.some((segment, i) => segments[i] !== segment)) return refuse('Only the Ruche API can be reached through the extension.');
  const rest = segments.slice(prefix.length);
  const verb = method.toUpperCase();
  const route = routes.find((r) => r.segments.length === rest.length && r.segments.every((pattern, i) => segmentMatches(pattern, rest[i]!)));
  if (!route || !route.methods.has(verb)) {
    return refuse(`${verb} /${[...prefix, ...rest].join('/')} is not one of the requests of the panel's widgets: the extension does not relay it.`);
  }
  return { ok: true };
}
