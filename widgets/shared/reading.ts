import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { errorMessage, type Lang } from './i18n.ts';
import type { ReadFailure, Retrier } from './read-again.ts';

/** What a read needs of its widget: to hear of its comings and goings, and its language. */
export interface ReadingHost extends ReactiveControllerHost {
  readonly language: Lang;
}

/**
 * A widget's main read, written once (what @lit/task does, in fewer bytes). A new run aborts the
 * one before and drops its answer, even one already on its way; leaving the page aborts the read
 * and coming back runs it again. A refusal (403, 404, 401 once the token was refreshed) is said
 * calmly and never read again; a failure of the network or the server is read again later, each
 * time later (read-again.ts, whose code loads with the first failure: most pages never meet one).
 */
export class Reading<T> implements ReactiveController {
  /** The latest run's, a new one each run: the next run, cancel() or leaving the page aborts it. */
  private abort = new AbortController();
  /** A run is under way, or was when leaving the page aborted it (coming back runs it again). */
  private pending = false;
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
    const current = this.current();
    this.pending = true;
    try {
      const value = await this.read(this.abort.signal);
      if (!current()) return;
      this.pending = false;
      this.retrier?.succeeded();
      this.done(value);
    } catch (error) {
      if (!current()) return; // aborted, or an older run
      const lang = this.host.language;
      let failure: ReadFailure = { text: errorMessage(error, lang), retry: true }; // if even read-again.ts cannot come
      try {
        const { Retrier } = await import('./read-again.ts');
        if (!current()) return; // nothing to read again for a read no longer wanted
        failure = (this.retrier ??= new Retrier(this.host, () => void this.run())).failed(error, lang);
      } catch {
        // the network: the failure above stands
      }
      if (!current()) return;
      this.pending = false;
      this.failed(failure);
    }
  }

  /** Whether no run began since: for a read beside this one (the next page), dropped with it. */
  current(): () => boolean {
    const { abort } = this;
    return () => abort === this.abort;
  }

  /** What is read now is no longer wanted: aborted and dropped, nothing read again for it. */
  cancel(): void {
    this.pending = false;
    this.abort.abort();
    this.abort = new AbortController();
    this.retrier?.cancel();
  }

  hostConnected(): void {
    if (this.pending) void this.run();
  }

  hostDisconnected(): void {
    if (!this.pending) return;
    this.cancel();
    this.pending = true; // to be run again on coming back
  }
}
