/**
 * The options page: the Ruche server, who one is, the enabled sites (each with its space), the
 * language. What an administrator set (managed storage, see schema.json) is shown and locked.
 * Access to a site, to the server and to the token endpoint is asked for here, by the browser's own
 * prompt, when the person clicks: the extension has none at install.
 */
import { html, nothing, render } from 'lit';
import { apiRoute } from '../shared/api-route.ts';
import browser, { readSettings, saveSettings } from '../shared/browser.ts';
import { hasAccess, releaseAccess, requestAccess } from '../shared/permissions.ts';
import type { IdentityState } from '../shared/protocol.ts';
import { serverBase, serviceOrigins, siteOrigin, type EffectiveSettings, type Lang } from '../shared/settings.ts';
import { words, type Words } from '../shared/words.ts';
import { markIcon } from './mark.ts';

interface Status {
  auth: 'token' | 'header' | 'demo' | null;
  identity: IdentityState;
}

interface DemoPerson {
  sub: string;
  name: string;
}

let settings: EffectiveSettings;
let status: Status | null = null;
let people: DemoPerson[] | null = null;
let access = new Map<string, boolean>();
const notes: Record<string, { text: string; error?: boolean } | undefined> = {};
let m: Words = words(browser.i18n.getUILanguage());

async function load(): Promise<void> {
  settings = await readSettings();
  m = words(settings.language || browser.i18n.getUILanguage());
  document.documentElement.lang = m === words('en') ? 'en' : 'fr';
  // The sites, the server and the token endpoint: any may have been preset without access.
  const origins = [...new Set([...settings.sites, ...serviceOrigins(settings)])];
  access = new Map(await Promise.all(origins.map(async (origin) => [origin, await hasAccess(origin)] as const)));
  draw();
  status = settings.serverUrl ? ((await browser.runtime.sendMessage({ type: 'status' })) as Status) : null;
  people = null;
  if (status?.auth === 'demo') {
    const route = apiRoute('GET', settings.serverUrl, '/api/demo/people');
    const response = await fetch(route.url).catch(() => null);
    people = response?.ok ? (await route.read(response)).people : null;
  }
  draw();
}

function note(key: string, text: string, error = false): void {
  notes[key] = { text, error };
  draw();
}

const value = (id: string) => (document.getElementById(id) as HTMLInputElement).value;

async function saveServer(): Promise<void> {
  const server = serverBase(value('server-url'));
  if (!server) return note('server', m.invalid, true);
  // What the background will call once this is saved: the new server, and the token endpoint.
  if (!(await requestAccess(serviceOrigins({ ...settings, serverUrl: server })))) return note('server', m.refused, true);
  await saveSettings({ serverUrl: server });
  note('server', m.saved);
}

async function saveTokenUrl(): Promise<void> {
  const text = value('token-url').trim();
  const origin = text ? siteOrigin(text) : null;
  if (text && !origin) return note('identity', m.invalid, true);
  if (origin && !(await requestAccess(serviceOrigins({ ...settings, tokenUrl: text })))) return note('identity', m.refused, true);
  await saveSettings({ tokenUrl: text ? new URL(text).href : '' });
  note('identity', m.saved);
}

async function addSite(event: Event): Promise<void> {
  event.preventDefault();
  const origin = siteOrigin(value('new-site'));
  if (!origin) return note('sites', m.invalid, true);
  // The server's origin and the token endpoint's too: the background calls them for this site's pages.
  if (!(await requestAccess([origin, ...serviceOrigins(settings)]))) return note('sites', m.refused, true);
  const { sites } = (await browser.storage.local.get('sites')) as { sites?: string[] };
  await saveSettings({ sites: [...new Set([...(sites ?? []), origin])] });
  (document.getElementById('new-site') as HTMLInputElement).value = '';
  note('sites', m.saved);
}

/** Everything the settings need and the browser has not granted, asked for at once (one prompt). */
async function grantAll(): Promise<void> {
  const missing = [...access].filter(([, granted]) => !granted).map(([origin]) => origin);
  if (!(await requestAccess([...missing, ...serviceOrigins(settings)]))) return note('missing', m.refused, true);
  await load();
}

