import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from './api.ts';
import { errorMessage, type Lang } from './i18n.ts';

/** Why what a widget shows could not be read, in the person's words; `retry`: trying again may help. */
export interface ReadFailure {
  text: string;
  retry: boolean;
}

// What a widget shows in place of what it may not read: the same words whatever the reason (both
// languages here, as few as they are: this code loads only with a first failure).
const words = {
  fr: { noAccess: 'Vous n’avez pas accès à ce contenu.', signIn: 'Connectez-vous à l’intranet pour voir ce contenu.' },
  en: { noAccess: 'You don’t have access to this content.', signIn: 'Sign in to the intranet to see this content.' },
};

/**
 * Whether trying again may help: the network or the server failed (0, 5xx), or it asked to wait
 * (429, 408). A refusal (401 once the token was refreshed, 403, 404, a bad request) stays one.
 */
export function retryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true; // a chunk that did not arrive: the network
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

/**
 * What a widget says when its content could not be read. Refused (403, 404): one calm sentence,
 * the same whether the space is secret, closed or missing (the API answers all of them alike for a
 * guest), and nothing to try again. Not signed in (401, once the token was refreshed): how to sign
 * in. Otherwise what failed, and that trying again may help.
 */
export function readFailure(error: unknown, lang: Lang): ReadFailure {
  if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return { text: words[lang].noAccess, retry: false };
  if (error instanceof ApiError && error.status === 401) return { text: words[lang].signIn, retry: false };
  return { text: errorMessage(error, lang), retry: retryable(error) };
}

const FIRST_MS = 5_000;
const MAX_MS = 5 * 60_000;
/** One spread per page: the widgets of a page that failed together try again together (one batch). */
const spread = 0.5 + Math.random() * 0.5;

/**
 * Reads a widget's content again after a failure worth retrying, later each time (about 5 s, 10 s,
 * 20 s… up to 5 min, never sooner than the server's Retry-After), while the widget is in the page
 * and the page is seen. A refusal is not retried: the widget asks nothing more until the person
 * or what it shows changes.
 */
export class Retrier implements ReactiveController {
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private due = false;
  /** The read is due: now, or once the page is seen again (a background tab asks nothing). */
  private readonly fire = () => {
    this.timer = undefined;
    if (document.hidden) document.addEventListener('visibilitychange', this.whenSeen);
    else this.now();
  };
  private readonly whenSeen = () => {
    if (!document.hidden) this.now();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly read: () => unknown,
  ) {
    host.addController(this);
  }

  failed(error: unknown, lang: Lang): ReadFailure {
    const failure = readFailure(error, lang);
    this.cancel();
    if (failure.retry) {
      const wait = error instanceof ApiError && error.retryAfter !== undefined ? error.retryAfter * 1000 : 0;
      const delay = Math.max(wait, Math.min(MAX_MS, FIRST_MS * 2 ** this.failures++) * spread);
      this.due = true;
      this.timer = setTimeout(this.fire, delay);
    }
    return failure;
  }

  succeeded(): void {
    this.failures = 0;
    this.cancel();
  }

  now(): void {
    this.cancel();
    this.read();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due = false;
    document.removeEventListener('visibilitychange', this.whenSeen);
  }

  hostConnected(): void {
    // Back in the page with a read that fell due meanwhile: do it now.
    if (this.due && !this.timer) this.fire();
  }

  hostDisconnected(): void {
    // Out of the page: nothing is read for it until it is back.
    clearTimeout(this.timer);
    this.timer = undefined;
    document.removeEventListener('visibilitychange', this.whenSeen);
  }
}
