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
 *
 * Figures over a period can also be subtracted from one another: the last 12 weeks less the last 4
 * speak of weeks 5 to 12 only. `nestedFigure` withholds a figure when such a difference would speak
 * of one to four people.
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

/** One to four people: a group too small to be spoken of. */
export const fewPeople = (people: number) => people > 0 && people < MIN_PEOPLE;

/**
 * A figure over `people` people, that overlapping figures (a shorter period, one of its weeks) could
 * be subtracted from: `differences` are the people each subtraction would speak of. Withheld under
 * five people, and when any difference is one to four people (none at all says nothing of anyone).
 */
export function nestedFigure<T>(value: T, people: number, differences: number[]): Figure<T> {
  return differences.some(fewPeople) ? withheldFigure() : figure(value, people);
}

export const shown = <T>(f: Figure<T>): f is { value: T; withheld: null } => f.withheld === null;
