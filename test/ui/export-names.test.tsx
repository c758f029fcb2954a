/**
 * Exports ready for a ticket: files named after the site (the inspected page's host, or the file
 * the recording came from), the session (when the export holds exactly one) and the time; the
 * export buttons disabled while there is nothing to export; *Viewer ↗* handing the current capture
 * to the viewer tab (in memory, over a BroadcastChannel); the empty state naming Media Edge's paths.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exportFileName, fileNamePart, fileStem, hostOf, sessionNamePart } from '../../src/ui/export-name.ts';
import { exportReport } from '../../src/ui/export.ts';
import type { PanelHost } from '../../src/ui/host.ts';
import { PanelStore } from '../../src/ui/store/panel-store.ts';
import { askForCapture, captureIdIn, captureOf, offerCapture, tellShown, type ViewerCapture } from '../../src/ui/viewer-handoff.ts';
import { SID, SID2, T0 } from '../helpers/har-builder.ts';
import { liveStream, toExchanges, vodWithAds } from '../helpers/session-scenarios.ts';
import { calls, click, makeHost, one, run, setUpPanelDom, show, storeWith, text, waitUntil } from './panel-harness.tsx';

setUpPanelDom();

const NOW = new Date(T0);
const STAMP = '2026-11-02-10-00-00';

/** A live stream ("News 24") and a VOD with ads ("Big Buck Bunny"), one after the other. */
function twoSessions(): PanelStore {
  return storeWith([calls(liveStream(SID, T0, 1)), calls(vodWithAds(SID2, T0 + 10_000_000))]);
}

describe('file name parts', () => {
  test('captured text becomes letters, digits, dot, dash and underscore only, at most 40 characters', () => {
    assert.equal(fileNamePart('News 24'), 'News-24');
    assert.equal(fileNamePart('Crème brûlée / épisode 3'), 'Creme-brulee-episode-3');
    assert.equal(fileNamePart('../../etc/passwd'), 'etc-passwd');
    assert.equal(fileNamePart('a<b>c:d"e|f?g*h\\i'), 'a-b-c-d-e-f-g-h-i');
    assert.equal(fileNamePart('x'.repeat(60)).length, 40);
    assert.equal(fileNamePart('日本語'), '');
  });

  test('a file\'s stem leaves out its extension, and the prefix and date of a name the panel gave it', () => {
    assert.equal(fileStem('edge-web-sdk.har'), 'edge-web-sdk');
    assert.equal(fileStem(`media-collection-player.example.com-News-24-${STAMP}.mci.json`), 'player.example.com-News-24');
    assert.equal(fileStem('ticket-42.json'), 'ticket-42');
  });

  test('a session is its content\'s name, else its id, else its sid\'s first characters', () => {
    assert.equal(sessionNamePart({ sid: SID, media: { name: 'News 24', id: 'live-news' } as never }), 'News-24');
    assert.equal(sessionNamePart({ sid: SID, media: { name: null, id: 'live/news' } as never }), 'live-news');
    assert.equal(sessionNamePart({ sid: SID, media: { name: null, id: null } as never }), SID.slice(0, 8));
    assert.equal(sessionNamePart({ sid: SID, media: { name: '???', id: null } as never }), SID.slice(0, 8));
    assert.equal(sessionNamePart({ sid: SID, media: { name: '???', id: 'vod-1' } as never }), 'vod-1');
  });

  test('hosts of web pages only', () => {
    assert.equal(hostOf('https://www.tv.example:8443/watch?x=1'), 'www.tv.example:8443');
    assert.equal(hostOf('about:blank'), null);
    assert.equal(hostOf('not a url'), null);
    assert.equal(hostOf(null), null);
  });

  test('site, session and date, each left out when unknown', () => {
    assert.equal(exportFileName({ site: 'player.example.com', session: 'News 24', now: NOW, extension: 'html' }), `media-collection-player.example.com-News-24-${STAMP}.html`);
    assert.equal(exportFileName({ site: null, session: null, now: NOW, extension: 'har' }), `media-collection-${STAMP}.har`);
    assert.equal(exportFileName({ site: 'localhost:8080', session: null, now: NOW, extension: 'mci.json' }), `media-collection-localhost-8080-${STAMP}.mci.json`);
  });
});

