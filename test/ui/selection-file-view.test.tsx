/**
 * Opening a file in the DevTools panel (issue 22, item 5): the file gets a view of its own, the live
 * capture is neither replaced nor forgotten (its saved copy stays), live traffic never merges into
 * the file, "Back to live capture" brings the capture back whole with what came meanwhile, and the
 * "Opened…" notice goes with the file. A JSON report opened again shows the other requests it
 * counted. The viewer opens files in place, as before.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { entry, HOST } from '../helpers/har-builder.ts';
import { abandonDuringMidroll, idleThen410, SID3, SID4, SID5, vodWithAds } from '../helpers/session-scenarios.ts';
import { exportReport } from '../../src/ui/export.ts';
import { importText } from '../../src/ui/import-file.ts';
import { PanelStore, type CaptureEvent } from '../../src/ui/store/panel-store.ts';
import { all, calls, click, one, run, setUpPanelDom, show, text, type NewExchange } from './panel-harness.tsx';

setUpPanelDom();

const NOW = new Date('2026-11-02T12:00:00Z');
const harOf = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

/** `n` requests that are not Media Collection calls (counted, not kept). */
function others(n: number): NewExchange[] {
  return calls(Array.from({ length: n }, (_, i) => entry(`https://cdn.example.com/seg-${i}.ts`, null, { method: 'GET', rawBody: null, status: 200, at: i })));
}

/** A DevTools store capturing SID3's session, with what its glue would be told. */
function liveCapture(): { store: PanelStore; events: CaptureEvent['type'][] } {
  const store = new PanelStore({ source: 'devtools' });
  const events: CaptureEvent['type'][] = [];
  store.listenCapture((e) => events.push(e.type));
  for (const ex of calls(abandonDuringMidroll(SID3))) store.addExchange(ex);
  return { store, events };
}

const sessionSids = (c: HTMLElement) => all(c, '[data-testid=session]').map((s) => s.dataset.sid);

