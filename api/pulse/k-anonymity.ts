/**
 * The pulse's one rule about small numbers: a figure computed over fewer than five people is not
 * shown. Every figure of the pulse is built here, from its value and the number of distinct people it
 * was computed over, so that no figure can leave the API without passing the rule:
 *
 *   { value: 42, withheld: null }                 five people or more
 *   { value: null, withheld: 'fewer_than_5' }     fewer: the widget says "not enough people to show this"
 *
 * A figure derived from others (a ratio, a share) is withheld when any of them is. Averages and
 * totals are computed over the figures shown only, so that a withheld day cannot be worked out by
 * subtracting the days shown from a total.
 */
export const MIN_PEOPLE = 5;

export type Withheld = 'fewer_than_5';

export interface Figure<T = number> {
  value: T | null;
  withheld: Withheld | null;
}

export function figure<T>(value: T, people: number): Figure<T> {
  return people >= MIN_PEOPLE ? { value, withheld: null } : { value: null, withheld: 'fewer_than_5' };
}

export const withheldFigure = <T>(): Figure<T> => ({ value: null, withheld: 'fewer_than_5' });

/** A figure computed from others: withheld when one of them is. */
export function derived<T>(compute: () => T, ...inputs: Figure<unknown>[]): Figure<T> {
  return inputs.some((input) => input.withheld !== null) ? withheldFigure() : { value: compute(), withheld: null };
}

export const shown = <T>(f: Figure<T>): f is { value: T; withheld: null } => f.withheld === null;
