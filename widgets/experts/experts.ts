import { defineElement } from '../shared/define.ts';
import { RucheExpertFinder } from './expert-finder.component.ts';
import { RuchePerson } from './person.component.ts';

export { RucheExpertFinder, RuchePerson };

/**
 * Registers <ruche-expert-finder> and <ruche-person> (the finder shows its results as person
 * cards: one chunk serves both); `api` is where the loader came from (the default API).
 */
export function define(api?: string): void {
  defineElement('ruche-person', RuchePerson, api);
  defineElement('ruche-expert-finder', RucheExpertFinder, api);
}