describe('a file opened in the DevTools panel', () => {
  test('opens into its own view; the live capture goes on behind it and comes back whole', async () => {
    const { store, events } = liveCapture();
    const liveCalls = store.callCount();
    const c = await show(store);
    assert.deepEqual(sessionSids(c), [SID3]);
    await run(() => { store.select(2); });
    assert.equal(importText(store, harOf('vod-clean.har'), 'vod-clean.har'), true);
    await run(() => undefined);
    const view = store.get().viewing?.store;
    assert.ok(view, 'a view of its own');
    assert.equal(view.opener, store);
    // The file is shown, said to be a file, and its rows are marked as the file's.
    assert.ok(!sessionSids(c).includes(SID3), 'the live session is not mixed into the file');
    const bar = one(c, '[data-testid=file-view-bar]');
    assert.match(text(bar), /Viewing vod-clean\.har \(HAR\): these requests come from the file/);
    assert.match(text(one(c, '[data-testid=notice]')), /^Opened vod-clean\.har \(HAR\): 48 requests/);
    await run(() => view.select(view.allExchanges()[0]?.index ?? 0));
    assert.match(text(one(c, '[data-testid=imported-from]')), /From vod-clean\.har \(opened file\)/);
    // The live capture was neither cleared nor forgotten (its saved copy stays).
    assert.equal(store.callCount(), liveCalls);
    assert.ok(!events.includes('clear'), `the glue was told: ${events.join(', ')}`);
    // Live traffic goes to the live capture, never into the file.
    const fileCalls = view.callCount();
    await run(() => { for (const ex of calls(vodWithAds(SID5)).slice(0, 3)) store.addExchange(ex); });
    assert.equal(view.callCount(), fileCalls, 'the file got nothing');
    assert.equal(store.callCount(), liveCalls + 3);
    assert.match(text(bar), /3 new Media Collection calls since/);
    assert.ok(!sessionSids(c).includes(SID5));
    // Back to live: the capture as it was (its selection too), with what came meanwhile; no "Opened…".
    await click(one(c, '[data-testid=back-to-live]'));
    assert.equal(store.get().viewing, null);
    assert.deepEqual(sessionSids(c), [SID3, SID5]);
    assert.equal(c.querySelector('[data-testid=file-view-bar]'), null);
    assert.equal(c.querySelector('[data-testid=imported-from]'), null);
    assert.equal(store.get().selectedExchange, 2, 'the live selection kept');
    assert.doesNotMatch(text(c.querySelector('[data-testid=notice]')), /Opened/);
  });

  test('a file opened from a file\'s view replaces that view; Clear clears the live capture and closes the view', async () => {
    const { store } = liveCapture();
    const c = await show(store);
    await run(() => { importText(store, harOf('vod-clean.har'), 'vod-clean.har'); });
    const first = store.get().viewing?.store;
    assert.ok(first);
    // Dropped or picked inside the file's view, the next file goes through the view's store.
    await run(() => { importText(first, harOf('broken-sequence.har'), 'broken-sequence.har'); });
    const second = store.get().viewing?.store;
    assert.ok(second && second !== first);
    assert.equal(second.opener, store, 'still opened from the live capture');
    assert.match(text(one(c, '[data-testid=file-view-bar]')), /broken-sequence\.har/);
    await click(one(c, '[data-testid=clear]'));
    assert.equal(store.get().viewing, null);
    assert.equal(store.callCount(), 0, 'Clear cleared the live capture');
    assert.ok(c.querySelector('[data-testid=empty]') || !c.querySelector('[data-testid=session]'));
  });

  test('a broken file changes no view: the notice says why', async () => {
    const { store } = liveCapture();
    const c = await show(store);
    await run(() => { importText(store, '{"log": {"entries": [ {', 'cut.har'); });
    assert.equal(store.get().viewing, null);
    assert.deepEqual(sessionSids(c), [SID3]);
    assert.match(text(one(c, '[data-testid=notice]')), /cut\.har/);
  });

  test('the theme follows DevTools into the file\'s view', async () => {
    const { store } = liveCapture();
    const c = await show(store);
    await run(() => { importText(store, harOf('vod-clean.har'), 'vod-clean.har'); });
    await run(() => store.setTheme('dark'));
    assert.match(one(c, '[data-testid=app]').className, /theme-dark/);
  });
});

describe('a JSON report opened again', () => {
  test('shows the other requests it counted (summary.ignoredNotKept), in the viewer and in the panel', async () => {
    const source = new PanelStore({ source: 'devtools' });
    for (const ex of [...calls(idleThen410(SID3, SID4).entries), ...others(12)]) source.addExchange(ex);
    assert.equal(source.get().otherRequests, 12);
    const json = exportReport(source, 'json', 'all', NOW, { userAgent: null }).text;
    assert.equal((JSON.parse(json) as { summary: { ignoredNotKept: number } }).summary.ignoredNotKept, 12);

    const viewer = new PanelStore({ source: 'file' });
    const c = await show(viewer);
    await run(() => { importText(viewer, json, 'panel.mci.json'); });
    assert.equal(viewer.get().viewing, null, 'the viewer opens in place');
    assert.equal(viewer.get().otherRequests, 12);
    assert.match(text(one(c, '[data-testid=statusbar]')), /(^|\D)12 other requests/);
    assert.match(text(one(c, '[data-testid=notice]')), /^Opened panel\.mci\.json \(JSON report\)/);

    const { store } = liveCapture();
    importText(store, json, 'panel.mci.json');
    assert.equal(store.get().viewing?.store.get().otherRequests, 12);
    assert.equal(store.get().otherRequests, 0, 'the live capture keeps its own count');
  });

  test('a HAR counts its own other requests, as before', () => {
    const viewer = new PanelStore({ source: 'file' });
    const text = JSON.stringify({ log: { entries: [
      ...JSON.parse(harOf('vod-clean.har')).log.entries,
      entry(`${HOST}/api/v1/sessions`, null, { method: 'OPTIONS', rawBody: null, status: 204 }),
    ] } });
    importText(viewer, text, 'mixed.har');
    assert.equal(viewer.get().otherRequests, 1);
  });
});
