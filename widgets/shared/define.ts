import { setDefaultApi } from './config.ts';

/**
 * Registers a tag, unless it is already defined: when two copies of Ruche meet on one page (two
 * script tags, two versions), the first one keeps the tag and the second warns instead of throwing
 * (as Shoelace does), so the page goes on working.
 *
 * `api` is the address the loader was served from: the API that widgets outside a provider talk to.
 */
export function defineElement(tag: string, element: CustomElementConstructor, api?: string): void {
  if (api) setDefaultApi(api);
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== element) console.warn(`Ruche: <${tag}> is defined already (another copy of Ruche?): left alone.`);
    return;
  }
  customElements.define(tag, element);
}
