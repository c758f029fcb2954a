/**
 * The devtools page: lives as long as DevTools is open for the inspected tab. It starts capturing
 * at once (before the panel is first shown, whose document only exists from then on), registers
 * the "Media Collection" panel, and renders the UI into the panel's window when it is shown, so
 * the UI and the capture share one JavaScript context (the pattern of preact-devtools).
 * It reaches the browser only through the DevtoolsApi it is given.
 */
import { options, render } from 'preact';
import { App } from '../src/ui/components/App.tsx';
import { PanelStore } from '../src/ui/store/panel-store.ts';
import { copyText } from '../src/ui/clipboard.ts';
import { installFileDrop } from '../src/ui/file-drop.ts';
import { downloadText } from '../src/ui/download.ts';
import type { PanelHost } from '../src/ui/host.ts';
import { hostOf } from '../src/ui/export-name.ts';
import { plural } from '../src/ui/format.ts';
import { offerCapture } from '../src/ui/viewer-handoff.ts';
import { startCapture } from './capture/capture.ts';
import { RoadMerge } from './capture/road-merge.ts';
import { startWebRoad } from './capture/web-road.ts';
import { loadSettings, saveSettings } from './settings-storage.ts';
import { CapturePersistence } from './capture/persist.ts';
import type { DevtoolsApi } from './api/devtools-api.ts';

export interface DevtoolsPage {
  store: PanelStore;
  /** Settles once the panel exists (or DevTools refused it). */
  panel: Promise<unknown>;
  /** Settles once the start-up back-fill from DevTools' network log is in the store. */
  captured: Promise<void>;
}

/** The inspected page's origin, or null when it cannot be read within a few seconds. */
function pageOrigin(api: DevtoolsApi): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 3000)));
  return Promise.race([api.inspectedOrigin(), late]).catch(() => null).finally(() => clearTimeout(timer));
}

function webOrigin(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

const themeOf = (name: string) => (name === 'dark' ? 'dark' : 'light');

export function startDevtoolsPage(api: DevtoolsApi, idb: IDBFactory = indexedDB): DevtoolsPage {
  let panelWindow: Window | null = null;
  const store = new PanelStore({
    source: 'devtools',
    browserKind: api.browserKind,
    theme: themeOf(api.themeName()),
    // Render at most once per frame of the panel; before it is shown nobody listens.
    schedule: (flush) => (panelWindow ? panelWindow.requestAnimationFrame(() => flush()) : setTimeout(flush, 50)),
  });

  // The saved settings come first (custom endpoints decide which requests are kept), then what was
  // captured before DevTools was last closed; new requests wait for both.
  const settingsLoaded = loadSettings(api.storage).then((saved) => {
    if (saved) {
      try {
        store.setSettings(saved);
      } catch {
        // stored settings from an older version: keep the defaults
      }
    }
  }).catch(() => undefined);
  // A saved capture comes back only to its own tab on its own site (tab ids are reused), and only
  // what was captured in the last day: older requests of every tab are deleted first.
  const persistence = new CapturePersistence(api.tabId, idb);
  // The inspected page's host names exported files; a navigation updates it.
  let pageHost: string | null = null;
  const restored = settingsLoaded.then(() => pageOrigin(api)).then((origin) => {
    pageHost ??= hostOf(origin);
    return persistence.restore(origin);
  }).then((saved) => {
    if (saved) store.restore(saved.exchanges, saved.navigations, `Restored ${plural(saved.exchanges.length, 'request')} captured before DevTools was closed`);
  }).catch(() => undefined);
  store.listenCapture((e) => {
    if (e.type === 'exchange') persistence.append(e.exchange);
    else if (e.type === 'navigations') persistence.setNavigations(e.navigations);
    else void persistence.forget().catch(() => undefined);
  });
  // The page's origin from the navigation itself: asking the page then may still get the old one.
  api.network.onNavigated((url) => {
    persistence.setOrigin(webOrigin(url));
    pageHost = hostOf(url) ?? pageHost;
  });
  // DevTools' network API, and with the user's consent the webRequest capture, as two roads merged into one list.
  const roads = new RoadMerge({ take: (ex) => void store.addExchange(ex) });
  const captured = startCapture(api.network, store, { ready: restored, roads, recordCutOff: api.browserKind === 'chromium' });
  if (api.webCapture) startWebRoad(api.webCapture, api.tabId, store, roads, () => api.inspectedOrigin());

  api.onThemeChanged((theme) => store.setTheme(themeOf(theme)));

  const panel = api.createPanel('Media Collection', 'icons/panel.svg', 'panel.html').then((created) => {
    created.onShown((win) => {
      if (panelWindow === win) return;
      panelWindow = win;
      // Hooks' effects wait for an animation frame; the devtools page is hidden and gets none.
      options.requestAnimationFrame = (cb) => win.requestAnimationFrame(cb);
      const root = win.document.getElementById('root');
      if (!root) return;
      installFileDrop(win.document, store);
      const host: PanelHost = {
        kind: 'devtools',
        copy: (text) => copyText(win.document, text),
        saveSettings: (settings) => saveSettings(api.storage, settings),
        download: (name, mime, text) => downloadText(win.document, name, mime, text),
        // With a capture, the viewer asks the panel for it by id (viewer-handoff.ts: in memory only).
        openViewer: (capture, onShown) => {
          const id = capture ? crypto.randomUUID() : '';
          const offered = capture ? offerCapture(win, id, capture, 60_000, onShown) : false;
          win.open(api.extensionUrl(`viewer.html${offered ? `#capture=${id}` : ''}`), '_blank');
        },
        pageHost: () => pageHost,
        ...(api.webCapture ? {
          // The consent page asks for the inspected site too: the browser reports a page's requests only then.
          openCaptureSetup: () => void api.inspectedOrigin().then((origin) => {
            win.open(api.extensionUrl(`capture-setup.html${origin ? `?page=${encodeURIComponent(origin)}` : ''}`), '_blank');
          }),
        } : {}),
      };
      // panel.html's "is starting…" line: render() keeps what it did not create (it was left under the status bar).
      root.replaceChildren();
      render(<App store={store} host={host} />, root);
    });
  });
  // A panel DevTools refused is reported where an extension developer looks: the devtools page's console.
  panel.catch((e: unknown) => console.error('Media Collection Inspector could not create its panel:', e));
  return { store, panel, captured };
}
