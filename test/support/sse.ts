/** Reads Server-Sent Events from a fetch Response, as the widgets do. */
export interface SseEvent {
  id?: string;
  event: string;
  data: any;
}

export class SseReader {
  private buffer = '';
  private readonly events: SseEvent[] = [];
  private waiters: (() => void)[] = [];
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private done = false;

  constructor(response: Response) {
    this.reader = response.body!.getReader();
    void this.pump();
  }

  private async pump() {
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await this.reader.read();
        if (done) break;
        this.buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          const block = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 2);
          const event: SseEvent = { event: 'message', data: '' };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'id') event.id = value;
            else if (field === 'event') event.event = value;
            else if (field === 'data') data.push(value);
          }
          if (!data.length) continue;
          event.data = JSON.parse(data.join('\n'));
          this.events.push(event);
        }
        this.waiters.splice(0).forEach((wake) => wake());
      }
    } catch {
      // cancelled
    } finally {
      this.done = true;
      this.waiters.splice(0).forEach((wake) => wake());
    }
  }

  /** Waits for the next event matching `predicate` (messages only, unless told otherwise). */
  async next(predicate: (event: SseEvent) => boolean = (e) => e.event === 'message', timeoutMs = 10_000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.events.findIndex(predicate);
      if (index >= 0) return this.events.splice(index, 1)[0]!;
      if (this.done) throw new Error('the stream ended');
      if (Date.now() > deadline) throw new Error('no such event in time');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** Events received so far and not taken by next(). */
  pending(): SseEvent[] {
    return [...this.events];
  }

  async close() {
    await this.reader.cancel().catch(() => {});
  }
}
