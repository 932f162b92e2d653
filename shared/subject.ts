/**
 * Subject keys: what a widget attaches to. The embedded widgets, the browser extension and the API
 * all compute keys with this one module, so that both doors open on the same thread.
 *
 * - An explicit key (`<ruche-like subject="actu-2026-11-portail">`) is used as written, trimmed.
 * - A URL (the page's rel=canonical, else its address) is normalised: lower-case scheme and host, no
 *   default port, no fragment, no tracking parameters (utm_*, fbclid, …), no empty query.
 */
const TRACKING_PARAMETER = /^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|yclid|igshid|_ga|_gl|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|wt_mc|xtor)$/i;

export const MAX_SUBJECT_LENGTH = 500;

export function isUrlSubject(key: string): boolean {
  return /^https?:\/\//i.test(key);
}

/** Normalises an absolute http(s) URL into a subject key. */
export function canonicalUrl(href: string): string {
  const url = new URL(href);
  url.hash = '';
  const kept = [...url.searchParams].filter(([name]) => !TRACKING_PARAMETER.test(name));
  url.search = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
  // URL already lower-cases scheme and host and drops default ports.
  return url.href;
}

/**
 * The key for a subject as given by a widget attribute or an API caller: URLs are normalised,
 * other keys trimmed. Returns null when nothing usable is left.
 */
export function subjectKey(raw: string): string | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  let key = trimmed;
  if (isUrlSubject(trimmed)) {
    try {
      key = canonicalUrl(trimmed);
    } catch {
      return null;
    }
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
