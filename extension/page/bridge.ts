import type { BackgroundMessage, CallName, FetchMessage, Hello, IdentityState, PageMessage, PanelMessage, StartMessage, ToPageMessage } from '../shared/protocol.ts';

interface Pending {
  /** A call's answer, or a response's head. */
  settle(message: BackgroundMessage): void;
  /** The background went away. */
  fail(reason: string): void;
}

/**
 * The page world's end of the channel to the extension: a `fetch` for the widgets' ApiClient (its
 * `transport`) that travels as messages to the content script and the background, questions about
 * the person, and the news the background pushes (the person changed).
 */
export class Bridge {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  onIdentity: ((state: IdentityState) => void) | null = null;
  onStart: ((start: StartMessage) => void) | null = null;

  constructor(private readonly port: MessagePort) {
    port.onmessage = (event: MessageEvent) => this.receive(event.data as ToPageMessage);
  }

  private send(message: PageMessage | PanelMessage): void {
    this.port.postMessage(message);
  }

  private receive(message: ToPageMessage): void {
    if (!message || typeof message !== 'object') return;
    if (message.type === 'start') return this.onStart?.(message);
    if (message.type === 'identity') return this.onIdentity?.(message.identity);
    if (message.type === 'disconnected') {
      const pending = [...this.pending.values()];
      this.pending.clear();
      for (const p of pending) p.fail('The Ruche extension was restarted.');
      return;
    }
    this.pending.get(message.id)?.settle(message);
  }

  panel(open: boolean): void {
    this.send({ type: 'panel', open });
  }

  call(name: 'hello'): Promise<Hello>;
  call(name: 'choose', sub: string): Promise<IdentityState>;
  call(name: 'options'): Promise<void>;
  call(name: CallName, sub?: string): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        settle: (message) => {
          this.pending.delete(id);
          if (message.type !== 'result') return;
          if (message.error) reject(new Error(message.error));
          else resolve(message.value);
        },
        fail: (reason) => reject(new Error(reason)),
      });
      this.send({ type: 'call', id, name, ...(sub !== undefined ? { sub } : {}) });
    });
  }

  /**
   * What the widgets' ApiClient and live stream call instead of the page's fetch: the same
   * contract (a Response; a TypeError when the server cannot be reached; an AbortError when
   * aborted), an event stream's body arriving chunk by chunk.
   */
  readonly fetch = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const signal = init.signal;
    const aborted = () => new DOMException('The request was aborted.', 'AbortError');
    if (signal?.aborted) return Promise.reject(aborted());
    const id = this.nextId++;
    const message: FetchMessage = {
      type: 'fetch',
      id,
      url: new URL(url, document.baseURI).href,
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers)),
      ...(typeof init.body === 'string' ? { body: init.body } : {}),
    };
    return new Promise<Response>((resolve, reject) => {
      let stream: ReadableStreamDefaultController<Uint8Array> | null = null;
      const encoder = new TextEncoder();
      const done = () => {
        this.pending.delete(id);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        done();
        this.send({ type: 'abort', id });
        if (stream) stream.error(aborted());
        else reject(aborted());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        settle: (reply) => {
          if (reply.type === 'response') {
            const init = { status: reply.status, statusText: reply.statusText, headers: reply.headers };
            // Statuses that may not carry a body.
            const empty = reply.status === 204 || reply.status === 205 || reply.status === 304;
            if (!reply.streamed) {
              done();
              return resolve(new Response(empty ? null : (reply.body ?? ''), init));
            }
            const body = new ReadableStream<Uint8Array>({
              start: (controller) => void (stream = controller),
              cancel: () => {
                done();
                this.send({ type: 'abort', id });
              },
            });
            return resolve(new Response(body, init));
          }
          if (reply.type === 'chunk') return stream?.enqueue(encoder.encode(reply.text));
          if (reply.type === 'end') {
            done();
            if (!stream) reject(new TypeError(reply.error ?? 'Failed to fetch'));
            else if (reply.error) stream.error(new TypeError(reply.error));
            else stream.close();
          }
        },
        fail: (reason) => {
          done();
          if (stream) stream.error(new TypeError(reason));
          else reject(new TypeError(reason));
        },
      });
      this.send(message);
    });
  };
}
