/**
 * The same UI outside DevTools: a viewer for a recording someone sent (file picker or drag and
 * drop anywhere on the page). No browser extension API: it runs as an extension page and as a
 * plain page served by `mci serve` (/viewer.html).
 */
import { render } from 'preact';
import { App } from './components/App.tsx';
import { PanelStore } from './store/panel-store.ts';
import { copyText } from './clipboard.ts';
import { installFileDrop } from './file-drop.ts';
import { downloadText } from './download.ts';
import { plural } from './format.ts';
import { askForCapture, captureIdIn, tellShown } from './viewer-handoff.ts';

const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
const store = new PanelStore({ source: 'file', theme: dark ? 'dark' : 'light', schedule: (flush) => requestAnimationFrame(() => flush()) });

installFileDrop(document, store);

// For automation (benchmarks, tests): ?automation=1 exposes the store. Nothing else can reach it.
if (new URLSearchParams(location.search).has('automation')) (window as unknown as { mci: unknown }).mci = { store };

// Opened by the panel's Viewer ↗ (#capture=<id>): the panel hands its capture over (viewer-handoff.ts).
let site: string | null = null;
const handed = captureIdIn(location.hash);
if (handed) {
  store.setNotice('Receiving the capture from the DevTools panel…');
  void askForCapture(window, handed).then((capture) => {
    // A reload must not ask again: the panel forgot its offer once taken.
    history.replaceState(null, '', location.pathname + location.search);
    if (!capture) return store.setNotice('The DevTools panel did not hand its capture over (closed?): export it there as JSON and open the file here.');
    site = capture.site;
    store.setSettings(capture.settings);
    store.restore(capture.exchanges, capture.navigations, `Opened the capture from DevTools${site ? ` of ${site}` : ''}: ${plural(capture.exchanges.length, 'request')}`);
    const shown = store.analysis();
    tellShown(window, handed, { requests: shown.calls.length, sessions: shown.sessions.length });
  });
}

const root = document.getElementById('root');
if (root) {
  render(<App store={store} host={{
    kind: 'viewer', copy: (text) => copyText(document, text), saveSettings: () => undefined, download: (name, mime, text) => downloadText(document, name, mime, text), pageHost: () => site,
  }} />, root);
}
