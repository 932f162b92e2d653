import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadFailure } from './failure.ts';
import { errorMessage, type Lang } from './i18n.ts';
import type { Retrier } from './read-again.ts';

/** What a read needs of its widget: to hear of its comings and goings, and its language. */
export interface ReadingHost extends ReactiveControllerHost {
  readonly language: Lang;
}

/**
 * A widget's main read, written once (what @lit/task does, in fewer bytes). A new run aborts the
 * one before and drops its answer, even one already on its way; leaving the page aborts the read
 * and coming back runs it again. A failure is said as failure.ts says: a refusal (403, 404, 401
 * once the token was refreshed) calmly, and never read again; a failure of the network or the
 * server read again later, each time later (read-again.ts, whose code loads with the first
 * failure: most pages never meet one).
 */
export class Reading<T> implements ReactiveController {
  /** The latest run's: the next run, cancel() or leaving the page aborts it. */
  private abort = new AbortController();
  /** Moves with each run: an older run's answer or failure is dropped. */
  private runs = 0;
  private running = false;
  /** Aborted by leaving the page: run again on coming back. */
  private interrupted = false;
  private retrier: Retrier | null = null;

  constructor(
    private readonly host: ReadingHost,
    private readonly read: (signal: AbortSignal) => Promise<T>,
    private readonly done: (value: T) => void,
    private readonly failed: (failure: ReadFailure) => void,
  ) {
    host.addController(this);
  }

  /** Reads from the start (another subject, another person; "try again"). */
  async run(): Promise<void> {
    this.cancel();
    const { signal } = this.abort;
    const current = this.current();
    this.running = true;
    try {
      const value = await this.read(signal);
      if (!current()) return;
      this.retrier?.succeeded();
      this.done(value);
    } catch (error) {
      if (signal.aborted || !current()) return;
      const lang = this.host.language;
      let failure: ReadFailure;
      try {
        const { Retrier } = await import('./read-again.ts');
        if (!current()) return; // nothing to read again for a read no longer wanted
        failure = (this.retrier ??= new Retrier(this.host, () => void this.run())).failed(error, lang);
      } catch {
        failure = { text: errorMessage(error, lang), retry: true }; // the network: even that code could not come
      }
      if (current()) this.failed(failure);
    } finally {
      if (current()) this.running = false;
    }
  }

  /** Whether no run began since: for a read beside this one (the next page), dropped with it. */
  current(): () => boolean {
    const run = this.runs;
    return () => run === this.runs;
  }

  /** The latest run's signal, for a read beside it that the next run aborts. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** What is read now is no longer wanted: aborted and dropped, nothing read again for it. */
  cancel(): void {
    this.runs++;
    this.running = false;
    this.abort.abort();
    this.abort = new AbortController();
    this.retrier?.cancel();
  }

  hostConnected(): void {
    if (this.interrupted) void this.run();
  }

  hostDisconnected(): void {
    this.interrupted = this.running;
    if (this.running) this.cancel();
  }
}
