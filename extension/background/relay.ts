import type { Runtime } from 'webextension-polyfill';
import browser, { readSettings } from '../shared/browser.ts';
import { pageSettings } from '../shared/settings.ts';
import { isPageMessage, type BackgroundMessage, type CallMessage, type FetchMessage, type Hello } from '../shared/protocol.ts';
import { checkRequest } from './allowed.ts';
import { fetchAsPerson } from './as-person.ts';
import { chooseDemoPerson, identityState, onIdentityChange } from './identity.ts';
import { serverInfo } from './server.ts';

/**
 * The pages' way to the Ruche API. Each enabled page's content script connects a port when its
 * panel first needs something; requests come in as messages, and the answers go back the same way
 * (an event stream chunk by chunk). The background makes the requests itself: it has host access to
 * the Ruche server (no CORS, whatever the page's `connect-src`), and it adds the person's token,
 * which therefore never enters the page.
 *
 * Only the requests the panel's widgets make are relayed (allowed.ts: an explicit list of methods
 * and paths of the configured server's API), with the headers they send; anything else gets a 403
 * that says so, and never reaches the server.
 */
const HEADERS = new Set(['accept', 'content-type', 'idempotency-key', 'last-event-id']);
const MAX_BODY = 256 * 1024;

const ports = new Set<Runtime.Port>();

onIdentityChange((identity) => {
  for (const port of ports) port.postMessage({ type: 'identity', identity } satisfies BackgroundMessage);
});

export function acceptPage(port: Runtime.Port): void {
  const pageUrl = port.sender?.url;
  const inflight = new Map<number, AbortController>();
  ports.add(port);
  port.onDisconnect.addListener(() => {
    ports.delete(port);
    for (const abort of inflight.values()) abort.abort();
  });
  const send = (message: BackgroundMessage) => {
    if (ports.has(port)) port.postMessage(message);
  };
  port.onMessage.addListener(async (message: unknown) => {
    if (!isPageMessage(message) || message.type === 'panel') return; // 'panel' only keeps this worker awake
    if (message.type === 'abort') return inflight.get(message.id)?.abort();
    // A page of a site that is (still) enabled, nothing else.
    const settings = await readSettings();
    const page = pageUrl ? pageSettings(settings, pageUrl) : null;
    if (!page) {
      if (message.type === 'fetch') send({ type: 'end', id: message.id, error: 'This site is not enabled.' });
      else send({ type: 'result', id: message.id, error: 'This site is not enabled.' });
      return;
    }
    if (message.type === 'call') return call(message, send);
    const abort = new AbortController();
    inflight.set(message.id, abort);
    try {
      await relay(page.api, message, abort.signal, send);
    } catch (error) {
      send({ type: 'end', id: message.id, error: abort.signal.aborted ? 'aborted' : String((error as Error)?.message ?? error) });
    } finally {
      inflight.delete(message.id);
    }
  });
}

async function call(message: CallMessage, send: (message: BackgroundMessage) => void): Promise<void> {
  try {
    let value: unknown;
    if (message.name === 'hello') {
      const { serverUrl } = await readSettings();
      value = { identity: await identityState(), features: (await serverInfo(serverUrl)).features } satisfies Hello;
    } else if (message.name === 'choose') value = await chooseDemoPerson(typeof message.sub === 'string' ? message.sub : '');
    else if (message.name === 'options') value = await browser.runtime.openOptionsPage();
    send({ type: 'result', id: message.id, value });
  } catch (error) {
    send({ type: 'result', id: message.id, error: String((error as Error)?.message ?? error) });
  }
}

async function relay(api: string, message: FetchMessage, signal: AbortSignal, send: (message: BackgroundMessage) => void): Promise<void> {
  const method = String(message.method).toUpperCase();
  const verdict = checkRequest(api, String(message.url), method);
  if (!verdict.ok) return send(refused(message.id, verdict.reason));
  const url = new URL(message.url);
  if (message.body !== undefined && (typeof message.body !== 'string' || message.body.length > MAX_BODY)) throw new Error('Body refused.');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (HEADERS.has(name.toLowerCase()) && typeof value === 'string') headers[name] = value;
  }
  const response = await fetchAsPerson(api, url, { method, headers, body: message.body, signal });
  const streamed = /^text\/event-stream/i.test(response.headers.get('Content-Type') ?? '') && !!response.body;
  const head = { type: 'response' as const, id: message.id, status: response.status, statusText: response.statusText, headers: [...response.headers] };
  if (!streamed) return send({ ...head, body: await response.text() });
  send({ ...head, streamed: true });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    send({ type: 'chunk', id: message.id, text: value });
  }
  return send({ type: 'end', id: message.id });
}

/** The answer to a request the extension does not relay: an API error, as the widgets read them. */
function refused(id: number, message: string): BackgroundMessage {
  const body = JSON.stringify({ error: { code: 'extension_refused', message } });
  return { type: 'response', id, status: 403, statusText: 'Forbidden', headers: [['content-type', 'application/json']], body };
}
