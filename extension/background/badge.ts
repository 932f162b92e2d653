import browser, { readSettings } from '../shared/browser.ts';
import { missingAccess } from '../shared/permissions.ts';
import { words } from '../shared/words.ts';
import { unreadCount } from './inbox.ts';

/**
 * The toolbar button says when Ruche cannot work yet: sites an administrator enabled (managed
 * storage) get no access until someone grants it — browsers do not let a policy grant optional host
 * permissions — and a person may take access back in the browser's settings. Then the button wears
 * a "!" and its popup says what is missing, with a button that asks for it (popup/popup.ts).
 * Otherwise it wears the person's unread notifications (inbox.ts), as the intranet's bell does.
 * Updated at install and startup, and whenever the settings, the permissions or the count change.
 */
let updating: Promise<void> = Promise.resolve();

export function updateBadge(): Promise<void> {
  updating = updating.then(update, update);
  return updating;
}

async function update(): Promise<void> {
  const settings = await readSettings();
  const missing = await missingAccess(settings);
  const lang = settings.language || browser.i18n.getUILanguage();
  const m = words(lang);
  const unread = missing.length ? null : await unreadCount();
  await browser.action.setBadgeText({ text: missing.length ? '!' : unread ? (unread > 99 ? '99+' : String(unread)) : '' });
  if (missing.length || unread) await browser.action.setBadgeBackgroundColor({ color: missing.length ? '#b45309' : '#c62828' });
  const told = unread ? m.badgeUnread[new Intl.PluralRules(lang).select(unread) === 'one' ? 0 : 1]!.replace('#', String(unread)) : null;
  await browser.action.setTitle({ title: missing.length ? `Ruche — ${m.badgeTitle}` : told ? `Ruche — ${told}` : 'Ruche' });
}