/** Access to a site (or to the server, the token endpoint) preset or taken back: asked with what it needs. */
async function grant(origin: string, noteKey: string): Promise<void> {
  if (!(await requestAccess([origin, ...serviceOrigins(settings)]))) return note(noteKey, m.refused, true);
  await load();
}

async function removeSite(origin: string): Promise<void> {
  const { sites, spaceBySite } = (await browser.storage.local.get(['sites', 'spaceBySite'])) as { sites?: string[]; spaceBySite?: Record<string, string> };
  const spaces = { ...spaceBySite };
  delete spaces[origin];
  await saveSettings({ sites: (sites ?? []).filter((site) => site !== origin), spaceBySite: spaces });
  const keep = [...serviceOrigins(settings), ...settings.managedSites];
  await releaseAccess(origin, keep);
}

async function setSpace(origin: string, slug: string): Promise<void> {
  const { spaceBySite } = (await browser.storage.local.get('spaceBySite')) as { spaceBySite?: Record<string, string> };
  const spaces = { ...spaceBySite };
  if (slug.trim()) spaces[origin] = slug.trim();
  else delete spaces[origin];
  await saveSettings({ spaceBySite: spaces });
}

async function choose(event: Event): Promise<void> {
  await browser.runtime.sendMessage({ type: 'choose', sub: (event.target as HTMLSelectElement).value });
  await load();
}

const locked = (name: keyof EffectiveSettings) => settings.locked.includes(name as never);
const shownNote = (key: string) => (notes[key] ? html`<p class="note ${notes[key]!.error ? 'error' : ''}" role="status">${notes[key]!.text}</p>` : nothing);
const adminBadge = () => html`<span class="badge">${m.byAdmin}</span>`;
/** "access not granted" and its button, for an origin the browser has not granted (yet). */
const notGranted = (origin: string | null, noteKey: string, label = m.notGranted) =>
  !origin || access.get(origin) !== false
    ? nothing
    : html`<span class="badge not-granted">${label}</span><button class="grant" data-origin=${origin} @click=${() => grant(origin, noteKey)}>${m.grant}</button>`;

/**
 * At the top of the page, what lacks access and what that stops, with one button for all: a site
 * an administrator preset, or access the person took back, would otherwise fail without a word.
 */
function missingSection() {
  const server = siteOrigin(settings.serverUrl);
  const token = status?.auth === 'token' ? siteOrigin(settings.tokenUrl) : null;
  // The server first (without it nothing works), then the token endpoint, then the sites.
  const rank = (origin: string) => (origin === server ? 0 : origin === token ? 1 : 2);
  const missing = [...access].filter(([, granted]) => !granted).map(([origin]) => origin).sort((a, b) => rank(a) - rank(b));
  if (!missing.length) return nothing;
  const what = (origin: string) =>
    [origin === server && m.missingServer, origin === token && m.missingToken, settings.sites.includes(origin) && m.missingSite].filter(Boolean).join(' ; ');
  return html`<section class="missing" id="missing-access" role="alert">
    <h2>${m.missingTitle}</h2>
    <ul>
      ${missing.map((origin) => html`<li><span class="origin">${origin}</span> — ${what(origin) || m.missingSite}</li>`)}
    </ul>
    <p class="help">${m.missingHelp}</p>
    <button class="primary" id="grant-all" @click=${grantAll}>${m.grantAll}</button>
    ${shownNote('missing')}
  </section>`;
}

