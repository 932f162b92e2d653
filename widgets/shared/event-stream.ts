/** One Server-Sent Event: its type ('message' unless named), its data lines joined, its id if it has one. */
export interface StreamEvent {
  type: string;
  data: string;
  id: string | null;
}

/**
 * Reads a text/event-stream body as the HTML standard parses one (EventSource cannot send an
 * Authorization header, so Ruche streams over fetch): `onEvent` for each event, `onChunk` after
 * each piece received (the stream works). Returns when the server ends the stream; aborting
 * `signal` cancels it.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  onEvent: (event: StreamEvent) => void,
  onChunk?: () => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  signal.addEventListener('abort', () => void reader.cancel().catch(() => {}));
  let buffer = '';
  let data: string[] = [];
  let id: string | null = null;
  let type = 'message';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split(/\r?\n|\r/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        onEvent({ type, data: data.join('\n'), id });
        data = [];
        id = null;
        type = 'message';
        continue;
      }
      // "field: value" (one space after the colon is not part of the value); a line starting with
      // a colon (the server's keep-alive) has no field.
      const [, field, text] = /^([^:]*):? ?(.*)/.exec(line)!;
      if (field === 'data') data.push(text!);
      else if (field === 'id' && !text!.includes('\0')) id = text!;
      else if (field === 'event') type = text!;
    }
    onChunk?.();
  }
}

const MAX_DELAY_MS = 30_000;

/**
 * A page's long-lived stream, as the comments' live events and the bell's count keep one: one
 * connection at a time (a new one aborts the one before), and after a failure another after a
 * growing, spread delay.
 */
export abstract class ReconnectingStream {
  protected abort: AbortController | null = null;
  protected failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  reconnectSoon(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), delay);
  }

  /** No connection wanted any more: the next one waits for reconnectSoon. */
  protected stop(): void {
    clearTimeout(this.timer);
    this.abort?.abort();
    this.abort = null;
  }

  protected abstract connect(): Promise<void>;

  protected backoff(): number {
    const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** this.failures++);
    return delay / 2 + Math.random() * (delay / 2); // spread the reconnections of many pages after a restart
  }
}
