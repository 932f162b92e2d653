/**
 * `/ruche.js`, the one script an intranet page includes. It holds no widget: for each Ruche tag
 * found in the page (now, or added later), it imports that element's chunk and defines the element.
 * The API defaults to the place this script was served from.
 */
type Definer = { define(api: string): void };

const elements: Record<string, () => Promise<Definer>> = {
  'ruche-provider': () => import('./provider/provider.ts'),
  'ruche-comments': () => import('./comments/comments.ts'),
  'ruche-like': () => import('./like/like.ts'),
  'ruche-demo-picker': () => import('./demo-picker/demo-picker.ts'),
  'ruche-idea-box': () => import('./ideas/idea-box.ts'),
  'ruche-expert-finder': () => import('./experts/expert-finder.ts'),
  'ruche-person': () => import('./experts/person.ts'),
  'ruche-pulse': () => import('./pulse/pulse.ts'),
  'ruche-notifications': () => import('./notifications/notifications.ts'),
};

const api = new URL('.', import.meta.url).href;

// Room for each widget while its code loads, so the page does not jump when it appears (a
// constructed stylesheet: a page's CSP may forbid <style>). It comes once this deferred script runs,
// after the first paint: a page that wants no shift at all keeps the same room in its own CSS (see
// the README, "No layout shift").
try {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(
    'ruche-comments:not(:defined){display:block;min-height:218px}' +
      'ruche-like:not(:defined){display:inline-block;vertical-align:middle;width:131px;height:28px}' +
      'ruche-demo-picker:not(:defined){display:inline-block;vertical-align:middle;width:252px;height:12px}' +
      'ruche-idea-box:not(:defined){display:block;min-height:560px}' +
      'ruche-expert-finder:not(:defined){display:block;min-height:209px}' +
      'ruche-person:not(:defined){display:block;min-height:15.4em}' +
      'ruche-pulse:not(:defined){display:block;min-height:620px}' +
      'ruche-notifications:not(:defined){display:inline-block;vertical-align:middle;width:36px;height:36px}',
  );
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
} catch {
  // an old browser: it only misses the reserved room
}
const waiting = new Set(Object.keys(elements));

function load(tag: string): void {
  waiting.delete(tag);
  elements[tag]!().then(
    (chunk) => chunk.define(api),
    (error) => console.error(`Ruche: <${tag}> could not be loaded from ${api}`, error),
  );
}

function scan(root: ParentNode): void {
  for (const tag of waiting) if (root.querySelector(tag)) load(tag);
}

scan(document);
if (waiting.size) {
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        const element = node as Element;
        if (waiting.has(element.localName)) load(element.localName);
        if (element.firstElementChild) scan(element);
      }
    }
    if (!waiting.size) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
}
