/**
 * The extension APIs, the same on Chrome and Firefox (promises, `browser.*`): webextension-polyfill
 * (a no-op on Firefox). Only for the background, the content script and the extension's pages: the
 * page world has no extension API at all.
 */
import browser from 'webextension-polyfill';
import { effectiveSettings, SETTING_NAMES, type EffectiveSettings, type Settings } from './settings.ts';

export default browser;

/** Firefox's match patterns cannot name a port (see originPattern). */
export const browserKind = (): 'chrome' | 'firefox' => (browser.runtime.getURL('').startsWith('moz-extension:') ? 'firefox' : 'chrome');

/** The settings in force: the administrator's (managed storage), then the person's (`storage.local`). */
export async function readSettings(): Promise<EffectiveSettings> {
  const [managed, person] = await Promise.all([
    // Firefox rejects when no policy names the extension; Chrome answers {}.
    browser.storage.managed.get().catch(() => ({})),
    browser.storage.local.get([...SETTING_NAMES]),
  ]);
  return effectiveSettings(managed, person);
}

/** Keeps the person's choices (what the administrator set stays as it is). */
export async function saveSettings(change: Partial<Settings>): Promise<void> {
  await browser.storage.local.set(change);
}
