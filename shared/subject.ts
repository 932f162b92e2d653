/**
 * Subject keys: what a widget attaches to. The embedded widgets, the browser extension and the API
 * all compute keys with this one module, so that both doors open on the same thread, however the
 * page's link was shared.
 *
 * - An explicit key (`<ruche-like subject="actu-2026-11-portail">`) is used as written: trimmed, in
 *   Unicode NFC; one with control characters is no key.
 * - A URL (the page's rel=canonical, else its address) is normalised as RFC 3986 §6.2.2–6.2.3 says
 *   (lower-case scheme and host, percent-escapes in upper case, unreserved characters decoded, dot
 *   segments removed, no default port, no empty query), and as web-annotation tools do (Hypothesis'
 *   h/util/uri.py): query parameters sorted by name, tracking parameters and session ids dropped,
 *   no credentials, no plain `#anchor`. Routes of single-page intranets (`#!/service/rh`,
 *   `#/service/rh`) are part of the page: two routes, two pages.
 *
 * Not merged, on purpose: `http:` and `https:`, `/actu` and `/actu/` (RFC 3986 calls them different
 * resources, and the server's own redirect already lands every reader on one of them), the case of
 * the path (servers may care), and reserved characters against their escapes (`;` is not `%3B` to a
 * Java server).
 *
 * Changing these rules changes keys: ship a migration that re-keys existing subjects with this same
 * function (api/subjects/rekey.ts does it), as 012_subject_keys does.
 */
export const MAX_SUBJECT_LENGTH = 500;

/**
 * Query parameters that say how someone came to a page, not which page it is, matched on the name,
 * case ignored: campaigns of Google Analytics (utm_*), Matomo (pk_*, mtm_*), Adobe (s_cid), AT
 * Internet (xtor, at_*), WebTrends (WT.*), Mailchimp (mc_*), HubSpot and Marketo mailings; ad clicks
 * of Google, Microsoft, Facebook and Yandex; Google's cross-domain linkers (_ga, _gl); session ids
 * of PHP, Java servlets (in the query) and ColdFusion. (Kept short: every widget page loads it.)
 */
const TRACKING_PARAMETER =
  /^(?:utm_\w+|pk_(?:campaign|kwd|keyword|source|medium|content|cid)|mtm_\w+|s_cid|xtor|at_(?:medium|campaign)|wt\..+|mc_\w+|_hs(?:enc|mi)|mkt_tok|[gd]clid|[gw]braid|msclkid|fbclid|yclid|_g[al]|phpsessid|jsessionid|cfid|cftoken)$/i;

/** SharePoint's back-link (where to go after a form), written `Source` by SharePoint itself. */
const SHAREPOINT_SOURCE = 'Source';

/** Java servlets put the session in the path (`/page.jsp;jsessionid=…`). */
const PATH_SESSION = /;jsessionid=[^/]*/gi;
/** ASP.NET cookieless sessions and forms authentication: a segment such as `(S(lit3py55t21z5v55vlm25s55))`. */
const ASPNET_COOKIELESS_SEGMENT = /^\((?:[A-Za-z]\([^()/]*\))+\)$/;

