/**
 * The devtools page: lives as long as DevTools is open for the inspected tab. It starts capturing
 * at once (before the panel is first shown, whose document only exists from then on), registers
 * the "Media Collection" panel, and renders the UI into the panel's window when it is shown, so
 * the UI and the capture share one JavaScript context (the pattern of preact-devtools).
 * This folder is the only code that touches browser.*.
 */
import browser from 'webextension-polyfill';
import { options, render } from 'preact';
import { App } from '../src/ui/components/App.tsx';
import { PanelStore } from '../src/ui/store/panel-store.ts';
import { copyText } from '../src/ui/clipboard.ts';
import { installFileDrop } from '../src/ui/file-drop.ts';
import { downloadText } from '../src/ui/download.ts';
import { startCapture, type NetworkSource } from './capture/capture.ts';
import { loadSettings, saveSettings } from './settings-storage.ts';
import { CapturePersistence } from './capture/persist.ts';

let panelWindow: Window | null = null;

const store = new PanelStore({
  source: 'devtools',
  theme: browser.devtools.panels.themeName === 'dark' ? 'dark' : 'light',
  // Render at most once per frame of the panel; before it is shown nobody listens.
  schedule: (flush) => (panelWindow ? panelWindow.requestAnimationFrame(() => flush()) : setTimeout(flush, 50)),
});

const network: NetworkSource = {
  onRequestFinished: (listener) => browser.devtools.network.onRequestFinished.addListener(listener as never),
  getHAR: () => browser.devtools.network.getHAR() as Promise<{ entries?: Record<string, unknown>[] }>,
  onNavigated: (listener) => browser.devtools.network.onNavigated.addListener(listener),
};

// The saved settings come first (custom endpoints decide which requests are kept), then what was
// captured before DevTools was last closed; new requests wait for both.
const settingsLoaded = loadSettings().then((saved) => {
  if (saved) {
    try {
      store.setSettings(saved);
    } catch {
      // stored settings from an older version: keep the defaults
    }
  }
}).catch(() => undefined);
const persistence = new CapturePersistence(browser.devtools.inspectedWindow.tabId);
const restored = settingsLoaded.then(() => persistence.restore()).then((saved) => {
  if (saved) store.restore(saved.exchanges, saved.navigations, `Restored ${saved.exchanges.length} requests captured before DevTools was closed`);
}).catch(() => undefined);
store.listenCapture((e) => {
  if (e.type === 'exchange') persistence.append(e.exchange);
  else if (e.type === 'navigations') persistence.setNavigations(e.navigations);
  else void persistence.forget().catch(() => undefined);
});
void startCapture(network, store, { ready: restored });

// Firefox tells when the DevTools theme changes; Chrome only has the name at start.
// https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/devtools/panels/onThemeChanged
const themed = browser.devtools.panels as unknown as { onThemeChanged?: { addListener(cb: (t: string) => void): void } };
themed.onThemeChanged?.addListener((theme) => store.setTheme(theme === 'dark' ? 'dark' : 'light'));

void browser.devtools.panels.create('Media Collection', 'icons/panel.svg', 'panel.html').then((panel) => {
  panel.onShown.addListener((win: Window) => {
    if (panelWindow === win) return;
    panelWindow = win;
    // Hooks' effects wait for an animation frame; the devtools page is hidden and gets none.
    options.requestAnimationFrame = (cb) => win.requestAnimationFrame(cb);
    const root = win.document.getElementById('root');
    if (!root) return;
    installFileDrop(win.document, store);
    const host = {
      kind: 'devtools' as const,
      copy: (text: string) => copyText(win.document, text),
      saveSettings,
      download: (name: string, mime: string, text: string) => downloadText(win.document, name, mime, text),
      openViewer: () => void win.open(browser.runtime.getURL('viewer.html'), '_blank'),
    };
    render(<App store={store} host={host} />, root);
  });
});
