import type { LiveEvent } from '../../shared/api-types.ts';
import { apiUrl, type ApiClient } from './api.ts';
import { readEventStream, ReconnectingStream } from './event-stream.ts';

/** `id` is the event's id, to tell a replayed event from a newer one. */
export type LiveListener = (event: LiveEvent, id: string | null) => void;


/**
 * Live updates for a whole page: ONE streaming request per API client and space, carrying every
 * subject the page's widgets listen to. Server-Sent Events are read over fetch (EventSource cannot
 * send an Authorization header). A widget subscribes with the event id its data was read at (the
 * `lastEventId` of a comment page), so its first stream starts there and nothing written between the
 * read and the stream is missed; with several subjects the oldest of their ids is sent. When the
 * connection drops it comes back after a growing delay and sends Last-Event-ID too. Refused (401
 * once the token was refreshed, 403, 404: the person may not read the space), it does not insist:
 * it asks again only when the person or the subjects change. Listeners must apply events
 * idempotently, since some may arrive twice.
 */
export class LiveEvents {
  private static hubs = new WeakMap<ApiClient, LiveEvents>();

  static for(client: ApiClient): LiveEvents {
    let hub = LiveEvents.hubs.get(client);
    if (!hub) LiveEvents.hubs.set(client, (hub = new LiveEvents(client)));
    return hub;
  }

  private channels = new Map<string, Channel>();

  private constructor(private readonly client: ApiClient) {
    // A new person may see other things: reconnect as them.
    client.identity.addEventListener('change', () => {
      for (const channel of this.channels.values()) channel.reconnectSoon(0);
    });
  }

  /**
   * Calls `listener` with each event about `subject` after the event `since` (the id the subject's
   * data was read at; '0' for "everything"; omitted, only what happens from now on); returns the
   * function that stops it.
   */
  subscribe(space: string | undefined, subject: string, listener: LiveListener, since?: string): () => void {
    const key = space ?? '';
    let channel = this.channels.get(key);
    if (!channel) this.channels.set(key, (channel = new Channel(this.client, space)));
    return channel.add(subject, listener, since);
  }
}

/** The older of two event ids (numeric strings, without leading zeros). */
export const older = (a: string, b: string) => (a.length - b.length || (a < b ? -1 : 1)) < 0 ? a : b;

class Channel extends ReconnectingStream {
  private listeners = new Map<string, Set<LiveListener>>();
  /** Subjects whose listeners must get what happened since this id: the next stream starts there. */
  private since = new Map<string, string>();
  private connectedSubjects = '';
  /** Everything after it was received, about every subject of the stream. */
  private lastEventId: string | null = null;

  constructor(
    private readonly client: ApiClient,
    private readonly space: string | undefined,
  ) {
    super();
  }

  add(subject: string, listener: LiveListener, since?: string): () => void {
    let set = this.listeners.get(subject);
    if (!set) this.listeners.set(subject, (set = new Set()));
    set.add(listener);
    if (since) {
      const known = this.since.get(subject);
      this.since.set(subject, known ? older(known, since) : since);
    }
    this.subjectsChanged();
    return () => {
      set!.delete(listener);
      if (!set!.size) {
        this.listeners.delete(subject);
        this.since.delete(subject);
      }
      this.subjectsChanged();
    };
  }

  private subjectsChanged(): void {
    // Widgets connect one after another in the same task: gather them into one request. A listener
    // that must catch up (even on a subject already streamed) needs a new stream too.
    const subjects = [...this.listeners.keys()].sort().join('\n');
    if (subjects !== this.connectedSubjects || !this.abort || this.since.size) this.reconnectSoon(0);
  }

  protected async connect(): Promise<void> {
    this.abort?.abort();
    this.abort = null;
    const subjects = [...this.listeners.keys()].sort();
    this.connectedSubjects = subjects.join('\n');
    if (!subjects.length) {
      this.lastEventId = null; // nothing followed any more: a new subject starts from its own id
      return;
    }
    const abort = (this.abort = new AbortController());
    // The oldest point any subject needs (an event id read with its data, or the last one received).
    const catchingUp = new Map(this.since);
    const from = [...catchingUp.values()].reduce<string | null>((a, b) => (a ? older(a, b) : b), this.lastEventId);
    let retryIn: number | null = null;
    try {
      const token = await this.client.identity.token();
      const headers: Record<string, string> = { Accept: 'text/event-stream' };
      if (token) headers.Authorization = `Bearer ${token}`;
      if (from) headers['Last-Event-ID'] = from;
      const url = apiUrl(this.client.base, '/api/events', { space: this.space, s: subjects });
      const response = await (this.client.transport || fetch)(url, { headers, signal: abort.signal, credentials: 'omit', cache: 'no-store' });
      if (response.status === 401 && token) {
        await this.client.identity.refresh(token);
        retryIn = 0;
      } else if (response.status === 429 || response.status === 408) {
        // Asked to wait: no sooner than said.
        const wait = Number(response.headers.get('Retry-After'));
        retryIn = Math.max(Number.isFinite(wait) ? wait * 1000 : 0, this.backoff());
      } else if (response.status >= 400 && response.status < 500) {
        // Refused: insisting cannot help. A new person or other subjects connect again.
        void response.body?.cancel().catch(() => {});
        retryIn = null;
      } else if (!response.ok || !response.body) {
        retryIn = this.backoff();
      } else {
        // The server replays what followed `from`: those subjects have caught up.
        this.lastEventId = from;
        for (const [subject, id] of catchingUp) if (this.since.get(subject) === id) this.since.delete(subject);
        await this.read(response.body, abort.signal);
        retryIn = this.backoff();
      }
    } catch {
      if (abort.signal.aborted) return; // replaced by a newer connection
      retryIn = this.backoff();
    }
    if (this.abort === abort && retryIn !== null) {
      this.abort = null;
      this.reconnectSoon(retryIn);
    }
  }

  private read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    return readEventStream(
      body,
      signal,
      ({ type, data, id }) => {
        if (id !== null) this.lastEventId = id;
        // 'ready' describes the stream; 'reset' (what was missed cannot be replayed) is a subject's.
        if (data && type !== 'ready') this.dispatch(data, id);
      },
      () => (this.failures = 0), // the stream works
    );
  }

  private dispatch(data: string, id: string | null): void {
    let event: LiveEvent;
    try {
      event = JSON.parse(data) as LiveEvent;
    } catch {
      return;
    }
    for (const listener of this.listeners.get(event.subject) ?? []) {
      try {
        listener(event, id);
      } catch (error) {
        console.error('Ruche: a live update failed', error);
      }
    }
  }
}
