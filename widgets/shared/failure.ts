import { html, type ReactiveControllerHost } from 'lit';
import { errorMessage, type Lang } from './i18n.ts';
import type { ReadFailure, Retrier } from './read-again.ts';

export type { ReadFailure };

/** The failure where the content would be: a calm sentence, or the error with its "try again" button. */
export function failureNotice(failure: ReadFailure, retryLabel: string, retry: () => void) {
  return failure.retry
    ? html`<div class="alert" role="alert">${failure.text} <button class="btn" @click=${retry}>${retryLabel}</button></div>`
    : html`<p class="no-access" role="status">${failure.text}</p>`;
}

/**
 * A widget's main read, and what follows when it fails: a refusal (403, 404, 401 once the token
 * was refreshed) is said calmly and never tried again; a failure of the network or the server is
 * read again later, each time later (read-again.ts, whose code loads with the first failure: most
 * pages never meet one), and at once by `now()`, the "try again" button.
 */
export class ReadAgain {
  private retrier: Retrier | null = null;
  /** Moves with each new read: a failure of an older one schedules nothing. */
  private reads = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly read: () => unknown,
  ) {}

  async failed(error: unknown, lang: Lang): Promise<ReadFailure> {
    const read = this.reads;
    try {
      const { Retrier } = await import('./read-again.ts');
      this.retrier ??= new Retrier(this.host, this.read);
      return read === this.reads ? this.retrier.failed(error, lang) : { text: errorMessage(error, lang), retry: true };
    } catch {
      return { text: errorMessage(error, lang), retry: true }; // the network: even that code could not come
    }
  }

  succeeded(): void {
    this.reads++;
    this.retrier?.succeeded();
  }

  /** A new read starts (another subject, another person): nothing scheduled for the last one. */
  cancel(): void {
    this.reads++;
    this.retrier?.cancel();
  }

  now(): void {
    this.reads++;
    if (this.retrier) this.retrier.now();
    else this.read();
  }
}
