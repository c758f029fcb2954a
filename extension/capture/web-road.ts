/**
 * The devtools page's end of "Capture without loss": while the user's consent stands, a port to
 * the background asks for the inspected tab's media calls (under the current custom endpoints)
 * and hands each to the road merge, beside DevTools' own reports. No consent: no port, and the
 * background never hears of this tab.
 */
import type { PanelStore } from '../../src/ui/store/panel-store.ts';
import type { BackgroundPort, WebCaptureApi } from '../api/devtools-api.ts';
import type { RoadMerge } from './road-merge.ts';

/** The background (an event page, a service worker) is kept awake by a message this often. */
const KEEPALIVE_MS = 10_000;
/** A port the background dropped (it was stopped) is opened again after this. */
const RECONNECT_MS = 300;

export function startWebRoad(api: WebCaptureApi, tabId: number, store: PanelStore, roads: RoadMerge, pageOrigin: () => Promise<string | null>): void {
  let port: BackgroundPort | null = null;
  let granted = false;
  let keepalive: ReturnType<typeof setInterval> | null = null;
  let endpoints = store.get().settings.customEndpoints;
  let navigations = store.get().navigations;
  /** Tells the background which tab, endpoints and page (it says whether the page is covered). */
  const watch = () => {
    const p = port;
    if (!p) return;
    void pageOrigin().then((origin) => p.post({ type: 'watch', tabId, customEndpoints: [...endpoints], pageOrigin: origin }));
  };

  const open = () => {
    if (port || !granted) return;
    let p: BackgroundPort;
    try {
      p = api.connect();
    } catch {
      return;
    }
    port = p;
    p.onMessage((m) => {
      if (m.type === 'exchange') roads.web(m.exchange);
      else if (m.type === 'watching' && granted) {
        // Not covered: the browser reports none of this page's requests, so DevTools' road is the only one.
        roads.webOn = m.covered;
        store.setWebCapture(m.covered ? 'on' : 'not-this-site');
      }
    });
    p.onDisconnect(() => {
      if (port !== p) return;
      port = null;
      if (granted) setTimeout(open, RECONNECT_MS);
    });
    watch();
    keepalive ??= setInterval(() => port?.post({ type: 'keepalive' }), KEEPALIVE_MS);
  };

  const close = () => {
    const p = port;
    port = null;
    if (keepalive) clearInterval(keepalive);
    keepalive = null;
    p?.disconnect();
  };

  const apply = (on: boolean) => {
    granted = on;
    roads.webOn = on;
    store.setWebCapture(on ? 'on' : 'off');
    if (on) open();
    else close();
  };

  store.setWebCapture('off');
  void api.consent().then(apply);
  api.onConsentChanged(apply);
  store.subscribe(() => {
    const state = store.get();
    if (state.settings.customEndpoints !== endpoints) {
      endpoints = state.settings.customEndpoints;
      port?.post({ type: 'endpoints', customEndpoints: [...endpoints] });
    }
    // A new page may be a new site: ask again whether it is covered.
    if (state.navigations !== navigations) {
      navigations = state.navigations;
      watch();
    }
  });
}
