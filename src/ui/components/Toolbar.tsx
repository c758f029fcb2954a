/** Record, clear, preserve log, filters, settings, file import. Sessions are chosen in the sessions list, not here. */
import { useState } from 'preact/hooks';
import { EVENT_TYPES } from '../../core/protocol/media-collection/event-types.ts';
import { useHost, usePanelState, useStore } from '../store/use-store.ts';
import { FILTER_HELP, FILTER_PLACEHOLDER } from '../store/filter-text.ts';
import { SettingsPanel } from './SettingsPanel.tsx';
import { OpenFile } from './OpenFile.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import { captureOf } from '../viewer-handoff.ts';
import { plural } from '../format.ts';

export function Toolbar() {
  const store = useStore();
  const state = usePanelState();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const host = useHost();
  const f = state.filter;
  return (
    <div class="toolbar" role="toolbar" aria-label="Media Collection toolbar">
      {state.source === 'devtools' && (
        <>
          <button type="button" aria-pressed={state.recording} title={state.recording ? 'Stop recording' : 'Record'} data-testid="record"
            onClick={() => store.setRecording(!state.recording)}>{state.recording ? '● Recording' : '○ Paused'}</button>
          <label title="Keep the captured requests when the page navigates">
            <input type="checkbox" checked={state.preserveLog} onChange={(e) => store.setPreserveLog(e.currentTarget.checked)} data-testid="preserve-log" /> Preserve log
          </label>
        </>
      )}
      <button type="button" onClick={() => store.clear()} title="Clear everything captured" data-testid="clear">Clear</button>
      <span class="sep" />
      <input type="search" placeholder={FILTER_PLACEHOLDER} title={FILTER_HELP} value={f.text} aria-label="Filter text"
        onInput={(e) => store.setFilter({ text: e.currentTarget.value })} data-testid="filter-text" />
      <select aria-label="Event type" value={f.eventTypes[0] ?? ''} onChange={(e) => store.setFilter({ eventTypes: e.currentTarget.value ? [e.currentTarget.value] : [] })} data-testid="filter-type">
        <option value="">All events</option>
        {EVENT_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
      </select>
      <select aria-label="Severity" value={f.severity} onChange={(e) => store.setFilter({ severity: e.currentTarget.value as typeof f.severity })} data-testid="filter-severity">
        <option value="all">All requests</option>
        <option value="error">Errors</option>
        <option value="warning">Warnings and errors</option>
        <option value="info">With any finding</option>
      </select>
      <label><input type="checkbox" checked={f.hidePings} onChange={(e) => store.setFilter({ hidePings: e.currentTarget.checked })} data-testid="hide-pings" /> Hide pings</label>
      <span class="sep" />
      <OpenFile />
      <ExportMenu />
      {state.webCapture !== 'unavailable' && host.openCaptureSetup && (
        <button type="button" class={`web-capture ${state.webCapture}`} data-testid="web-capture" aria-pressed={state.webCapture === 'on'}
          title={state.webCapture === 'on'
            ? 'Capture without loss is on: media calls are also captured with the browser\'s webRequest API, so none is lost at a navigation. Click to review or turn it off.'
            : state.webCapture === 'not-this-site'
              ? 'Capture without loss is on, but not for this site: the browser reports a page\'s requests only when the extension may access the page too. Click to allow this site.'
              : 'The browser\'s DevTools can lose media calls at a navigation. Click to let the inspector also capture them with the webRequest API (asks for your permission).'}
          onClick={() => host.openCaptureSetup?.()}>{state.webCapture === 'on' ? '✓ Without loss' : state.webCapture === 'not-this-site' ? 'Without loss: allow this site…' : 'Capture without loss…'}</button>
      )}
      {host.openViewer && (
        <button type="button" data-testid="open-viewer"
          title={store.analysis().calls.length ? 'Open what the panel shows in a viewer tab (a copy, kept in that tab only)' : 'Open the viewer in a tab, for a recording someone sent'}
          onClick={() => host.openViewer?.(store.analysis().calls.length ? captureOf(store, host.pageHost?.() ?? null) : undefined,
            (shown) => store.setNotice(`The viewer tab shows ${plural(shown.requests, 'Media Collection call')} in ${plural(shown.sessions, 'session')}`))}>Viewer ↗</button>
      )}
      <button type="button" title="Settings" aria-expanded={settingsOpen} onClick={() => setSettingsOpen(!settingsOpen)} data-testid="settings-button">⚙ Settings</button>
      {settingsOpen && <SettingsPanel onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}
