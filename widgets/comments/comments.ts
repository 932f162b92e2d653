import { defineElement } from '../shared/define.ts';
import { RucheComments } from './comments.component.ts';

export { RucheComments };

/** Registers <ruche-comments>; `api` is where the loader came from (the default API). */
export function define(api?: string): void {
  defineElement('ruche-comments', RucheComments, api);
}
