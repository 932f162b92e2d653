import { defineElement } from '../shared/define.ts';
import { RucheIdeaBox } from './idea-box.component.ts';

export { RucheIdeaBox };

/** Registers <ruche-idea-box>; `api` is where the loader came from (the default API). */
export function define(api?: string): void {
  defineElement('ruche-idea-box', RucheIdeaBox, api);
}
