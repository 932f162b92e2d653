import { defineElement } from '../shared/define.ts';
import { RucheDemoPicker } from './demo-picker.component.ts';

export { RucheDemoPicker };

/** Registers <ruche-demo-picker>; `api` is where the loader came from (the default API). */
export function define(api?: string): void {
  defineElement('ruche-demo-picker', RucheDemoPicker, api);
}
