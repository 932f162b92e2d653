/**
 * The toolbar button's popup: turns Ruche on or off for the site of the current tab. Opening it
 * gives the extension `activeTab` (the tab's address, nothing more); enabling asks the browser for
 * lasting access to that site (and to the Ruche server and the token endpoint), then reloads the tab
 * so that the content scripts start with it, at document_start.
 *
 * When enabled sites lack access (an administrator preset them: a policy cannot grant it; or the
 * person took it back), the button wears a "!" (background/badge.ts) and the popup says which, with
 * one button that asks for all of it.
 */
import { html, nothing, render } from 'lit';
import browser, { readSettings, saveSettings } from '../shared/browser.ts';
import { hasAccess, missingAccess, releaseAccess, requestAccess } from '../shared/permissions.ts';
import { serviceOrigins, siteOrigin, type EffectiveSettings } from '../shared/settings.ts';
import { words } from '../shared/words.ts';
import { markIcon } from '../options/mark.ts';
import { PopupInbox } from './inbox.ts';

let inbox: PopupInbox | null = null;

async function main(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const settings = await readSettings();
  const lang = (settings.language || browser.i18n.getUILanguage()).toLowerCase().startsWith('en') ? 'en' : 'fr';
  const m = words(lang);
  if (!inbox && settings.serverUrl) {
    inbox = new PopupInbox(lang, () => void main());
    void inbox.load();
  }
  const origin = tab?.url ? siteOrigin(tab.url) : null;
  const enabled = !!origin && settings.sites.includes(origin) && (await hasAccess(origin));
  const managed = !!origin && settings.managedSites.includes(origin);
  const missing = await missingAccess(settings);

  const reload = () => tab?.id !== undefined && browser.tabs.reload(tab.id);
  const enable = async () => {
    if (!(await requestAccess([origin!, ...serviceOrigins(settings)]))) return;
    const { sites } = (await browser.storage.local.get('sites')) as { sites?: string[] };
    await saveSettings({ sites: [...new Set([...(sites ?? []), origin!])] });
    await reload();
    window.close();
  };
  const disable = async () => {
    const { sites } = (await browser.storage.local.get('sites')) as { sites?: string[] };
    await saveSettings({ sites: (sites ?? []).filter((site) => site !== origin) });
    await releaseAccess(origin!, keepers(settings));
    await reload();
    window.close();
  };
  const grant = async () => {
    if (!(await requestAccess(missing))) return;
    // The current tab was one of them: reload it, so that Ruche starts there now.
    if (origin && missing.includes(origin)) await reload();
    await main();
  };

  let body;
  if (!origin) body = html`<p class="help">${m.popupNotHere}</p>`;
  else if (!settings.serverUrl) body = html`<p class="help">${m.popupNoServer}</p>`;
  else if (enabled) {
    body = managed
      ? html`<p class="help">${m.popupManaged}</p>`
      : html`<p class="help">${m.popupActive}</p>
          <button @click=${disable}>${m.popupDisable}</button>`;
  } else if (!missing.includes(origin)) body = html`<button class="primary" @click=${enable}>${m.popupEnable}</button>`;

  render(
    html`<h1>${markIcon()} Ruche</h1>
      ${origin ? html`<p class="note"><strong>${origin}</strong></p>` : nothing}
      ${missing.length
        ? html`<section id="access-needed">
            <p class="help">${m.needsAccess}</p>
            <ul class="origins">
              ${missing.map((site) => html`<li>${site}</li>`)}
            </ul>
            <p class="help">${m.needsAccessHelp}</p>
            <button class="primary" id="grant-access" @click=${grant}>${m.grantAccess}</button>
          </section>`
        : nothing}
      ${body ?? nothing} ${inbox?.render() ?? nothing}
      <p><a href="#" @click=${(event: Event) => (event.preventDefault(), void browser.runtime.openOptionsPage(), window.close())}>${m.settings}</a></p>`,
    document.getElementById('popup')!,
  );
}

/** Access the extension still needs whatever the person removes. */
const keepers = (settings: EffectiveSettings) => [...serviceOrigins(settings), ...settings.managedSites];

void main();