// An escape, or a character RFC 3986 does not let stand unescaped: in a path segment (pchar), and in
// a query's names and values ('&' separates them; '+' stays, as forms mean a space by it).
const PATH_ESCAPES = /%[0-9A-Fa-f]{2}|[^\w\-.~!$&'()*+,;=:@]/g;
const QUERY_ESCAPES = /%[0-9A-Fa-f]{2}|[^\w\-.~!$'()*+,;=:@/?]/g;

/** Escapes in upper case, unreserved characters decoded, a stray `%` and what RFC 3986 forbids escaped. */
function normaliseEscapes(part: string, escapes: RegExp): string {
  return part.replace(escapes, (match) => {
    if (match.length < 3) return encodeURIComponent(match);
    const character = String.fromCharCode(parseInt(match.slice(1), 16));
    return /[\w\-.~]/.test(character) ? character : match.toUpperCase();
  });
}

function normalisePath(path: string): string {
  return path
    .replace(PATH_SESSION, '')
    .split('/')
    .filter((segment) => !ASPNET_COOKIELESS_SEGMENT.test(segment))
    .map((segment) => normaliseEscapes(segment, PATH_ESCAPES))
    .join('/');
}

/** Names and values normalised (a space is `+`), sorted by name (stable), tracking and empty ones dropped. */
function normaliseQuery(query: string): string {
  const component = (text: string) => normaliseEscapes(text, QUERY_ESCAPES).replace(/%20/g, '+');
  return query
    .split('&')
    .filter(Boolean)
    .map((pair): [string, string] => {
      const equals = pair.indexOf('=');
      const name = component(equals < 0 ? pair : pair.slice(0, equals));
      return [name, equals < 0 ? name : `${name}=${component(pair.slice(equals + 1))}`];
    })
    .filter(([name]) => name !== SHAREPOINT_SOURCE && !TRACKING_PARAMETER.test(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, pair]) => pair)
    .join('&');
}

/** A single-page application's route (`!/service/rh`, `/service/rh?onglet=2`), normalised; '' for an anchor or the root route. */
function normaliseRoute(fragment: string): string {
  const bang = fragment.startsWith('!');
  const route = bang ? fragment.slice(1) : fragment;
  if (!bang && !route.startsWith('/')) return '';
  const question = route.indexOf('?');
  const path = normalisePath(question < 0 ? route : route.slice(0, question));
  const query = question < 0 ? '' : normaliseQuery(route.slice(question + 1));
  if ((path === '' || path === '/') && !query) return '';
  return `${bang ? '!' : ''}${path}${query ? `?${query}` : ''}`;
}

export function isUrlSubject(key: string): boolean {
  return /^https?:\/\//i.test(key);
}

/** Normalises an absolute http(s) URL into a subject key. Throws on what is not a URL. */
export function canonicalUrl(href: string): string {
  // The URL parser lower-cases scheme and host, encodes the host (IDNA), drops default ports and dot
  // segments, and escapes what must be; the rest is ours.
  const url = new URL(href);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    // a page that is not on the web (file:, about:): its address without the fragment
    url.hash = '';
    return url.href;
  }
  if (url.hostname.endsWith('.') && url.hostname.length > 1) url.hostname = url.hostname.slice(0, -1);
  const query = normaliseQuery(url.search.slice(1));
  const route = normaliseRoute(url.hash.slice(1));
  // `origin` leaves out credentials, which identify a reader, not the page.
  return `${url.origin}${normalisePath(url.pathname)}${query ? `?${query}` : ''}${route ? `#${route}` : ''}`;
}

// C0 and C1 controls: never part of a key someone wrote.
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * The key for a subject as given by a widget attribute or an API caller: URLs are normalised,
 * other keys trimmed and put in NFC. Returns null when nothing usable is left.
 */
export function subjectKey(raw: string): string | null {
  const trimmed = raw.trim();
  if (!trimmed || CONTROL_CHARACTERS.test(trimmed)) return null;
  let key: string;
  if (isUrlSubject(trimmed)) {
    try {
      key = canonicalUrl(trimmed);
    } catch {
      return null;
    }
  } else {
    key = trimmed.normalize('NFC');
  }
  return key.length <= MAX_SUBJECT_LENGTH ? key : null;
}

/** The subject of a page: its rel=canonical if it has one, else its own address. */
export function pageSubject(doc: Pick<Document, 'querySelector' | 'baseURI'> & { location: { href: string } | null }): string {
  const canonical = doc.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href');
  const base = doc.location?.href ?? doc.baseURI;
  if (canonical) {
    try {
      const resolved = new URL(canonical, base).href;
      if (isUrlSubject(resolved)) return canonicalUrl(resolved);
    } catch {
      // a broken canonical link: fall back to the address
    }
  }
  return canonicalUrl(base);
}

/** A widget's subject: its `subject` attribute if set, else the page's. */
export function widgetSubject(element: Element): string {
  const attribute = element.getAttribute('subject');
  if (attribute !== null) {
    const key = subjectKey(attribute);
    if (key) return key;
  }
  return pageSubject(element.ownerDocument as Document);
}
