/**
 * The content script, in the isolated world of an enabled site's pages (top frame only). It draws
 * nothing and holds no widget: it is the bridge between the page world (the panel and the widgets,
 * page/page.ts) and the background, and it decides whether Ruche starts on this page at all.
 *
 * 1. At document_start, before the page's own scripts run, it hands the page world one end of a
 *    MessageChannel, in a single message that the page world's listener (registered at
 *    document_start too, before any page listener) takes and stops: the page's scripts never see it,
 *    and no further message crosses `window`.
 * 2. Once the DOM is parsed: the site must be enabled for this exact origin (Firefox's patterns
 *    cannot name a port), the server configured, and the page must not embed Ruche already. Then it
 *    tells the page world to start, with the API address, space and language.
 * 3. Afterwards it forwards the page world's messages (API requests, questions about the person) to
 *    the background over a runtime port, opened when first needed, and the answers back.
 */
import type { Runtime } from 'webextension-polyfill';
import browser, { readSettings } from '../shared/browser.ts';
import { HANDOVER, isPageMessage, PAGE_PORT, type ToPageMessage } from '../shared/protocol.ts';
import { pageSettings } from '../shared/settings.ts';
import { embedsRuche } from './detect.ts';

/** While the panel is open, a message this often keeps the background's service worker alive. */
const KEEP_ALIVE_MS = 20_000;

// Boot guard: one bridge per page, whatever injected this script twice. The mark lives in this
// isolated world, which the page cannot see or fake.
const guard = globalThis as { __rucheBridge?: true };
if (!guard.__rucheBridge && window === window.top) {
  guard.__rucheBridge = true;
  boot();
}

function boot(): void {
  const channel = new MessageChannel();
  const page = channel.port1;
  window.postMessage({ type: HANDOVER }, '*', [channel.port2]);

  let background: Runtime.Port | null = null;
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  const toPage = (message: ToPageMessage) => page.postMessage(message);
  const connect = () => {
    const port = browser.runtime.connect({ name: PAGE_PORT });
    port.onMessage.addListener((message: unknown) => toPage(message as ToPageMessage));
    port.onDisconnect.addListener(() => {
      background = null;
      toPage({ type: 'disconnected' });
    });
    return port;
  };

  page.onmessage = (event: MessageEvent) => {
    const message: unknown = event.data;
    if (!isPageMessage(message)) return;
    if (message.type === 'panel') {
      clearInterval(keepAlive);
      if (message.open) keepAlive = setInterval(() => background?.postMessage(message), KEEP_ALIVE_MS);
      else return; // closing needs no background
    }
    (background ??= connect()).postMessage(message);
  };

  const start = async () => {
    if (embedsRuche(document)) return; // the page has its own Ruche: stay out
    const settings = pageSettings(await readSettings(), location.href);
    if (settings) toPage({ type: 'start', ...settings });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void start(), { once: true });
  else void start();
}
