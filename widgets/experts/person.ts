import { defineElement } from '../shared/define.ts';
import { RuchePerson } from './person.component.ts';

export { RuchePerson };
/** For the finder, which shows its results as person cards with why. */
export { loadReasons } from './person.component.ts';

/** Registers <ruche-person>; `api` is where the loader came from (the default API). */
export function define(api?: string): void {
  defineElement('ruche-person', RuchePerson, api);
}
