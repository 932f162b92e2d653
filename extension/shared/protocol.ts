/**
 * The messages between the three places the extension runs in:
 *
 *   page world (MAIN: the panel, the widgets)  ⇄  content script (ISOLATED: the bridge)  ⇄  background
 *          MessagePort, handed over once               runtime.connect port
 *
 * The page world never sees a token: it asks for API requests by URL, and the background adds the
 * person's identity to those that go to the Ruche API.
 */

/** A request for the Ruche API, as the widgets' fetch would make it. */
export interface FetchMessage {
  type: 'fetch';
  id: number;
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface AbortMessage {
  type: 'abort';
  id: number;
}

/** Questions about the person, answered by the background. */
export type CallName = 'hello' | 'choose' | 'options';

export interface CallMessage {
  type: 'call';
  id: number;
  name: CallName;
  /** `choose`: the demo person's sub, or '' for nobody. */
  sub?: string;
}

/** What the page world sends (the content script forwards nothing else). */
export type PageMessage = FetchMessage | AbortMessage | CallMessage;

/** Who the widgets act as, as the page world may know it (no token). */
export interface IdentityState {
  mode: 'token' | 'header' | 'demo' | null;
  /** The person, if the server knows who they are. */
  person: { name: string; sub?: string } | null;
  /** Why nobody is signed in (token mode: no token URL, or not signed in to the intranet). */
  problem?: 'no-token-url' | 'signed-out' | 'unreachable';
}

/** What the server offers beyond comments and likes (older servers lack some). */
export interface Features {
  experts: boolean;
  ideas: boolean;
}

export interface Hello {
  identity: IdentityState;
  features: Features;
}

/** The start of an API response; an event stream's body follows in `chunk`s, then `end`. */
export interface ResponseMessage {
  type: 'response';
  id: number;
  status: number;
  statusText: string;
  headers: [string, string][];
  /** The whole body, unless `streamed`. */
  body?: string;
  streamed?: boolean;
}

export interface ChunkMessage {
  type: 'chunk';
  id: number;
  text: string;
}

/** A streamed body ended (`error`: cut off), or a request failed before any response. */
export interface EndMessage {
  type: 'end';
  id: number;
  error?: string;
}

export interface ResultMessage {
  type: 'result';
  id: number;
  value?: unknown;
  error?: string;
}

/** The person changed (in this tab's panel, another tab's, or the options page). */
export interface IdentityMessage {
  type: 'identity';
  identity: IdentityState;
}

/** What the background sends to a page. */
export type BackgroundMessage = ResponseMessage | ChunkMessage | EndMessage | ResultMessage | IdentityMessage;

/** What the content script adds: the page's settings to start with, and a lost background. */
export interface StartMessage {
  type: 'start';
  api: string;
  space: string | null;
  lang: 'fr' | 'en' | null;
}

/** The background went away (the service worker stopped): what was in flight failed. */
export interface DisconnectedMessage {
  type: 'disconnected';
}

export type ToPageMessage = BackgroundMessage | StartMessage | DisconnectedMessage;

/** The panel opened or closed: while it is open, the content script keeps the background awake. */
export interface PanelMessage {
  type: 'panel';
  open: boolean;
}

/** The name of the runtime port from a page's content script. */
export const PAGE_PORT = 'ruche-page';

/** The message handing the page world its end of the channel. */
export const HANDOVER = 'ruche-extension:port';

export function isPageMessage(value: unknown): value is PageMessage | PanelMessage {
  if (!value || typeof value !== 'object') return false;
  const message = value as { type?: unknown; id?: unknown };
  if (message.type === 'panel') return typeof (value as PanelMessage).open === 'boolean';
  if (typeof message.id !== 'number') return false;
  return message.type === 'fetch' || message.type === 'abort' || message.type === 'call';
}
