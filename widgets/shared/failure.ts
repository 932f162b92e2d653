import { html } from 'lit';
import type { ReadFailure } from './read-again.ts';

export type { ReadFailure };

/** The failure where the content would be: a calm sentence, or the error with its "try again" button. */
export function failureNotice(failure: ReadFailure, retryLabel: string, retry: () => void) {
  return failure.retry
    ? html`<div class="alert" role="alert">${failure.text} <button class="btn" @click=${retry}>${retryLabel}</button></div>`
    : html`<p class="no-access" role="status">${failure.text}</p>`;
}
