/**
 * The background (a service worker on Chrome, an event page on Firefox): it holds the person's
 * token, makes the pages' API requests, and registers the content scripts for the enabled sites.
 * Each concern is a module of its own; this file only wires them to the browser's events.
 */
import type { Runtime } from 'webextension-polyfill';
import browser, { readSettings } from '../shared/browser.ts';
import { PAGE_PORT } from '../shared/protocol.ts';
import { chooseDemoPerson, forgetIdentity, identityState, onIdentityChange } from './identity.ts';
import { updateBadge } from './badge.ts';
import { answerInbox, INBOX_ALARM, refreshUnread, type InboxRequest } from './inbox.ts';
import { acceptPage } from './relay.ts';
import { forgetServers, serverInfo } from './server.ts';
import { syncContentScripts } from './sites.ts';

/** The content scripts and the toolbar button's badge follow the sites and the access granted. */
const sync = () => {
  void syncContentScripts();
  void updateBadge();
  void refreshUnread();
};
// The unread count on the badge, read again each minute (a sleeping worker keeps no stream).
void browser.alarms.create(INBOX_ALARM, { periodInMinutes: 1 });
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === INBOX_ALARM) void refreshUnread();
});
onIdentityChange(() => void refreshUnread());
browser.runtime.onInstalled.addListener(sync);
browser.runtime.onStartup.addListener(sync);
browser.permissions.onAdded.addListener(sync);
browser.permissions.onRemoved.addListener(sync);

browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'session' && 'unread' in changes) void updateBadge();
  if (area !== 'local' && area !== 'managed') return;
  if ('sites' in changes || 'serverUrl' in changes) void syncContentScripts();
  if ('sites' in changes || 'serverUrl' in changes || 'tokenUrl' in changes || 'language' in changes) void updateBadge();
  if ('serverUrl' in changes) forgetServers();
  if ('serverUrl' in changes || 'tokenUrl' in changes) void forgetIdentity().then(refreshUnread);
});

browser.runtime.onConnect.addListener((port) => {
  if (port.name === PAGE_PORT && port.sender?.tab) acceptPage(port);
});

/** The options page and the toolbar popup (extension pages) ask here. */
export type OptionsRequest = { type: 'status' } | { type: 'choose'; sub: string } | InboxRequest;

browser.runtime.onMessage.addListener(async (message: unknown, sender: Runtime.MessageSender) => {
  // Only the extension's own pages, never a content script.
  if (sender.tab && !sender.url?.startsWith(browser.runtime.getURL(''))) return undefined;
  const request = message as OptionsRequest;
  if (request?.type === 'status') {
    const { serverUrl } = await readSettings();
    const info = serverUrl ? await serverInfo(serverUrl) : null;
    return { auth: info?.auth ?? null, features: info?.features ?? null, identity: await identityState() };
  }
  if (request?.type === 'choose') return chooseDemoPerson(String(request.sub ?? ''));
  if (request?.type === 'inbox' || request?.type === 'inbox-read') return answerInbox(request);
  return undefined;
});
