import { defineElement } from '../shared/define.ts';
import { RucheProvider } from './provider.component.ts';

export { RucheProvider };

/** Registers <ruche-provider>; `api` is where the loader came from (the default API). */
export function define(api?: string): void {
  defineElement('ruche-provider', RucheProvider, api);
}