function identitySection() {
  if (!status?.auth) return nothing;
  const { identity } = status;
  let body;
  if (status.auth === 'demo') {
    body = html`<label class="row"
      >${m.youAre}
      <select id="demo-person" @change=${choose}>
        <option value="">${m.nobody}</option>
        ${(people ?? []).map((p) => html`<option value=${p.sub} ?selected=${p.sub === identity.person?.sub}>${p.name}</option>`)}
      </select></label
    >`;
  } else if (status.auth === 'header') body = html`<p class="help">${m.headerIdentity}</p>`;
  else {
    body = html`<label for="token-url">${m.tokenUrl}</label> ${locked('tokenUrl') ? adminBadge() : nothing}
      <div class="row">
        <input id="token-url" type="url" .value=${settings.tokenUrl} ?disabled=${locked('tokenUrl')} placeholder="https://intranet.example/sso/ruche-token" />
        ${locked('tokenUrl') ? nothing : html`<button @click=${saveTokenUrl}>${m.save}</button>`}
      </div>
      ${access.get(siteOrigin(settings.tokenUrl) ?? '') === false
        ? html`<p class="note error row" id="token-access">${m.tokenNotGranted} ${notGranted(siteOrigin(settings.tokenUrl), 'identity')}</p>`
        : nothing}
      <p class="help">${m.tokenUrlHelp}</p>`;
  }
  return html`<section>
    <h2>${m.identity}</h2>
    ${body}
    ${status.auth !== 'header' || identity.person
      ? html`<p class="note" id="identity-state">${identity.person ? html`${m.signedInAs}<strong>${identity.person.name}</strong>` : status.auth === 'demo' ? nothing : m.signedOut}</p>`
      : nothing}
    ${shownNote('identity')}
  </section>`;
}

function draw(): void {
  const language = settings.language;
  render(
    html`<h1>${markIcon()} ${m.title}</h1>
      <p class="intro">${m.intro}</p>
      ${missingSection()}
      <section>
        <h2><label for="server-url">${m.server}</label> ${locked('serverUrl') ? adminBadge() : nothing}</h2>
        <div class="row">
          <input id="server-url" type="url" .value=${settings.serverUrl} ?disabled=${locked('serverUrl')} placeholder="https://ruche.intranet.example/" />
          ${locked('serverUrl') ? nothing : html`<button class="primary" id="save-server" @click=${saveServer}>${m.save}</button>`}
        </div>
        <p class="help">${m.serverHelp}</p>
        ${access.get(siteOrigin(settings.serverUrl) ?? '') === false
          ? html`<p class="note error row" id="server-access">${m.serverNotGranted} ${notGranted(siteOrigin(settings.serverUrl), 'server')}</p>`
          : nothing}
        ${settings.serverUrl
          ? html`<p class="note" id="server-status">
              ${status ? (status.auth ? m.status[status.auth] : access.get(siteOrigin(settings.serverUrl) ?? '') === false ? m.status.noAccess : m.status.none) : '…'}
            </p>`
          : nothing}
        ${shownNote('server')}
      </section>
      ${identitySection()}
      <section>
        <h2>${m.sites}</h2>
        <p class="help">${m.sitesHelp}</p>
        <ul class="sites">
          ${settings.sites.length
            ? settings.sites.map((site) => {
                const managed = settings.managedSites.includes(site);
                return html`<li data-site=${site}>
                  <span class="origin">${site}</span>
                  ${managed ? adminBadge() : nothing}
                  ${notGranted(site, 'sites', m.siteNotGranted)}
                  <label>${m.space}
                    <input
                      type="text"
                      .value=${settings.spaceBySite[site] ?? ''}
                      placeholder=${m.spacePlaceholder}
                      ?disabled=${locked('spaceBySite') && site in settings.spaceBySite}
                      @change=${(event: Event) => setSpace(site, (event.target as HTMLInputElement).value)}
                  /></label>
                  ${managed ? nothing : html`<button @click=${() => removeSite(site)}>${m.remove}</button>`}
                </li>`;
              })
            : html`<li>${m.noSites}</li>`}
        </ul>
        <form class="row" @submit=${addSite}>
          <input id="new-site" type="url" placeholder=${m.sitePlaceholder} />
          <button class="primary" id="add-site">${m.addSite}</button>
        </form>
        ${shownNote('sites')}
      </section>
      <section>
        <h2>${m.language}</h2>
        ${(['', 'fr', 'en'] as const).map(
          (lang) =>
            html`<label class="choice"
              ><input
                type="radio"
                name="language"
                value=${lang}
                .checked=${language === lang}
                ?disabled=${locked('language')}
                @change=${() => saveSettings({ language: lang as '' | Lang })}
              />${lang === '' ? m.pageLanguage : lang === 'fr' ? 'Français' : 'English'}</label
            >`,
        )}
        ${locked('language') ? adminBadge() : nothing}
      </section>`,
    document.getElementById('options')!,
  );
}

browser.storage.onChanged.addListener(() => void load());
void load();
