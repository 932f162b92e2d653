import { defineElement } from '../shared/define.ts';
import { RuchePulse } from './pulse.component.ts';

export { RuchePulse };

/** Registers <ruche-pulse>; `api` is where the loader came from (the default API). */
export function define(api?: string): void {
  defineElement('ruche-pulse', RuchePulse, api);
}
