import browser, { readSettings } from '../shared/browser.ts';
import { fetchAsPerson } from './as-person.ts';

/**
 * The person's inbox, for the toolbar button: its badge shows the unread count (as the bell of the
 * intranet's header does), and its popup lists the notifications (popup/popup.ts asks here: the
 * token stays in the background). A worker cannot keep a stream open while it sleeps, so the count
 * is read again each minute (an alarm), when the person changes, when the popup opens, and after
 * the panel of a page marked something read.
 */
export const INBOX_ALARM = 'ruche-inbox';
const UNREAD = 'unread';

/** An API call as the person; null when no server is set. */
async function asPerson(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response | null> {
  const { serverUrl } = await readSettings();
  if (!serverUrl) return null;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  return fetchAsPerson(serverUrl, new URL(path, serverUrl), { method: init.method ?? 'GET', headers, body });
}

/** The unread count last read; null when nobody is signed in or the server cannot be reached. */
export async function unreadCount(): Promise<number | null> {
  return ((await browser.storage.session.get(UNREAD)) as { unread?: number | null }).unread ?? null;
}

async function setUnread(count: number | null): Promise<void> {
  await browser.storage.session.set({ [UNREAD]: count });
}

/** Reads the count again; the badge follows (background.ts listens to the session storage). */
export async function refreshUnread(): Promise<void> {
  try {
    const response = await asPerson('api/notifications/unread');
    const body = response?.ok ? ((await response.json()) as { unreadCount?: unknown }) : null;
    await setUnread(typeof body?.unreadCount === 'number' ? body.unreadCount : null);
  } catch {
    await setUnread(null); // the server is unreachable: no figure rather than a stale one
  }
}

/** What the popup asks: a page of notifications, or to mark some (or all) read. */
export type InboxRequest = { type: 'inbox'; cursor?: string | null } | { type: 'inbox-read'; ids?: string[] };

export async function answerInbox(request: InboxRequest): Promise<unknown> {
  if (request.type === 'inbox') {
    const query = new URLSearchParams({ limit: '10' });
    if (typeof request.cursor === 'string') query.set('cursor', request.cursor);
    const response = await asPerson(`api/notifications?${query}`);
    if (!response || response.status === 401) return { error: 'signed-out' };
    if (!response.ok) return { error: response.status };
    const page = (await response.json()) as { unreadCount: number; items: { link: string | null }[] };
    await setUnread(page.unreadCount);
    // A link the server gives relative to itself (the demo's pages) opens there.
    const { serverUrl } = await readSettings();
    for (const item of page.items) if (item.link) item.link = new URL(item.link, serverUrl).href;
    return page;
  }
  const ids = Array.isArray(request.ids) ? request.ids.filter((id) => typeof id === 'string').slice(0, 100) : undefined;
  const response = await asPerson('api/notifications/read', { method: 'POST', body: ids ? { ids } : {} });
  if (!response?.ok) return { error: response?.status ?? 'signed-out' };
  const { unreadCount } = (await response.json()) as { unreadCount: number };
  await setUnread(unreadCount);
  return { unreadCount };
}
