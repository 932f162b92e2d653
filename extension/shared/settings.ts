/**
 * The extension's settings: what an administrator presets for everyone (managed storage, see
 * `schema.json`) and what the person chose in the options page (`storage.local`). Pure functions
 * only: the background, the content script, the options page and the tests share them.
 */
export type Lang = 'fr' | 'en';

export interface Settings {
  /** The Ruche server, ending with '/' (`https://ruche.intranet.example/`); '' until configured. */
  serverUrl: string;
  /** Origins of the intranet sites where the extension adds Ruche (`https://erp.intranet.example`). */
  sites: string[];
  /** The panel's language; '' to follow each page's. */
  language: '' | Lang;
  /** A space slug per site origin; elsewhere, the server's default space. */
  spaceBySite: Record<string, string>;
  /** In token mode: the intranet endpoint answering `{ token, expiresAt }` to a signed-in person. */
  tokenUrl: string;
}

export const SETTING_NAMES = ['serverUrl', 'sites', 'language', 'spaceBySite', 'tokenUrl'] as const satisfies readonly (keyof Settings)[];

/** The settings in force, and which of them the administrator set (the options page shows them locked). */
export interface EffectiveSettings extends Settings {
  locked: (keyof Settings)[];
  /** The sites the administrator enabled (the person cannot remove them). */
  managedSites: string[];
}

/**
 * `https://erp.intranet.example/portal/x?y` → `https://erp.intranet.example`; a bare host name is
 * taken as https. Only http and https pages can be enabled. Null when it is not a site.
 */
export function siteOrigin(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  try {
    const url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** The server's address as the widgets want it: absolute, http(s), ending with '/'. */
export function serverBase(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  try {
    const url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    url.search = '';
    return url.href.replace(/\/?$/, '/');
  } catch {
    return null;
  }
}

/**
 * The match pattern of a site's pages, for host permissions and content scripts. Chrome matches a
 * port; Firefox's patterns cannot hold one (so there it matches every port of the host, and the
 * content script checks the exact origin itself).
 */
export function originPattern(origin: string, browser: 'chrome' | 'firefox'): string {
  const url = new URL(origin);
  return `${url.protocol}//${browser === 'firefox' ? url.hostname : url.host}/*`;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

function origins(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => (typeof item === 'string' ? siteOrigin(item) : null)).filter((item): item is string => item !== null);
}

function spaces(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [site, slug] of Object.entries(value)) {
    const origin = siteOrigin(site);
    if (origin && typeof slug === 'string' && slug.trim()) out[origin] = slug.trim();
  }
  return out;
}

const language = (value: unknown): '' | Lang | undefined => (value === 'fr' || value === 'en' || value === '' ? value : undefined);

/**
 * Managed first, then the person's: a setting the administrator gave wins and is locked; sites are
 * the administrator's plus the person's own; spaces per site likewise, the administrator's winning.
 * Anything malformed (in either) is ignored rather than trusted.
 */
export function effectiveSettings(managed: Record<string, unknown>, person: Record<string, unknown>): EffectiveSettings {
  const locked = SETTING_NAMES.filter((name) => managed[name] !== undefined && managed[name] !== '');
  const managedSites = origins(managed.sites);
  return {
    serverUrl: serverBase(text(managed.serverUrl) ?? '') ?? serverBase(text(person.serverUrl) ?? '') ?? '',
    sites: [...new Set([...managedSites, ...origins(person.sites)])],
    language: language(managed.language) ?? language(person.language) ?? '',
    spaceBySite: { ...spaces(person.spaceBySite), ...spaces(managed.spaceBySite) },
    tokenUrl: text(managed.tokenUrl)?.trim() || text(person.tokenUrl)?.trim() || '',
    locked,
    managedSites,
  };
}

/** Where and how the extension works on the page at `href`; null when it does not (not an enabled site). */
export function pageSettings(settings: Settings, href: string): { api: string; space: string | null; lang: Lang | null } | null {
  const origin = siteOrigin(href);
  if (!origin || !settings.serverUrl || !settings.sites.includes(origin)) return null;
  return { api: settings.serverUrl, space: settings.spaceBySite[origin] ?? null, lang: settings.language || null };
}

/**
 * The origins the extension reaches on behalf of every enabled site: the Ruche server, and the
 * token endpoint in token mode. Each request for access to a site asks for these too, since an
 * administrator may have preset them without the person ever granting them.
 */
export function serviceOrigins(settings: Pick<Settings, 'serverUrl' | 'tokenUrl'>): string[] {
  const found = [settings.serverUrl, settings.tokenUrl].map((url) => (url ? siteOrigin(url) : null)).filter((origin): origin is string => origin !== null);
  return [...new Set(found)];
}

/** What the extension must have access to for Ruche to work on the enabled sites (nothing while none is, or no server is set). */
export function originsNeeded(settings: Settings): string[] {
  if (!settings.serverUrl || !settings.sites.length) return [];
  return [...new Set([...settings.sites, ...serviceOrigins(settings)])];
}
