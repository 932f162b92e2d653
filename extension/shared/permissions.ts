import browser, { browserKind } from './browser.ts';
import { originPattern, originsNeeded, type Settings } from './settings.ts';

/**
 * Asks the person for access to `origins` (the browser shows its prompt; granted already, it does
 * not). Must be the first thing a click handler awaits: Firefox only asks during a user action.
 */
export function requestAccess(origins: string[]): Promise<boolean> {
  const kind = browserKind();
  return browser.permissions.request({ origins: [...new Set(origins.map((origin) => originPattern(origin, kind)))] });
}

export function hasAccess(origin: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [originPattern(origin, browserKind())] });
}

/**
 * What the enabled sites need and the browser has not granted: a site (or a server, a token
 * endpoint) an administrator preset, which nobody has been asked about yet, or access the person
 * took back in the browser's settings.
 */
export async function missingAccess(settings: Settings): Promise<string[]> {
  const needed = originsNeeded(settings);
  const granted = await Promise.all(needed.map(hasAccess));
  return needed.filter((_, i) => !granted[i]);
}

/** Gives access back (a site removed), unless `keep` still needs it (the server, the token endpoint). */
export async function releaseAccess(origin: string, keep: string[]): Promise<void> {
  const pattern = originPattern(origin, browserKind());
  if (keep.some((other) => originPattern(other, browserKind()) === pattern)) return;
  await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
}
