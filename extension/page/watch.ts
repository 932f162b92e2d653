import { embedsRuche } from '../content/detect.ts';

/**
 * A single-page application may mount `ruche-*` widgets, or add `ruche.js`, long after the
 * extension decided (once the DOM was parsed) that the page had no Ruche. This watches the page's
 * DOM for it and calls `found` once, then stops watching.
 *
 * Kept cheap for pages that change all the time: the observer's callback only looks whether an
 * element was added, and the page is searched (`embedsRuche`, one pass over its elements) at most
 * once per `interval`, after something was. The extension's own shadow root is not in the page's
 * DOM, so its panel changing does not count.
 */
export function watchForRuche(found: () => void, interval = 1000): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  const check = () => {
    timer = undefined;
    last = Date.now();
    if (!embedsRuche(document)) return;
    stop();
    found();
  };
  const observer = new MutationObserver((records) => {
    if (timer !== undefined) return;
    if (!records.some((record) => [...record.addedNodes].some((node) => node.nodeType === Node.ELEMENT_NODE))) return;
    timer = setTimeout(check, Math.max(0, last + interval - Date.now()));
  });
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(document.documentElement, { childList: true, subtree: true });
  return stop;
}
