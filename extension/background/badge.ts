import browser, { readSettings } from '../shared/browser.ts';
import { missingAccess } from '../shared/permissions.ts';
import { words } from '../shared/words.ts';

/**
 * The toolbar button says when Ruche cannot work yet: sites an administrator enabled (managed
 * storage) get no access until someone grants it — browsers do not let a policy grant optional host
 * permissions — and a person may take access back in the browser's settings. Then the button wears
 * a "!" and its popup says what is missing, with a button that asks for it (popup/popup.ts).
 * Updated at install and startup, and whenever the settings or the permissions change.
 */
let updating: Promise<void> = Promise.resolve();

export function updateBadge(): Promise<void> {
  updating = updating.then(update, update);
  return updating;
}

async function update(): Promise<void> {
  const settings = await readSettings();
  const missing = await missingAccess(settings);
  const m = words(settings.language || browser.i18n.getUILanguage());
  await browser.action.setBadgeText({ text: missing.length ? '!' : '' });
  if (missing.length) await browser.action.setBadgeBackgroundColor({ color: '#b45309' });
  await browser.action.setTitle({ title: missing.length ? `Ruche — ${m.badgeTitle}` : 'Ruche' });
}
