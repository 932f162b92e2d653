/**
 * Does the page already have Ruche? An intranet page that embeds the widgets (the loader's script
 * tag, or any `ruche-*` element in its DOM) gets no second layer from the extension. The page world
 * also checks its custom-element registry before defining anything (see page/page.ts), since a
 * `ruche-*` tag may be defined without being in the DOM yet.
 *
 * `ownHost` is the extension's own element (left out of the search).
 */
export const OWN_HOST = 'ruche-extension';

export function embedsRuche(doc: Document): boolean {
  if (doc.querySelector('script[src$="/ruche.js" i], script[src*="/ruche.js?" i]')) return true;
  const all = doc.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const name = all[i]!.localName;
    if (name.startsWith('ruche-') && name !== OWN_HOST) return true;
  }
  return false;
}
