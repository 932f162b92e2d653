import { svg } from 'lit';

/**
 * The icons of <ruche-comments> and of its halves, below them all: the component draws the like
 * heart, Q&A mode (qa.ts) and the accept button (writing.ts) the tick. The component takes its own
 * from here too, so this is in the component's chunk and no half waits for a chunk of its own.
 */
export { heart, icon } from '../shared/icons.ts';

/** A solved question, an accepted answer. */
export const check = svg`<path d="m5 12.5 4.5 4.5L19 7.5"/>`;
