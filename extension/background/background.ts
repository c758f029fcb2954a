/**
 * The background script (an event page in Firefox, a service worker in Chromium): the webRequest
 * side of "Capture without loss". Without the user's consent it has no permission and does
 * nothing: the webRequest namespace does not exist, no devtools page connects, and it only
 * listens for the permission being granted. With it, it follows the media calls of the tabs whose
 * DevTools panel asks (over a port) and hands each finished call to that panel.
 *
 * Listeners are added synchronously at the top level, so that the browser wakes the script for
 * them (https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/Background_scripts).
 */
import browser from 'webextension-polyfill';
import { CAPTURE_PORT, WatchedTabs, type ToBackground } from './watched-tabs.ts';
import { WebCapture, type ReplyFilter, type RequestDetails } from './web-capture.ts';
import { CONSENT_KEY, isGranted, originOf } from '../consent/capture-permissions.ts';
import { purgeExpiredCaptures } from '../capture/persist.ts';

type Listener = (details: RequestDetails) => unknown;
interface WebRequestEvent {
  addListener(listener: Listener, filter: { urls: string[] }, extra?: string[]): void;
  removeListener(listener: Listener): void;
}
/** The browser's own webRequest namespace (not the polyfill's: blocking listeners and filterResponseData are used as they are). */
interface WebRequestApi {
  onBeforeRequest: WebRequestEvent;
  onSendHeaders: WebRequestEvent;
  onHeadersReceived: WebRequestEvent;
  onBeforeRedirect: WebRequestEvent;
  onCompleted: WebRequestEvent;
  onErrorOccurred: WebRequestEvent;
  filterResponseData?: (requestId: string) => ReplyFilter;
}

const nativeWebRequest = (): WebRequestApi | undefined => {
  const g = globalThis as unknown as { browser?: { webRequest?: WebRequestApi }; chrome?: { webRequest?: WebRequestApi } };
  return g.browser?.webRequest ?? g.chrome?.webRequest;
};

const tabs = new WatchedTabs();
const capture = new WebCapture({
  wants: (tabId, method, url) => tabs.wants(tabId, method, url),
  emit: (tabId, exchange) => tabs.deliver(tabId, exchange),
  // Firefox streams replies through the extension (Edge's session id is in one); Chromium cannot in Manifest V3.
  filterReply: (requestId) => {
    const api = nativeWebRequest();
    try {
      return api?.filterResponseData ? api.filterResponseData(requestId) : null;
    } catch {
      return null;
    }
  },
});

const URLS = { urls: ['<all_urls>'] };
const listeners: [keyof WebRequestApi, Listener, string[]][] = [
  ['onBeforeRequest', (d) => {
    capture.beforeRequest(d);
    return undefined;
  }, ['requestBody']],
  ['onSendHeaders', (d) => capture.sendHeaders(d), ['requestHeaders']],
  ['onHeadersReceived', (d) => capture.headersReceived(d), ['responseHeaders']],
  ['onBeforeRedirect', (d) => capture.redirected(d), ['responseHeaders']],
  ['onCompleted', (d) => capture.completed(d), ['responseHeaders']],
  // No extraInfoSpec at all here: Firefox refuses an empty list for this event.
  ['onErrorOccurred', (d) => capture.failed(d), []],
];
let listening: WebRequestApi | null = null;

/** Starts following requests, once the permission is there (the namespace exists only then). */
function listen(): void {
  const api = nativeWebRequest();
  if (listening || !api) return;
  listening = api;
  // A reply can only be filtered from a blocking listener, which Firefox allows and Chromium does not.
  const blocking = typeof api.filterResponseData === 'function' ? ['blocking'] : [];
  for (const [event, fn, extra] of listeners) {
    const spec = event === 'onBeforeRequest' ? [...blocking, ...extra] : extra;
    if (spec.length) (api[event] as WebRequestEvent).addListener(fn, URLS, spec);
    else (api[event] as WebRequestEvent).addListener(fn, URLS);
  }
}

function stopListening(): void {
  if (!listening) return;
  for (const [event, fn] of listeners) (listening[event] as WebRequestEvent).removeListener(fn);
  listening = null;
}

/**
 * Whether the browser will report the page's requests: it tells an extension about a request only
 * if it may access both the request's host and the page that sent it (the initiator).
 */
async function covers(pageOrigin: string | null | undefined): Promise<boolean> {
  const pattern = pageOrigin ? originOf(pageOrigin) : null;
  if (!pattern) return true;
  try {
    return await browser.permissions.contains({ origins: [pattern] });
  } catch {
    return false;
  }
}

/** The consent as the devtools pages read it (they have no permissions API in Firefox): kept in storage. */
async function publishConsent(): Promise<void> {
  const granted = await isGranted(browser.permissions);
  await browser.storage.local.set({ [CONSENT_KEY]: granted });
  if (granted) listen();
  else stopListening();
}

// Saved captures older than a day go when the browser starts (and on installation or update), not
// only when some DevTools panel opens: a capture nobody reopens does not wait on disk.
const purge = () => void purgeExpiredCaptures().catch(() => undefined);
browser.runtime.onStartup.addListener(purge);
browser.runtime.onInstalled.addListener(purge);

browser.permissions.onAdded.addListener(() => void publishConsent());
browser.permissions.onRemoved.addListener(() => void publishConsent());

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== CAPTURE_PORT) return;
  listen();
  port.onMessage.addListener((message: unknown) => {
    const m = message as ToBackground;
    if (m.type === 'watch' && Number.isInteger(m.tabId)) {
      tabs.watch(m.tabId, port, Array.isArray(m.customEndpoints) ? m.customEndpoints.map(String) : []);
      void covers(m.pageOrigin).then((covered) => port.postMessage({ type: 'watching', tabId: m.tabId, covered }));
    } else if (m.type === 'endpoints' && Array.isArray(m.customEndpoints)) {
      tabs.setEndpoints(port, m.customEndpoints.map(String));
    }
  });
  port.onDisconnect.addListener(() => {
    for (const tabId of tabs.unwatch(port)) capture.forgetTab(tabId);
  });
});

// Started with the permission already granted (a browser restart, a service worker woken up, an
// installation that granted it): follow requests, and make sure the devtools pages know.
if (nativeWebRequest()) {
  listen();
  void publishConsent();
}
