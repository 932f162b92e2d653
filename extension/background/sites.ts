import browser, { browserKind, readSettings } from '../shared/browser.ts';
import { originPattern } from '../shared/settings.ts';

/**
 * The enabled sites, made real: the extension has no host access at install; a person (options
 * page, toolbar button) or an administrator names a site, the browser asks the person for access
 * to it (an optional host permission), and then the two content scripts are registered for the
 * sites it may access, persistently:
 *
 * - `page.js` in the page's own world (MAIN), at document_start: the panel and the widgets, whose
 *   custom elements must be defined where the page's `customElements` is;
 * - `content.js` in the isolated world, at document_start: the bridge to this background, the
 *   detection of an embedded Ruche, the settings.
 *
 * Both start at document_start so that the bridge's port reaches the page world before any of the
 * page's scripts runs (see content/content.ts). A site without access (refused, or removed in the
 * browser's settings) gets no script.
 */
export const SCRIPT_IDS = ['ruche-page', 'ruche-bridge'];

let syncing: Promise<void> = Promise.resolve();

/** Registers the content scripts for the enabled sites with access; one sync at a time. */
export function syncContentScripts(): Promise<void> {
  syncing = syncing.then(sync, sync);
  return syncing;
}

async function sync(): Promise<void> {
  const settings = await readSettings();
  const kind = browserKind();
  const matches: string[] = [];
  for (const site of settings.sites) {
    const pattern = originPattern(site, kind);
    if (!matches.includes(pattern) && (await browser.permissions.contains({ origins: [pattern] }))) matches.push(pattern);
  }
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: SCRIPT_IDS });
  if (registered.length) await browser.scripting.unregisterContentScripts({ ids: registered.map((script) => script.id) });
  if (!matches.length) return;
  await browser.scripting.registerContentScripts([
    { id: 'ruche-page', js: ['page.js'], matches, runAt: 'document_start', world: 'MAIN', allFrames: false, persistAcrossSessions: true },
    { id: 'ruche-bridge', js: ['content.js'], matches, runAt: 'document_start', allFrames: false, persistAcrossSessions: true },
  ]);
}
