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

const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
const store = new PanelStore({ source: 'file', theme: dark ? 'dark' : 'light', schedule: (flush) => requestAnimationFrame(() => flush()) });

installFileDrop(document, store);

// For automation (benchmarks, tests): ?automation=1 exposes the store. Nothing else can reach it.
if (new URLSearchParams(location.search).has('automation')) (window as unknown as { mci: unknown }).mci = { store };

const root = document.getElementById('root');
if (root) render(<App store={store} host={{ kind: 'viewer', copy: (text) => copyText(document, text), saveSettings: () => undefined, download: (name, mime, text) => downloadText(document, name, mime, text) }} />, root);
