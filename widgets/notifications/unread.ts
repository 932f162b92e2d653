import { apiUrl, type ApiClient } from '../shared/api.ts';
import { readEventStream, ReconnectingStream } from '../shared/event-stream.ts';

/** How many are unread; null: nobody to count for (not signed in, refused); undefined: not known yet. */
export type Unread = number | null | undefined;
export type UnreadListener = (count: Unread) => void;

/**
 * The person's unread count, live: ONE stream per API client however many bells the page has (the
 * header's, a phone menu's). The server sends the count at once and whenever it changes
 * (`GET /api/notifications/live`, `event: unread`); a dropped stream comes back after a growing
 * delay, and says the count again. Nobody signed in, or refused (403, 404): null, and no stream
 * until the person changes; until the first count, or while the server cannot be reached: undefined.
 */
export class UnreadCount extends ReconnectingStream {
  private static hubs = new WeakMap<ApiClient, UnreadCount>();

  static for(client: ApiClient): UnreadCount {
    let hub = UnreadCount.hubs.get(client);
    if (!hub) UnreadCount.hubs.set(client, (hub = new UnreadCount(client)));
    return hub;
  }

  count: Unread = undefined;
  private listeners = new Set<UnreadListener>();

  private constructor(private readonly client: ApiClient) {
    super();
    client.identity.addEventListener('change', () => {
      this.set(undefined);
      if (this.listeners.size) this.reconnectSoon(0);
    });
  }

  /** Calls `listener` with the count now and at each change; returns the function that stops it. */
  subscribe(listener: UnreadListener): () => void {
    this.listeners.add(listener);
    listener(this.count);
    if (!this.abort && this.listeners.size === 1) this.reconnectSoon(0);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size) return;
      // The last bell left the page: the stream closes (a bell moved elsewhere subscribes again at once).
      this.stop();
    };
  }

  /** What the person did here (read some, read all) is known before the stream says it. */
  set(count: Unread): void {
    if (count === this.count) return;
    this.count = count;
    for (const listener of this.listeners) listener(count);
  }

  protected async connect(): Promise<void> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    let retryIn: number | null = null;
    try {
      const token = await this.client.identity.token();
      if (!token) {
        this.set(null);
        return;
      }
      const response = await (this.client.transport || fetch)(apiUrl(this.client.base, '/api/notifications/live'), {
        headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` },
        signal: abort.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
      if (response.status === 401) {
        await this.client.identity.refresh(token);
        retryIn = 0;
      } else if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
        void response.body?.cancel().catch(() => {});
        this.set(null);
      } else if (!response.ok || !response.body) {
        retryIn = this.backoff();
      } else {
        await readEventStream(
          response.body,
          abort.signal,
          ({ type, data }) => {
            if (type !== 'unread') return;
            const { unreadCount } = JSON.parse(data) as { unreadCount?: unknown };
            if (typeof unreadCount === 'number') this.set(unreadCount);
          },
          () => (this.failures = 0),
        );
        retryIn = this.backoff();
      }
    } catch {
      if (abort.signal.aborted) return; // replaced by a newer connection, or no bell left
      retryIn = this.backoff();
    }
    if (this.abort === abort && retryIn !== null && this.listeners.size) this.reconnectSoon(retryIn);
  }
}
