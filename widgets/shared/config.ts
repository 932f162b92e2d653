/**
 * The API that widgets outside a `<ruche-provider>` talk to: the folder the loader (`ruche.js`) was
 * served from, which the loader hands over when it defines an element. Without a loader (the
 * widgets imported from npm), the page's own origin.
 */
let defaultApi: string | null = null;

export function setDefaultApi(api: string): void {
  defaultApi ??= new URL(api, location.href).href;
}

export function getDefaultApi(): string {
  return defaultApi ?? new URL('/', location.href).href;
}
