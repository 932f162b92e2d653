import { defineElement } from '../shared/define.ts';
import { RucheLike } from './like.component.ts';

export { RucheLike };

/** Registers <ruche-like>; `api` is where the loader came from (the default API). */
export function define(api?: string): void {
  defineElement('ruche-like', RucheLike, api);
}
