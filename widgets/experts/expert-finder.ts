import { defineElement } from '../shared/define.ts';
import { RucheExpertFinder } from './expert-finder.component.ts';

export { RucheExpertFinder };

/**
 * Registers <ruche-expert-finder> (it loads <ruche-person>, its result cards, with its first
 * search); `api` is where the loader came from (the default API).
 */
export function define(api?: string): void {
  defineElement('ruche-expert-finder', RucheExpertFinder, api);
}