describe('exported files are named after the site and the session', () => {
  test('two sessions: the site only; one selected and exported: its content\'s name too', async () => {
    const store = twoSessions();
    assert.equal(exportReport(store, 'json', 'all', NOW).fileName, `media-collection-${STAMP}.mci.json`, 'nothing known but the date');
    const env = { userAgent: null, pageHost: 'player.example.com' };
    assert.equal(exportReport(store, 'html', 'all', NOW, env).fileName, `media-collection-player.example.com-${STAMP}.html`);

    await run(() => store.selectSession(SID));
    assert.equal(exportReport(store, 'html', 'selected', NOW, env).fileName, `media-collection-player.example.com-News-24-${STAMP}.html`);
    // Every session is in it: no session in the name, whichever is selected.
    assert.equal(exportReport(store, 'har', 'all', NOW, env).fileName, `media-collection-player.example.com-${STAMP}.har`);
    await run(() => store.selectSession(SID2));
    assert.equal(exportReport(store, 'md', 'filtered', NOW, env).fileName, `media-collection-player.example.com-Big-Buck-Bunny-${STAMP}.md`);
  });

  test('without the host, the last page DevTools saw the tab go to', async () => {
    const store = twoSessions();
    await run(() => store.navigated('https://www.tv.example:8443/watch?x=1', T0 + 20_000_000));
    assert.equal(exportReport(store, 'json', 'all', NOW).fileName, `media-collection-www.tv.example-8443-${STAMP}.mci.json`);
  });

  test('a recording opened from a file is named after the file', async () => {
    const store = new PanelStore({ source: 'file' });
    const exchanges = toExchanges(liveStream(SID, T0, 1));
    await run(() => store.openFile({ name: `media-collection-ticket 42-${STAMP}.mci.json`, kind: 'JSON report' }, (t) => t.load(exchanges, 'opened')));
    assert.equal(exportReport(store, 'html', 'all', NOW, { pageHost: 'ignored.example' }).fileName, `media-collection-ticket-42-News-24-${STAMP}.html`);
  });

  test('the panel\'s buttons name the file after the host\'s page', async () => {
    const t = makeHost();
    const host: PanelHost = { ...t.host, pageHost: () => 'player.example.com' };
    const c = await show(storeWith([calls(liveStream(SID, T0, 1))]), host);
    await click(one(c, '[data-testid=export-har]'));
    assert.equal(t.downloads.length, 1);
    assert.match(t.downloads[0]?.fileName ?? '', /^media-collection-player\.example\.com-News-24-\d{4}(-\d\d){5}\.har$/);
    assert.match(text(one(c, '[data-testid=notice]')), /^Saved media-collection-player\.example\.com-News-24-.*\.har \(\d+ requests\)$/);
  });
});

describe('export buttons', () => {
  test('disabled while nothing is captured, enabled by the first call', async () => {
    const store = new PanelStore();
    const c = await show(store);
    const buttons = () => ['export-json', 'export-html', 'export-har', 'export-md', 'export-scope'].map((id) => one(c, `[data-testid=${id}]`) as HTMLButtonElement);
    for (const b of buttons()) {
      assert.equal(b.disabled, true, `${b.dataset.testid} is disabled`);
    }
    assert.match(one(c, '[data-testid=export-json]').title, /^Nothing to export yet/);
    await run(() => { for (const ex of calls(liveStream(SID, T0, 1))) store.addExchange(ex); });
    for (const b of buttons()) assert.equal(b.disabled, false, `${b.dataset.testid} is enabled`);
  });
});

