/**
 * The page world's script (`world: "MAIN"`, document_start, top frame of an enabled site). The
 * widgets' custom elements must be defined here: in the content script's isolated world,
 * `customElements` is null. This world is the page's own, so nothing secret lives here — no token,
 * no extension API — and nothing is left on the page's globals.
 *
 * At document_start it only listens, before any of the page's scripts can, for the one message
 * that hands it its channel to the content script (content/content.ts), and takes it out of the
 * page's sight. Then it waits to be told to start: the site is enabled and the page has no Ruche of
 * its own. Only then does it add the launcher; the widgets are defined when the panel first opens.
 * If the page mounts Ruche of its own later (a single-page app), the launcher and the panel go.
 */
import { pageSubject } from '../../shared/subject.ts';
import { ApiClient } from '../../widgets/shared/api.ts';
import { supportedLang } from '../../widgets/shared/i18n.ts';
import { embedsRuche, OWN_HOST } from '../content/detect.ts';
import { HANDOVER, type StartMessage } from '../shared/protocol.ts';
import { Bridge } from './bridge.ts';
import { ExtensionIdentity } from './identity.ts';
import { Panel } from './panel.ts';
import { topicOf } from './topic.ts';
import { watchForRuche } from './watch.ts';

/** The tags a copy of Ruche defines: if the page's registry has one, the page has Ruche. */
const RUCHE_TAGS = ['ruche-comments', 'ruche-like', 'ruche-provider', 'ruche-demo-picker', 'ruche-idea-box', 'ruche-expert-finder', 'ruche-person', 'ruche-pulse', 'ruche-notifications'];

function onHandover(event: MessageEvent): void {
  if (event.source !== window || (event.data as { type?: unknown } | null)?.type !== HANDOVER || !event.ports[0]) return;
  // Ours: no listener of the page sees it.
  event.stopImmediatePropagation();
  removeEventListener('message', onHandover, true);
  const bridge = new Bridge(event.ports[0]);
  bridge.onStart = (message) => {
    bridge.onStart = null;
    start(bridge, message);
  };
}
addEventListener('message', onHandover, true);

function start(bridge: Bridge, { api, space, lang }: StartMessage): void {
  // Another copy (another install of the extension) got here first, or the page defines Ruche
  // elements itself (the embedded loader): stay out.
  if (document.querySelector(OWN_HOST) || RUCHE_TAGS.some((tag) => customElements.get(tag)) || embedsRuche(document)) return;
  const language = lang ?? supportedLang(document.documentElement.lang) ?? supportedLang(navigator.language) ?? 'fr';
  const identity = new ExtensionIdentity(api, bridge, { mode: null, person: null });
  const client = new ApiClient(api, identity);
  client.transport = bridge.fetch;
  const host = document.createElement(OWN_HOST);
  // Open, like the widgets' own: a page's CSS reaches neither kind, and a closed root would hide
  // nothing from scripts that share this world, only from accessibility and test tools.
  const root = host.attachShadow({ mode: 'open' });
  const panel = new Panel({
    host,
    root,
    bridge,
    ctx: { api, client, identity, space, lang: language },
    lang: language,
    page: () => ({ subject: pageSubject(document), topic: topicOf(document.title) }),
  });
  // After <body>: fixed, so it takes no room and moves nothing.
  document.documentElement.append(host);
  // A single-page app that mounts Ruche of its own later: the extension's layer goes.
  watchForRuche(() => {
    panel.dispose();
    host.remove();
  });
}