describe('Viewer ↗', () => {
  function viewerHost(): { host: PanelHost; opened: (ViewerCapture | undefined)[] } {
    const opened: (ViewerCapture | undefined)[] = [];
    return {
      opened,
      host: {
        ...makeHost().host, pageHost: () => 'player.example.com',
        // The viewer tab, as far as the panel knows it: it takes the capture and says what it shows.
        openViewer: (capture, onShown) => {
          opened.push(capture);
          if (capture) onShown?.({ requests: capture.exchanges.length, sessions: 2 });
        },
      },
    };
  }

  test('hands the viewer what the panel shows: its requests, navigations, settings and site', async () => {
    const store = twoSessions();
    await run(() => store.navigated('https://player.example.com/watch/2', T0 + 20_000_000));
    await run(() => store.setSettings({ customEndpoints: ['https://collect.example.net/media'] }));
    const v = viewerHost();
    const c = await show(store, v.host);
    await click(one(c, '[data-testid=open-viewer]'));
    assert.equal(v.opened.length, 1);
    const capture = v.opened[0];
    assert.ok(capture, 'a capture is handed over');
    assert.deepEqual(capture.exchanges.map((e) => e.index), store.allExchanges().map((e) => e.index));
    assert.deepEqual(capture.navigations, store.get().navigations);
    assert.deepEqual(capture.settings.customEndpoints, ['https://collect.example.net/media']);
    assert.equal(capture.site, 'player.example.com');
    assert.equal(text(one(c, '[data-testid=notice]')), `The viewer tab shows ${store.analysis().calls.length} Media Collection calls in 2 sessions`);
  });

  test('with nothing captured, opens an empty viewer (for a file someone sent)', async () => {
    const v = viewerHost();
    const c = await show(new PanelStore(), v.host);
    await click(one(c, '[data-testid=open-viewer]'));
    assert.deepEqual(v.opened, [undefined]);
  });

  /** A window as the handoff uses it: Node's BroadcastChannel and timers. */
  const win = { BroadcastChannel, setTimeout, clearTimeout } as unknown as Window;

  test('the viewer gets the capture offered for its id, once, and tells the panel what it shows; another id gets nothing', async () => {
    const capture = captureOf(twoSessions(), 'player.example.com');
    const heard: unknown[] = [];
    assert.equal(offerCapture(win, 'abcdef0123456789', capture, 5000, (shown) => heard.push(shown)), true);
    assert.equal(await askForCapture(win, 'someone-else-0000', 100), null, 'another id gets nothing');
    const got = await askForCapture(win, 'abcdef0123456789', 2000);
    assert.ok(got, 'the viewer got it');
    assert.equal(got.exchanges.length, capture.exchanges.length);
    assert.equal(got.exchanges[5]?.requestBody, capture.exchanges[5]?.requestBody);
    assert.equal(got.site, 'player.example.com');
    assert.equal(await askForCapture(win, 'abcdef0123456789', 100), null, 'taken once: the panel forgot it');
    tellShown(win, 'someone-else-0000', { requests: 1, sessions: 1 });
    tellShown(win, 'abcdef0123456789', { requests: 42, sessions: 2 });
    await waitUntil(() => heard.length > 0);
    assert.deepEqual(heard, [{ requests: 42, sessions: 2 }]);
  });

  test('a window without BroadcastChannel neither offers nor waits', async () => {
    const bare = { setTimeout, clearTimeout } as unknown as Window;
    assert.equal(offerCapture(bare, 'abcdef0123456789', captureOf(twoSessions(), null)), false);
    assert.equal(await askForCapture(bare, 'abcdef0123456789'), null);
  });

  test('the id is read from #capture=<id> only', () => {
    assert.equal(captureIdIn('#capture=6f1c1a2e-3a5b-4c6d-9e8f-0a1b2c3d4e5f'), '6f1c1a2e-3a5b-4c6d-9e8f-0a1b2c3d4e5f');
    assert.equal(captureIdIn(''), null);
    assert.equal(captureIdIn('#capture=<script>'), null);
    assert.equal(captureIdIn('#other=abcdef0123456789'), null);
  });
});

describe('empty state', () => {
  test('names Media Collection\'s and Media Edge\'s paths', async () => {
    const c = await show(new PanelStore());
    const hint = text(one(c, '[data-testid=empty-paths]'));
    for (const path of ['/api/v1/sessions', '/api/v1/sessions/<sid>/events', '/ee/va/v1/sessionStart', '/va/v1/<event>', '/ee/v1/interact']) {
      assert.ok(hint.includes(path), `${path} in: ${hint}`);
    }
  });
});
